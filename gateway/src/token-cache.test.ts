import { describe, expect, it } from 'vitest';
import { InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';
import { cachingVerifier } from './token-cache.js';

describe('cachingVerifier', () => {
  it('verifies a token once until it expires, never caches failures, and stays bounded', async () => {
    let calls = 0;
    let clock = 1_000_000;
    const inner: TokenVerifier = {
      async verify(token) {
        calls += 1;
        if (token === 'bad') throw new InvalidTokenError('invalid token');
        return { userId: token, exp: 1_000 + 60 }; // expires at 1,060 s
      },
    };
    const verifier = cachingVerifier(inner, { maxEntries: 2, now: () => clock });
    await verifier.verify('a');
    await verifier.verify('a');
    expect(calls).toBe(1);
    await expect(verifier.verify('bad')).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify('bad')).rejects.toThrow(InvalidTokenError);
    expect(calls).toBe(3);
    clock = 1_060_000; // expiry: verified again (and the inner verifier decides)
    await verifier.verify('a');
    expect(calls).toBe(4);
    clock = 1_000_000;
    await verifier.verify('b');
    await verifier.verify('c'); // evicts 'a'
    await verifier.verify('a');
    expect(calls).toBe(7);
  });
});
