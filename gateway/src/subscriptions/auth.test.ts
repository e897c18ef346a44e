import { createTokenVerifier, jwksDocument, signAccessToken, type TokenVerifier } from '@taskwire/platform/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { testKeys } from '../../../test/support.js';
import { authenticateConnection, freshestToken, msUntilExpiry, type ConnectionAuth } from './auth.js';

describe('authenticateConnection', () => {
  let verifier: TokenVerifier;
  const sign = async (userId: string, ttlSeconds = 900) =>
    signAccessToken((await testKeys()).keys, userId, { ttlSeconds });

  beforeAll(async () => {
    verifier = createTokenVerifier({ jwks: jwksDocument((await testKeys()).keys) });
  });

  it('gives the user, token and expiry of a valid bearer token, under either spelling', async () => {
    const token = await sign('u1', 600);
    const before = Date.now();
    for (const params of [{ authorization: `Bearer ${token}` }, { Authorization: `bearer ${token}` }]) {
      const outcome = await authenticateConnection(params, verifier);
      if (!('auth' in outcome)) throw new Error(`refused: ${outcome.refused}`);
      expect(outcome.auth).toMatchObject({ userId: 'u1', token });
      expect(outcome.auth.expiresAtMs).toBeGreaterThan(before + 590_000);
      expect(outcome.auth.expiresAtMs).toBeLessThanOrEqual(before + 601_000);
    }
  });

  it('refuses missing, malformed and non-string credentials as missing_token', async () => {
    for (const params of [undefined, {}, { authorization: '' }, { authorization: 'Basic abc' }, { authorization: 7 }])
      expect(await authenticateConnection(params, verifier)).toEqual({ refused: 'missing_token' });
  });

  it('refuses a forged and an expired token as invalid_token', async () => {
    expect(await authenticateConnection({ authorization: 'Bearer not-a-token' }, verifier)).toEqual({
      refused: 'invalid_token',
    });
    const expired = await sign('u1', -10);
    expect(await authenticateConnection({ authorization: `Bearer ${expired}` }, verifier)).toEqual({
      refused: 'invalid_token',
    });
  });

  it('throws what is not the client’s fault', async () => {
    const broken: TokenVerifier = { verify: () => Promise.reject(new Error('JWKS unreachable')) };
    await expect(authenticateConnection({ authorization: 'Bearer x' }, broken)).rejects.toThrow('JWKS unreachable');
  });
});

describe('msUntilExpiry and freshestToken', () => {
  const auth = (token: string, expiresAtMs: number): ConnectionAuth => ({ userId: 'u1', token, expiresAtMs });

  it('waits until expiry, never less than 0 nor more than a timer can', () => {
    expect(msUntilExpiry(auth('a', 5_000), 1_000)).toBe(4_000);
    expect(msUntilExpiry(auth('a', 500), 1_000)).toBe(0);
    expect(msUntilExpiry(auth('a', Number.MAX_SAFE_INTEGER), 0)).toBe(2 ** 31 - 1);
  });

  it('picks the token that lives longest, ignoring expired ones', () => {
    expect(freshestToken([auth('a', 2_000), auth('b', 9_000), auth('c', 5_000)], 1_000)).toBe('b');
    expect(freshestToken([auth('a', 500)], 1_000)).toBeNull();
    expect(freshestToken([], 1_000)).toBeNull();
  });
});
