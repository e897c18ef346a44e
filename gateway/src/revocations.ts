import { randomUUID } from 'node:crypto';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';
import { decodeEnvelope, parseEvent } from '@taskwire/platform/events';
import { createKafka } from '@taskwire/platform/kafka';
import type { Logger } from '@taskwire/platform/logger';

/**
 * The users whose tokens this gateway no longer accepts: deleted accounts. An access token
 * lives at most `maxTokenTtlMs`, so an entry is dropped that long after the deletion (every
 * token of the user has expired by then, and a deleted id is never issued again).
 */
export interface Revocations {
  /** Refuses the user's tokens from now on (`atMs`: when the account was deleted). */
  revoke(userId: string, atMs?: number): void;
  isRevoked(userId: string): boolean;
  /** Calls `listener` with each newly revoked user id (e.g. to close their open WebSockets). */
  onRevoke(listener: (userId: string) => void): void;
  readonly size: number;
}

export function createRevocations({
  maxTokenTtlMs,
  now = () => Date.now(),
}: {
  maxTokenTtlMs: number;
  now?: () => number;
}): Revocations {
  const revokedAt = new Map<string, number>();
  const listeners: Array<(userId: string) => void> = [];
  const prune = () => {
    const horizon = now() - maxTokenTtlMs;
    // Insertion order is roughly deletion order: stop at the first entry still in force.
    for (const [userId, at] of revokedAt) {
      if (at > horizon) break;
      revokedAt.delete(userId);
    }
  };
  return {
    revoke(userId, atMs = now()) {
      prune();
      if (atMs + maxTokenTtlMs <= now()) return;
      const known = revokedAt.get(userId);
      if (known === undefined || atMs < known) revokedAt.set(userId, atMs);
      if (known === undefined) for (const listener of listeners) listener(userId);
    },
    onRevoke(listener) {
      listeners.push(listener);
    },
    isRevoked(userId) {
      const at = revokedAt.get(userId);
      return at !== undefined && at + maxTokenTtlMs > now();
    },
    get size() {
      prune();
      return revokedAt.size;
    },
  };
}

/** The reason a revoked user's token is refused (mapped to "not valid" for the client). */
export const revokedTokenReason = 'token of a deleted account';

/**
 * Refuses tokens of revoked users, checked on every call: put it outside the caching
 * verifier, so a cached token of a user deleted since is refused too.
 */
export function revokingVerifier(inner: TokenVerifier, revocations: Revocations): TokenVerifier {
  return {
    async verify(token) {
      const claims = await inner.verify(token);
      if (revocations.isRevoked(claims.userId)) throw new InvalidTokenError(revokedTokenReason);
      return claims;
    },
  };
}

/**
 * Whether a mutation's result says the caller's account was deleted: a root `deleteAccount`
 * field (under any alias) that answered true.
 */
export function deletedOwnAccount(
  operation: OperationDefinitionNode | undefined,
  data: Record<string, unknown> | null | undefined,
): boolean {
  if (!operation || operation.operation !== OperationTypeNode.MUTATION || !data) return false;
  return operation.selectionSet.selections.some(
    (s) => s.kind === Kind.FIELD && s.name.value === 'deleteAccount' && data[s.alias?.value ?? s.name.value] === true,
  );
}

export interface RevocationFeed {
  /** Connects and starts reading; resolves once the reader is positioned. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Learns of accounts deleted through other gateway replicas from `user-events`: a consumer of
 * its own per process (a fresh group id, nothing committed) that starts at the offsets of
 * `lookbackMs` ago — the longest a token lives — so a restarted replica still refuses every
 * token that can be valid. Messages other than `user.deleted`, or off the contract, are
 * ignored (the contract's consumers dead-letter them; this reader only listens).
 */
export function createRevocationFeed(options: {
  brokers: string[];
  topic: string;
  lookbackMs: number;
  revocations: Revocations;
  logger: Logger;
}): RevocationFeed {
  const { topic, revocations, logger } = options;
  const groupId = `gateway-revocations-${randomUUID()}`;
  const kafka = createKafka({ brokers: options.brokers, clientId: 'gateway-revocations', logger });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const admin = kafka.admin();
  return {
    async start() {
      await admin.connect();
      const since = Date.now() - options.lookbackMs;
      const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, since);
      await admin.disconnect();
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          try {
            const event = parseEvent(decodeEnvelope(message.value));
            if (event.type === 'user.deleted') revocations.revoke(event.userId, Date.parse(event.occurredAt));
          } catch (error) {
            logger.debug({ err: error }, 'revocation feed: message off the contract ignored');
          }
        },
      });
      for (const { partition, offset } of offsets) consumer.seek({ topic, partition, offset });
      logger.info({ topic, since: new Date(since).toISOString() }, 'revocation feed started');
    },
    async stop() {
      await consumer.disconnect();
    },
  };
}
