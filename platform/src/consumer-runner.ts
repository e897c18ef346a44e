import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { applyClaimedBatch, applyClaimedEvent } from './consumer-runner-apply.js';
import { buildDeadLetterRecord, deadLetterKind } from './consumer-runner-dead-letter.js';
import {
  classifyMessage,
  planBatchChunks,
  type ClassifiedMessage,
  type HandledItem,
} from './consumer-runner-messages.js';
import { createOffsetBook, type OffsetBook } from './consumer-runner-offsets.js';
import { attemptsSpent, decideAfterFailure, pauseWithHeartbeat, type RetryPolicy } from './consumer-runner-retry.js';
import { databaseReady } from './database.js';
import { deadLetterTopic, type EventOf, type EventType } from './events/index.js';
import { createEventProducer, createKafkaClientReplacer, onRequestTimeout } from './kafka.js';
import { createConsumerLagMonitor } from './consumer-lag.js';
import { prom, singleMetric, type MetricsRegistry } from './metrics.js';

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

export { buildDeadLetterHeaders, deadLetterHeaderNames, deadLetterKind } from './consumer-runner-dead-letter.js';
export { uniqueByEventId } from './consumer-runner-messages.js';
export { deadLetterTopic };

/** The runner's metrics, shared by every runner of a registry; all undefined without one. */
function createRunnerMetrics(registry: MetricsRegistry | undefined) {
  const processed = registry
    ? singleMetric(
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
    ? singleMetric(
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
    ? singleMetric(
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
    ? singleMetric(
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
    ? singleMetric(
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
  const replacements = registry
    ? singleMetric(
        registry,
        'consumer_replacements_total',
        () =>
          new prom.Counter({
            name: 'consumer_replacements_total',
            help: 'Kafka consumers replaced (new connections) after one of their requests timed out',
            labelNames: ['consumer', 'api'],
            registers: [registry],
          }),
      )
    : undefined;
  return { processed, duplicates, deadLettered, skipped, retries, replacements };
}

type RunnerMetrics = ReturnType<typeof createRunnerMetrics>;

/** The options that tune the runner (the same for every database and event type). */
type RunnerTunables = Pick<
  ConsumerRunnerOptions<unknown, EventType>,
  | 'maxAttempts'
  | 'retryBaseDelayMs'
  | 'retryMaxDelayMs'
  | 'commitIntervalMs'
  | 'maxBatchEvents'
  | 'sessionTimeoutMs'
  | 'maxWaitTimeMs'
  | 'fromBeginning'
>;

/** The options' tunables with their defaults applied. */
function resolveSettings(options: RunnerTunables) {
  const retry: RetryPolicy = {
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    retryBaseDelayMs: options.retryBaseDelayMs ?? 100,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 5000,
  };
  return {
    retry,
    commitIntervalMs: options.commitIntervalMs ?? 1000,
    maxBatchEvents: options.maxBatchEvents ?? 500,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    maxWaitTimeMs: options.maxWaitTimeMs ?? 1000,
    fromBeginning: options.fromBeginning ?? true,
  };
}

type RunnerSettings = ReturnType<typeof resolveSettings>;

/** What the batch-processing functions below share for one runner. */
interface RunnerContext<DB, T extends EventType> {
  name: string;
  db: Kysely<DB>;
  handle: EventHandler<DB, T>;
  handleBatch: ConsumerRunnerOptions<DB, T>['handleBatch'];
  types: ReadonlySet<string>;
  settings: RunnerSettings;
  metrics: RunnerMetrics;
  log: Logger;
  dlqProducer: Producer;
}

/** One partition batch in progress: where it comes from, its offsets, its liveness. */
interface BatchScope {
  topic: string;
  partition: number;
  offsets: OffsetBook;
  heartbeat: () => Promise<void>;
  isRunning: () => boolean;
  isStale: () => boolean;
}

type Outcome = 'done' | 'aborted';

/** Publishes the dead-letter copy of `message` and counts it. */
async function deadLetter<DB, T extends EventType>(
  ctx: RunnerContext<DB, T>,
  message: KafkaMessage,
  topic: string,
  partition: number,
  error: unknown,
  attempts: number,
): Promise<void> {
  await ctx.dlqProducer.send(buildDeadLetterRecord({ message, consumer: ctx.name, topic, partition, error, attempts }));
  ctx.metrics.deadLettered?.inc({ consumer: ctx.name, topic, kind: deadLetterKind(error) });
  ctx.log.warn({ topic, partition, offset: message.offset, attempts, err: error }, 'message dead-lettered');
}

/** Applies one decoded event with retries; dead-letters it after maxAttempts. */
async function applyOne<DB, T extends EventType>(
  ctx: RunnerContext<DB, T>,
  item: HandledItem<T>,
  scope: BatchScope,
): Promise<Outcome> {
  const { name, db, metrics, log } = ctx;
  const { message, event, meta } = item;
  for (let attempt = 1; ; attempt++) {
    try {
      const fresh = await applyClaimedEvent(db, name, item, ctx.handle);
      (fresh ? metrics.processed : metrics.duplicates)?.inc({ consumer: name, topic: meta.topic });
      return 'done';
    } catch (error) {
      const databaseReachable =
        !attemptsSpent(attempt, ctx.settings.retry) || (await databaseReady(db as Kysely<unknown>));
      const decision = decideAfterFailure(attempt, ctx.settings.retry, databaseReachable);
      if (decision.action === 'dead-letter') {
        await deadLetter(ctx, message, meta.topic, meta.partition, error, attempt);
        return 'done';
      }
      if (decision.action === 'wait-for-database') {
        log.error({ err: error, ...meta }, 'database unreachable; retrying instead of dead-lettering');
        // The next attempt is again the last one: only the outage's end lets it dead-letter.
        attempt = ctx.settings.retry.maxAttempts - 1;
      } else {
        metrics.retries?.inc({ consumer: name, topic: meta.topic });
        log.warn({ err: error, ...meta, eventId: event.id, attempt }, 'handler failed; retrying');
      }
      if (!(await pauseWithHeartbeat(decision.delayMs, scope.heartbeat, scope.isRunning))) return 'aborted';
    }
  }
}

/**
 * Applies messages one at a time, resolving each after it is durable (or skipped or
 * dead-lettered). `deadLettersSent`: the caller already dead-lettered the unparseable ones.
 */
async function applyEach<DB, T extends EventType>(
  ctx: RunnerContext<DB, T>,
  scope: BatchScope,
  list: ReadonlyArray<ClassifiedMessage<T>>,
  deadLettersSent = false,
): Promise<Outcome> {
  for (const c of list) {
    if (!scope.isRunning() || scope.isStale()) return 'aborted';
    if (c.kind === 'dead-letter' && !deadLettersSent)
      await deadLetter(ctx, c.message, scope.topic, scope.partition, c.error, 1);
    if (c.kind === 'handled' && (await applyOne(ctx, c.item, scope)) === 'aborted') return 'aborted';
    scope.offsets.resolve(c.message.offset);
    await scope.offsets.maybeCommit();
  }
  return 'done';
}

/**
 * Applies the batch in chunks of `maxBatchEvents`, each in one `handleBatch` transaction; a
 * chunk whose transaction throws is applied one by one to isolate the poison message.
 */
async function applyInChunks<DB, T extends EventType>(
  ctx: RunnerContext<DB, T>,
  scope: BatchScope,
  classified: ReadonlyArray<ClassifiedMessage<T>>,
  handleBatch: NonNullable<RunnerContext<DB, T>['handleBatch']>,
): Promise<void> {
  const { name, metrics, log } = ctx;
  const { topic, partition } = scope;
  for (const chunk of planBatchChunks(classified, ctx.settings.maxBatchEvents)) {
    if (!scope.isRunning() || scope.isStale()) break;
    // A message that cannot be parsed never will be: straight to the DLQ, no retries.
    for (const d of chunk.deadLetters) await deadLetter(ctx, d.message, topic, partition, d.error, 1);
    const { items } = chunk;
    let applied = false;
    try {
      const freshCount = await applyClaimedBatch(ctx.db, name, items, handleBatch);
      metrics.processed?.inc({ consumer: name, topic }, freshCount);
      metrics.duplicates?.inc({ consumer: name, topic }, items.length - freshCount);
      applied = true;
    } catch (error) {
      log.warn({ err: error, topic, partition, events: items.length }, 'handleBatch failed; applying one by one');
    }
    if (applied) {
      for (const c of chunk.messages) scope.offsets.resolve(c.message.offset);
      await scope.offsets.maybeCommit();
      continue;
    }
    if ((await applyEach(ctx, scope, chunk.messages, true)) === 'aborted') break;
  }
}

/** Commits what the batch resolved (lag is measured on a timer: consumer-lag.ts). */
async function finishBatch<DB, T extends EventType>(
  ctx: RunnerContext<DB, T>,
  scope: BatchScope,
  failed: boolean,
): Promise<void> {
  if (scope.offsets.lastResolved() === undefined) return;
  const { topic, partition } = scope;
  if (failed) {
    // Keep the original error (kafkajs reacts to it, e.g. rejoins after a rebalance);
    // an offset left uncommitted only means a redelivery the inbox absorbs.
    await scope.offsets
      .commit()
      .catch((error) => ctx.log.warn({ err: error, topic, partition }, 'offset commit failed'));
  } else {
    await scope.offsets.commit();
  }
}

/** kafkajs `eachBatch`: classifies the messages, applies them, commits what is durable. */
async function eachBatch<DB, T extends EventType>(ctx: RunnerContext<DB, T>, payload: EachBatchPayload): Promise<void> {
  const { batch, heartbeat, isRunning, isStale } = payload;
  const { topic, partition } = batch;
  const scope: BatchScope = {
    topic,
    partition,
    offsets: createOffsetBook(payload, ctx.settings.commitIntervalMs),
    heartbeat,
    isRunning,
    isStale,
  };

  // Decode, filter and parse first; all are cheap and need no transaction.
  const classified = batch.messages.map((message) => classifyMessage<T>(message, ctx.types, topic, partition));
  for (const c of classified)
    if (c.kind === 'skipped') ctx.metrics.skipped?.inc({ consumer: ctx.name, topic, type: c.type });

  let failed = true;
  try {
    if (ctx.handleBatch) await applyInChunks(ctx, scope, classified, ctx.handleBatch);
    else await applyEach(ctx, scope, classified);
    failed = false;
  } finally {
    await finishBatch(ctx, scope, failed);
  }
}

/** The kafkajs consumer of group `name`; heartbeats often enough for `sessionTimeout`. */
function createKafkaConsumer(kafka: Kafka, name: string, settings: RunnerSettings): Consumer {
  return kafka.consumer({
    groupId: name,
    sessionTimeout: settings.sessionTimeout,
    heartbeatInterval: Math.min(3000, Math.floor(settings.sessionTimeout / 10)),
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: settings.maxWaitTimeMs,
  });
}

/** Follows the consumer's group membership from its events (for readiness). */
function trackGroupMembership(consumer: Consumer, log: Logger): { inGroup(): boolean; left(): void } {
  let inGroup = false;
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
  return {
    inGroup: () => inGroup,
    left: () => {
      inGroup = false;
    },
  };
}

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
 * - A Kafka request of the consumer (or of its dead-letter producer) that times out replaces
 *   both with new ones, on new connections: kafkajs itself would go on with the same
 *   connection objects (see onRequestTimeout in kafka.ts).
 */
export function createConsumerRunner<DB, const T extends EventType>(
  options: ConsumerRunnerOptions<DB, T>,
): ConsumerRunner {
  const { name, topics, kafka } = options;
  /** The dead-letter producer; a request of its that times out replaces it and the consumer. */
  const newDlqProducer = () => {
    const created = createEventProducer(kafka);
    onRequestTimeout(created, (apiName) => {
      if (created === ctx.dlqProducer) replaceConsumer(apiName);
    });
    return created;
  };
  const settings = resolveSettings(options);
  const log = options.logger.child({ component: 'consumer-runner', consumer: name });
  const ctx: RunnerContext<DB, T> = {
    name,
    db: options.db,
    handle: options.handle,
    handleBatch: options.handleBatch,
    types: new Set(options.types),
    settings,
    metrics: createRunnerMetrics(options.registry),
    log,
    dlqProducer: newDlqProducer(),
  };
  const lagMonitor = options.registry
    ? createConsumerLagMonitor({
        groupId: name,
        topics,
        kafka,
        registry: options.registry,
        logger: options.logger,
        fromBeginning: settings.fromBeginning,
        ...(options.lagIntervalMs === undefined ? {} : { intervalMs: options.lagIntervalMs }),
      })
    : undefined;
  let started = false;
  let stopping = false;

  /** A fresh kafkajs consumer (its own connections), watched for membership and timeouts. */
  const newConsumer = () => {
    const created = createKafkaConsumer(kafka, name, settings);
    const tracked = trackGroupMembership(created, log);
    onRequestTimeout(created, (apiName) => {
      if (created === consumer) replaceConsumer(apiName);
    });
    return { created, tracked };
  };
  let { created: consumer, tracked: membership } = newConsumer();

  const runConsumer = async () => {
    await ctx.dlqProducer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: settings.fromBeginning });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => eachBatch(ctx, p) });
  };
  /** After a failed start (runConsumer threw): disconnects the consumer and dead-letter producer it left. */
  const disconnectAfterFailedStart = async () => {
    await consumer.disconnect().catch(() => undefined);
    await ctx.dlqProducer.disconnect().catch(() => undefined);
  };
  const stopConsumer = async (which: Consumer) => {
    // kafkajs' stop waits for the running eachBatch, which sees isRunning() = false after
    // its current message and commits what it resolved.
    await which.stop().catch((error) => log.warn({ err: error }, 'consumer stop failed'));
    await which.disconnect().catch((error) => log.warn({ err: error }, 'consumer disconnect failed'));
  };

  const replacer = createKafkaClientReplacer({
    logger: log,
    message: 'a Kafka request timed out; replacing the consumer (new connections)',
    isActive: () => started && !stopping,
    onReplace: (apiName) => {
      ctx.metrics.replacements?.inc({ consumer: name, api: apiName });
      membership.left();
    },
  });
  /** Stops the current consumer and runs a new one (createKafkaClientReplacer), unless stopping. */
  function replaceConsumer(apiName: string): void {
    const stalled = consumer;
    const stalledProducer = ctx.dlqProducer;
    void replacer.replace(apiName, {
      stopOld: async () => {
        await stopConsumer(stalled);
        await stalledProducer.disconnect();
      },
      startNew: async () => {
        // The dead-letter producer's connections went through the same fault: new ones too.
        ({ created: consumer, tracked: membership } = newConsumer());
        ctx.dlqProducer = newDlqProducer();
        try {
          await runConsumer();
        } catch (error) {
          await disconnectAfterFailedStart();
          throw error;
        }
      },
    });
  }

  return {
    async start() {
      if (started) return;
      started = true;
      stopping = false;
      try {
        await runConsumer();
        lagMonitor?.start();
      } catch (error) {
        started = false;
        await disconnectAfterFailedStart();
        throw error;
      }
      log.info({ topics }, 'consumer started');
    },
    async stop() {
      if (!started || stopping) return;
      stopping = true;
      await lagMonitor?.stop();
      // A replacement in progress ends at its next step; the consumer it left is stopped here.
      await replacer.settled();
      await stopConsumer(consumer);
      await ctx.dlqProducer.disconnect().catch(() => undefined);
      membership.left();
      started = false;
      log.info('consumer stopped');
    },
    ready() {
      return started && !stopping && membership.inGroup();
    },
  };
}
