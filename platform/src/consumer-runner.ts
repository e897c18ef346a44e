import type { Kafka } from 'kafkajs';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { EventEnvelope } from './events.js';
import type { MetricsRegistry } from './metrics.js';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The pure core of a consumer: applies one event's effect inside `trx`. The runner has
 * already claimed the event in the inbox in the same transaction, so a redelivered event
 * never reaches the handler twice. Throwing rolls back effect and claim; the runner
 * retries, then dead-letters.
 */
export type EventHandler<DB> = (trx: Transaction<DB>, event: EventEnvelope, meta: MessageMeta) => Promise<void>;

export interface ConsumerRunnerOptions<DB> {
  /** Consumer group id and inbox consumer name, e.g. `audit-writer`. */
  name: string;
  topics: string[];
  kafka: Kafka;
  db: Kysely<DB>;
  logger: Logger;
  /** Applies one event. */
  handle: EventHandler<DB>;
  /**
   * Optional batched form: applies many events in one transaction (the runner claims them
   * all first and passes only the new ones). When it throws, the runner falls back to
   * `handle` one event at a time to isolate a poison message.
   */
  handleBatch?: (trx: Transaction<DB>, events: Array<{ event: EventEnvelope; meta: MessageMeta }>) => Promise<void>;
  /** Event types this consumer cares about; others are skipped without a transaction. */
  types?: ReadonlySet<string>;
  /** Attempts per message before it goes to `<topic>.dlq` (default 5, with backoff). */
  maxAttempts?: number;
  /** Start from the earliest offset when the group has none (default true). */
  fromBeginning?: boolean;
  registry?: MetricsRegistry;
  /** kafkajs sessionTimeout; handlers must finish a batch well within it. */
  sessionTimeoutMs?: number;
}

export interface ConsumerRunner {
  /** Connects, joins the group and starts consuming; resolves once subscribed. */
  start(): Promise<void>;
  /** Stops fetching, finishes the in-flight batch, commits what is durable, disconnects. */
  stop(): Promise<void>;
  /** True while connected to the group (for /readyz). */
  ready(): boolean;
}

/**
 * Wraps kafkajs into a consumer with an inbox, bounded retries, a dead-letter topic and a
 * graceful stop. Offsets are committed only after the effect's transaction commits.
 */
export function createConsumerRunner<DB>(_options: ConsumerRunnerOptions<DB>): ConsumerRunner {
  throw new Error('createConsumerRunner: being implemented (platform eventing task)');
}
