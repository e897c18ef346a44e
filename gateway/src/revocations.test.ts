import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';
import { createRevocations, deletedOwnAccount, revokedTokenReason, revokingVerifier } from './revocations.js';
import { cachingVerifier } from './token-cache.js';

const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('revocations', () => {
  it("refuses a revoked user's token even when the cache holds it, and forgets the id one token lifetime later", async () => {
    let clock = 1_000_000;
    const inner: TokenVerifier = { verify: async (token) => ({ userId: token, exp: 10_000 }) };
    const revocations = createRevocations({ maxTokenTtlMs: 900_000, now: () => clock });
    const verifier = revokingVerifier(cachingVerifier(inner, { now: () => clock }), revocations);
    expect(await verifier.verify('ada')).toMatchObject({ userId: 'ada' }); // now cached
    revocations.revoke('ada');
    await expect(verifier.verify('ada')).rejects.toThrow(new InvalidTokenError(revokedTokenReason));
    expect(await verifier.verify('bob')).toMatchObject({ userId: 'bob' });
    clock += 899_000;
    expect(revocations.isRevoked('ada')).toBe(true);
    clock += 1_000;
    expect(revocations.isRevoked('ada')).toBe(false);
    expect(revocations.size).toBe(0);
    // A deletion older than a token lifetime (a replayed event) is not kept.
    revocations.revoke('cy', clock - 900_000);
    expect(revocations.isRevoked('cy')).toBe(false);
  });

  it('tells listeners of each newly revoked user once (the WebSocket side closes their connections)', () => {
    const revocations = createRevocations({ maxTokenTtlMs: 900_000 });
    const heard: string[] = [];
    revocations.onRevoke((userId) => heard.push(userId));
    revocations.revoke('ada');
    revocations.revoke('ada'); // the same deletion again, e.g. from the user-events feed
    revocations.revoke('bob');
    expect(heard).toEqual(['ada', 'bob']);
  });

  it('recognises a successful deleteAccount under any alias, and only that', () => {
    expect(deletedOwnAccount(operation('mutation { deleteAccount(password: "x") }'), { deleteAccount: true })).toBe(
      true,
    );
    expect(deletedOwnAccount(operation('mutation { gone: deleteAccount(password: "x") }'), { gone: true })).toBe(true);
    expect(deletedOwnAccount(operation('mutation { gone: deleteAccount(password: "x") }'), { gone: null })).toBe(false);
    expect(
      deletedOwnAccount(operation('mutation { deleteAccount: signIn(input: $i) { token } }'), { deleteAccount: true }),
    ).toBe(false);
    expect(deletedOwnAccount(operation('query { deleteAccount }'), { deleteAccount: true })).toBe(false);
    expect(deletedOwnAccount(undefined, { deleteAccount: true })).toBe(false);
  });
});
