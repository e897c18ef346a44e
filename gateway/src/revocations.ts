import { randomUUID } from 'node:crypto';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';
import { decodeEnvelope, parseEvent } from '@taskwire/platform/events';
import { createKafka, createKafkaClientReplacer, onRequestTimeout, type KafkaConfig } from '@taskwire/platform/kafka';
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
  /** Connects and starts reading (retrying while Kafka cannot be reached); resolves once the reader is positioned, or when stopped first. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Learns of accounts deleted through other gateway replicas from `user-events`: a consumer of
 * its own per process (a fresh group id, nothing committed) that starts at the offsets of
 * `lookbackMs` ago — the longest a token lives — so a restarted replica still refuses every
 * token that can be valid. Messages other than `user.deleted`, or off the contract, are
 * ignored (the contract's consumers dead-letter them; this reader only listens).
 * `start` keeps trying (backing off from `retryMs.first` to `retryMs.max`) while Kafka cannot
 * be reached, so a replica that started during a broker outage still learns of deletions. A
 * request that times out replaces the consumer and starts again from `lookbackMs` ago.
 */
export function createRevocationFeed(options: {
  brokers: string[];
  topic: string;
  lookbackMs: number;
  revocations: Revocations;
  logger: Logger;
  retryMs?: { first: number; max: number };
  /** More kafkajs client settings (tests: a socket factory through a proxy, a short request timeout). */
  kafka?: Pick<KafkaConfig, 'socketFactory' | 'requestTimeout'>;
}): RevocationFeed {
  const { topic, revocations, logger } = options;
  const retryMs = options.retryMs ?? { first: 1_000, max: 30_000 };
  // Few retries inside kafkajs: the loop of `start` retries the whole start-up, for as long as it takes.
  const kafka = createKafka({
    brokers: options.brokers,
    clientId: 'gateway-revocations',
    logger,
    retry: { initialRetryTime: 200, retries: 3 },
    ...options.kafka,
  });
  type Consumer = ReturnType<typeof kafka.consumer>;
  let consumer: Consumer | undefined;
  let stopped = false;
  let wakeUp: (() => void) | undefined;

  const startOnce = async (): Promise<void> => {
    const admin = kafka.admin();
    const since = Date.now() - options.lookbackMs;
    let offsets: Array<{ partition: number; offset: string }>;
    try {
      await admin.connect();
      offsets = await admin.fetchTopicOffsetsByTimestamp(topic, since);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const c = kafka.consumer({ groupId: `gateway-revocations-${randomUUID()}`, allowAutoTopicCreation: false });
    consumer = c;
    onRequestTimeout(c, (apiName) => {
      if (c === consumer) replace(c, apiName);
    });
    const running = new Promise<void>((resolve, reject) => {
      c.on(c.events.FETCH_START, () => resolve());
      c.on(c.events.CRASH, (e) => reject(e.payload.error));
    });
    await c.connect();
    await c.subscribe({ topics: [topic], fromBeginning: false });
    await c.run({
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
    await running; // joined and fetching, or crashed (then this attempt failed)
    for (const { partition, offset } of offsets) c.seek({ topic, partition, offset });
    logger.info({ topic, since: new Date(since).toISOString() }, 'revocation feed started');
  };

  /** One start-up; on failure the consumer it left is disconnected. */
  const tryStart = async (): Promise<void> => {
    try {
      await startOnce();
    } catch (error) {
      await consumer?.disconnect().catch(() => undefined);
      consumer = undefined;
      throw error;
    }
  };

  const replacer = createKafkaClientReplacer({
    logger,
    message: 'revocation feed: a Kafka request timed out; replacing its consumer',
    isActive: () => !stopped,
  });
  /**
   * A request of `stalled` timed out: its connections may be spoiled (onRequestTimeout in
   * platform/src/kafka.ts); start again with a new consumer, from `lookbackMs` ago.
   */
  const replace = (stalled: Consumer, apiName: string) => {
    void replacer.replace(apiName, { stopOld: () => stalled.disconnect(), startNew: tryStart });
  };

  return {
    async start() {
      for (let delay = retryMs.first; !stopped; delay = Math.min(delay * 2, retryMs.max)) {
        try {
          await tryStart();
          return;
        } catch (error) {
          if (stopped) return;
          logger.warn({ err: error, retryInMs: delay }, 'revocation feed could not start; retrying');
          await new Promise<void>((resolve) => {
            wakeUp = resolve;
            setTimeout(resolve, delay).unref();
          });
        }
      }
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await replacer.settled();
      await consumer?.disconnect();
    },
  };
}
