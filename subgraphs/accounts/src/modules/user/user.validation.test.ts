import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { signInEmailKey, validateEmail, validateName, validatePassword } from './user.validation.js';

function codeAndField(fn: () => unknown): { code: unknown; field: unknown; message: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    const e = error as GraphQLError;
    return { code: e.extensions.code, field: e.extensions.field, message: e.message };
  }
}

describe('accounts input validation', () => {
  it('applies the password policy without echoing the password', () => {
    expect(codeAndField(() => validatePassword('input.password', 'Correct-Horse-9', 'a@b.co'))).toBeNull();
    for (const bad of ['short1A', 'alllowercaseletters', 'alice.smith-2026', 'x'.repeat(257) + 'A']) {
      const outcome = codeAndField(() => validatePassword('input.password', bad, 'alice.smith@example.com'));
      expect(outcome).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
      expect(outcome!.message).not.toContain(bad);
    }
  });

  it('refuses malformed e-mail addresses', () => {
    expect(validateEmail('e', '  Ann@Example.com ')).toBe('Ann@Example.com');
    expect(codeAndField(() => validateEmail('input.email', 'not-an-email'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.email',
    });
  });

  it('refuses control characters and bidi or other formatting characters in e-mails', () => {
    for (const bad of [
      'ann\u0000@example.com',
      'ann@exa\u0007mple.com',
      'ann\u202e@example.com',
      'a\u200bnn@example.com',
    ]) {
      const outcome = codeAndField(() => validateEmail('input.email', bad));
      expect(outcome, JSON.stringify(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    }
    expect(codeAndField(() => validateEmail('input.email', 'moc.elpmaxe@\u202enna'))!.message).toContain('U+202E');
    expect(codeAndField(() => signInEmailKey('input.email', 'ann\u0000@example.com'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.email',
    });
    expect(signInEmailKey('input.email', ' Ann@Example.com ')).toBe('ann@example.com');
  });

  it('refuses control characters in names', () => {
    expect(validateName('input.name', ' Ann ')).toBe('Ann');
    expect(codeAndField(() => validateName('input.name', 'A\u0000nn'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
  });
});
