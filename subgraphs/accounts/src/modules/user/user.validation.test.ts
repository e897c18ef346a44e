import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { validateEmail, validatePassword } from './user.validation.js';

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
});
