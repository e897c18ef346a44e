import { describe, expect, it } from 'vitest';
import { hashSecretToken, newSecretToken, openWith, sealWith } from './secret-token.js';

describe('secret tokens', () => {
  it('are random, and stored as a hash that is not the token', () => {
    const a = newSecretToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecretToken()).not.toBe(a);
    expect(hashSecretToken(a)).toBe(hashSecretToken(a));
    expect(hashSecretToken(a)).not.toContain(a);
  });

  it('seal a successor that only the spent token opens', () => {
    const spent = newSecretToken();
    const successor = newSecretToken();
    const sealed = sealWith(spent, successor);
    expect(sealed).not.toContain(successor);
    expect(openWith(spent, sealed)).toBe(successor);
    expect(openWith(newSecretToken(), sealed)).toBeNull();
    expect(openWith(spent, sealed.slice(0, -2) + 'AA')).toBeNull();
  });
});
