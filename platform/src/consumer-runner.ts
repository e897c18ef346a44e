import { backoffDelayMs } from './backoff.js';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { databaseReady } from './database.js';
import {
  decodeEnvelope,
  deadLetterTopic,
  EventContractError,
  parseEvent,
  type EventErrorKind,
  type EventOf,
  type EventType,
} from './events/index.js';
import { createConsumerLagMonitor } from './consumer-lag.js';
import { claimEvent, claimEvents } from './inbox.js';
import { createEventProducer } from './kafka.js';
import { prom, type MetricsRegistry } from './metrics.js';
import { traceConsumed } from './trace-context.js';

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
export type EventHandler<DB, T extends EventType = EventType> = (
  trx: Transaction<DB>,
  event: EventOf<T>,
  meta: MessageMeta,
) => Promise<void>;

export interface ConsumerRunnerOptions<DB, T extends EventType> {
  /** Consumer group id and inbox consumer name, e.g. `audit-writer`. */
  name: string;
  topics: string[];
  kafka: Kafka;
  db: Kysely<DB>;
  logger: Logger;
  /**
   * Event types this consumer handles. A message of another type is skipped and committed past
   * (metric `consumer_events_skipped_total`), so a producer that starts emitting a new type
   * during a rolling deploy sends nothing to the DLQ. A handled type is parsed with the
   * contract's schema first: an unknown version or a payload that does not match goes to the DLQ.
   */
  types: readonly T[];
  /** Applies one event, already checked against the contract. */
  handle: EventHandler<DB, T>;
  /**
   * Optional batched form: applies many events in one transaction (the runner claims them
   * all first and passes only the new ones). When it throws, the runner falls back to
   * `handle` one event at a time to isolate a poison message.
   */
  handleBatch?: (trx: Transaction<DB>, events: Array<{ event: EventOf<T>; meta: MessageMeta }>) => Promise<void>;
  /** Attempts per message before it goes to `<topic>.dlq` (default 5, with backoff). */
  maxAttempts?: number;
  /** Start from the earliest offset when the group has none (default true). */
  fromBeginning?: boolean;
  registry?: MetricsRegistry;
  /** kafkajs sessionTimeout; handlers must finish a batch well within it. */
  sessionTimeoutMs?: number;
  /** First retry delay after a handler failure; doubles per attempt (default 100). */
  retryBaseDelayMs?: number;
  /** Upper bound of the retry delay (default 5000). */
  retryMaxDelayMs?: number;
  /** How often resolved offsets are committed inside a long batch (default 1000). */
  commitIntervalMs?: number;
  /** Most events passed to one `handleBatch` call / transaction (default 500). */
  maxBatchEvents?: number;
  /**
   * Longest a fetch waits for new messages (kafkajs maxWaitTimeInMs, default 1000). `stop()`
   * waits for the fetch in flight, so this bounds how long an idle consumer takes to stop.
   */
  maxWaitTimeMs?: number;
  /** How often the group's lag is measured for `consumer_lag_messages` (default 15000; needs `registry`). */
  lagIntervalMs?: number;
}

export interface ConsumerRunner {
  /** Connects, joins the group and starts consuming; resolves once subscribed. */
  start(): Promise<void>;
  /** Stops fetching, finishes the in-flight batch, commits what is durable, disconnects. */
  stop(): Promise<void>;
  /** True while connected to the group (for /readyz). */
  ready(): boolean;
}

/** Header names of a dead-letter message (schema/EVENTS.md "Dead-letter message"). */
export const deadLetterHeaderNames = {
  error: 'x-error',
  /** Short machine-readable reason: an `EventErrorKind` of the contract, or `handler-failed`. */
  errorKind: 'x-error-kind',
  consumer: 'x-consumer',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  attempts: 'x-attempts',
} as const;

/** Longest `x-error` header we write; a stack-sized message would bloat every DLQ record. */
const maxErrorHeaderChars = 2000;

/** Why a message was dead-lettered: an `EventErrorKind` of the contract, or `handler-failed`. */
export function deadLetterKind(error: unknown): EventErrorKind | 'handler-failed' {
  return error instanceof EventContractError ? error.kind : 'handler-failed';
}

/**
 * Headers of the dead-letter copy of a message: the original headers (so tracing and event
 * ids survive) overlaid with the contract headers of schema/EVENTS.md.
 */
export function buildDeadLetterHeaders(input: {
  error: unknown;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  attempts: number;
  originalHeaders?: IHeaders;
}): IHeaders {
  const message = input.error instanceof Error ? `${input.error.name}: ${input.error.message}` : String(input.error);
  return {
    ...(input.originalHeaders ?? {}),
    [deadLetterHeaderNames.error]:
      message.length > maxErrorHeaderChars ? `${message.slice(0, maxErrorHeaderChars)}…` : message,
    [deadLetterHeaderNames.errorKind]: deadLetterKind(input.error),
    [deadLetterHeaderNames.consumer]: input.consumer,
    [deadLetterHeaderNames.originalTopic]: input.topic,
    [deadLetterHeaderNames.originalPartition]: String(input.partition),
    [deadLetterHeaderNames.originalOffset]: input.offset,
    [deadLetterHeaderNames.attempts]: String(input.attempts),
  };
}

export { deadLetterTopic };

/** First occurrence of each event id, in order (a batch can carry relay duplicates). */
export function uniqueByEventId<T extends { event: { id: string } }>(items: ReadonlyArray<T>): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.event.id) ? false : (seen.add(item.event.id), true)));
}

function metric<T>(registry: MetricsRegistry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

type Outcome = 'done' | 'aborted';

/**
 * Wraps kafkajs into a consumer with an inbox, bounded retries, a dead-letter topic and a
 * graceful stop. Offsets are committed only after the effect's transaction commits.
 *
 * - Consumer group = `name`; `eachBatch` with auto-commit off. Each message's offset is
 *   resolved after its transaction committed (or it was skipped / dead-lettered), and
 *   resolved offsets are committed every `commitIntervalMs` and at the end of each batch.
 *   A crash between the effect and the commit redelivers; the inbox turns that into a no-op.
 * - A message of a type not in `types` is skipped. A message that is not an envelope, or of a
 *   handled type with an unknown version or a payload that fails the contract's schema, goes
 *   straight to `<topic>.dlq` (header `x-error-kind`). A handler that
 *   throws is retried with exponential backoff up to `maxAttempts`, then dead-lettered —
 *   unless the database itself is unreachable, in which case retrying continues (a database
 *   outage must not empty the topic into the DLQ).
 * - With `handleBatch`, the new events of a batch are applied in one transaction; if it
 *   throws, the runner falls back to `handle` one at a time to isolate the poison message.
 * - `stop()` makes the in-flight batch finish its current message, commits what is
 *   durable, leaves the group and disconnects.
 */
export function createConsumerRunner<DB, const T extends EventType>(
  options: ConsumerRunnerOptions<DB, T>,
): ConsumerRunner {
  const { name, topics, kafka, db, handle, handleBatch } = options;
  const types: ReadonlySet<string> = new Set(options.types);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 100;
  const retryMaxDelayMs = options.retryMaxDelayMs ?? 5000;
  const commitIntervalMs = options.commitIntervalMs ?? 1000;
  const maxBatchEvents = options.maxBatchEvents ?? 500;
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  const log = options.logger.child({ component: 'consumer-runner', consumer: name });

  const registry = options.registry;
  const processed = registry
    ? metric(
        registry,
        'consumer_events_processed_total',
        () =>
          new prom.Counter({
            name: 'consumer_events_processed_total',
            help: 'Events whose effect committed',
            labelNames: ['consumer', 'topic'],
            registers: [registry],
          }),
      )
    : undefined;
  const duplicates = registry
    ? metric(
        registry,
        'consumer_events_duplicate_total',
        () =>
          new prom.Counter({
            name: 'consumer_events_duplicate_total',
            help: 'Redelivered events the inbox skipped',
            labelNames: ['consumer', 'topic'],
            registers: [registry],
          }),
      )
    : undefined;
  const deadLettered = registry
    ? metric(
        registry,
        'consumer_events_dead_lettered_total',
        () =>
          new prom.Counter({
            name: 'consumer_events_dead_lettered_total',
            help: 'Messages sent to the dead-letter topic, by original topic and reason (x-error-kind)',
            labelNames: ['consumer', 'topic', 'kind'],
            registers: [registry],
          }),
      )
    : undefined;
  const skipped = registry
    ? metric(
        registry,
        'consumer_events_skipped_total',
        () =>
          new prom.Counter({
            name: 'consumer_events_skipped_total',
            help: 'Messages of an event type this consumer does not handle, committed past',
            labelNames: ['consumer', 'topic', 'type'],
            registers: [registry],
          }),
      )
    : undefined;
  const retries = registry
    ? metric(
        registry,
        'consumer_retries_total',
        () =>
          new prom.Counter({
            name: 'consumer_retries_total',
            help: 'Handler attempts that failed and were retried',
            labelNames: ['consumer', 'topic'],
            registers: [registry],
          }),
      )
    : undefined;
  const lagMonitor = registry
    ? createConsumerLagMonitor({
        groupId: name,
        topics,
        kafka,
        registry,
        logger: options.logger,
        fromBeginning: options.fromBeginning ?? true,
        ...(options.lagIntervalMs === undefined ? {} : { intervalMs: options.lagIntervalMs }),
      })
    : undefined;

  const consumer: Consumer = kafka.consumer({
    groupId: name,
    sessionTimeout,
    heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 10)),
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 1000,
  });
  const dlqProducer: Producer = createEventProducer(kafka);
  let inGroup = false;
  let started = false;
  let stopping = false;

  consumer.on(consumer.events.GROUP_JOIN, () => {
    inGroup = true;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    log.error({ err: event.payload.error, restart: event.payload.restart }, 'consumer crashed');
    if (!event.payload.restart) inGroup = false;
  });
  consumer.on(consumer.events.STOP, () => {
    inGroup = false;
  });
  consumer.on(consumer.events.DISCONNECT, () => {
    inGroup = false;
  });

  async function deadLetter(
    message: KafkaMessage,
    topic: string,
    partition: number,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    await dlqProducer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: buildDeadLetterHeaders({
            error,
            consumer: name,
            topic,
            partition,
            offset: message.offset,
            attempts,
            originalHeaders: message.headers,
          }),
        },
      ],
    });
    deadLettered?.inc({ consumer: name, topic, kind: deadLetterKind(error) });
    log.warn({ topic, partition, offset: message.offset, attempts, err: error }, 'message dead-lettered');
  }

  /** Waits `ms` while keeping the group membership alive; false when the consumer is stopping. */
  async function pause(ms: number, heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!isRunning()) return false;
      await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
    return isRunning();
  }

  /** Applies one decoded event with retries; dead-letters it after maxAttempts. */
  async function applyOne(
    message: KafkaMessage,
    event: EventOf<T>,
    meta: MessageMeta,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = await db.transaction().execute(async (trx) => {
          if (!(await claimEvent(trx, name, event.id))) return false;
          await traceConsumed(name, [{ message, event, meta }], () => handle(trx, event, meta));
          return true;
        });
        (fresh ? processed : duplicates)?.inc({ consumer: name, topic: meta.topic });
        return 'done';
      } catch (error) {
        if (attempt >= maxAttempts) {
          if (!(await databaseReady(db as Kysely<unknown>))) {
            log.error({ err: error, ...meta }, 'database unreachable; retrying instead of dead-lettering');
            if (!(await pause(retryMaxDelayMs, heartbeat, isRunning))) return 'aborted';
            attempt = maxAttempts - 1;
            continue;
          }
          await deadLetter(message, meta.topic, meta.partition, error, attempt);
          return 'done';
        }
        retries?.inc({ consumer: name, topic: meta.topic });
        log.warn({ err: error, ...meta, eventId: event.id, attempt }, 'handler failed; retrying');
        if (
          !(await pause(
            backoffDelayMs(attempt, { baseMs: retryBaseDelayMs, maxMs: retryMaxDelayMs }),
            heartbeat,
            isRunning,
          ))
        )
          return 'aborted';
      }
    }
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary, uncommittedOffsets } =
      payload;
    const { topic, partition } = batch;
    let lastCommitAt = Date.now();
    let lastResolved: string | undefined;

    const resolve = (offset: string) => {
      resolveOffset(offset);
      lastResolved = offset;
    };
    const commit = async () => {
      // Only what was resolved, i.e. what is durable; a stale partition belongs to someone else now.
      if (isStale()) return;
      await commitOffsetsIfNecessary(uncommittedOffsets());
      lastCommitAt = Date.now();
    };
    const maybeCommit = async () => {
      await heartbeat();
      if (Date.now() - lastCommitAt >= commitIntervalMs) await commit();
    };

    // Decode, filter and parse first; all are cheap and need no transaction.
    type Item = { message: KafkaMessage; event: EventOf<T>; meta: MessageMeta };
    type Pending = { message: KafkaMessage; item?: Item; parseError?: unknown };
    const pending: Pending[] = batch.messages.map((message) => {
      try {
        const envelope = decodeEnvelope(message.value);
        if (!types.has(envelope.type)) {
          skipped?.inc({ consumer: name, topic, type: envelope.type });
          return { message };
        }
        const event = parseEvent(envelope) as EventOf<T>;
        return { message, item: { message, event, meta: { topic, partition, offset: message.offset } } };
      } catch (error) {
        return { message, parseError: error };
      }
    });

    let failed = true;
    try {
      if (handleBatch) {
        for (let start = 0; start < pending.length; start += maxBatchEvents) {
          if (!isRunning() || isStale()) break;
          const chunk = pending.slice(start, start + maxBatchEvents);
          // A message that cannot be parsed never will be: straight to the DLQ, no retries.
          for (const p of chunk)
            if (p.parseError !== undefined) await deadLetter(p.message, topic, partition, p.parseError, 1);
          const items = uniqueByEventId(chunk.flatMap((p) => (p.item ? [p.item] : [])));
          let applied = false;
          try {
            const freshCount = await db.transaction().execute(async (trx) => {
              const claimed = await claimEvents(
                trx,
                name,
                items.map((i) => i.event.id),
              );
              const fresh = items.filter((i) => claimed.has(i.event.id));
              if (fresh.length > 0)
                await traceConsumed(name, fresh, () =>
                  handleBatch(
                    trx,
                    fresh.map(({ event, meta }) => ({ event, meta })),
                  ),
                );
              return fresh.length;
            });
            processed?.inc({ consumer: name, topic }, freshCount);
            duplicates?.inc({ consumer: name, topic }, items.length - freshCount);
            applied = true;
          } catch (error) {
            log.warn({ err: error, topic, partition, events: items.length }, 'handleBatch failed; applying one by one');
          }
          if (applied) {
            for (const p of chunk) resolve(p.message.offset);
            await maybeCommit();
            continue;
          }
          if ((await applyEach(chunk, true)) === 'aborted') break;
        }
      } else {
        await applyEach(pending);
      }
      failed = false;
    } finally {
      if (lastResolved !== undefined) {
        if (failed) {
          // Keep the original error (kafkajs reacts to it, e.g. rejoins after a rebalance);
          // an offset left uncommitted only means a redelivery the inbox absorbs.
          await commit().catch((error) => log.warn({ err: error, topic, partition }, 'offset commit failed'));
        } else {
          await commit();
        }
      }
    }

    async function applyEach(list: Pending[], parseErrorsSent = false): Promise<Outcome> {
      for (const p of list) {
        if (!isRunning() || isStale()) return 'aborted';
        if (p.parseError !== undefined && !parseErrorsSent)
          await deadLetter(p.message, topic, partition, p.parseError, 1);
        if (p.item && (await applyOne(p.message, p.item.event, p.item.meta, heartbeat, isRunning)) === 'aborted')
          return 'aborted';
        resolve(p.message.offset);
        await maybeCommit();
      }
      return 'done';
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      stopping = false;
      try {
        await dlqProducer.connect();
        await consumer.connect();
        await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
        await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
        lagMonitor?.start();
      } catch (error) {
        started = false;
        await consumer.disconnect().catch(() => undefined);
        await dlqProducer.disconnect().catch(() => undefined);
        throw error;
      }
      log.info({ topics }, 'consumer started');
    },
    async stop() {
      if (!started || stopping) return;
      stopping = true;
      await lagMonitor?.stop();
      // kafkajs' stop waits for the running eachBatch, which sees isRunning() = false after
      // its current message and commits what it resolved.
      await consumer.stop().catch((error) => log.warn({ err: error }, 'consumer stop failed'));
      await consumer.disconnect().catch((error) => log.warn({ err: error }, 'consumer disconnect failed'));
      await dlqProducer.disconnect().catch(() => undefined);
      inGroup = false;
      started = false;
      log.info('consumer stopped');
    },
    ready() {
      return started && !stopping && inGroup;
    },
  };
}
