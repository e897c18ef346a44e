import type { Kafka, Producer } from 'kafkajs';
import pg from 'pg';
import type { Logger } from 'pino';
import { createEventProducer } from './kafka.js';
import { prom, singleMetric, type MetricsRegistry } from './metrics.js';
import { outboxChannel } from './outbox.js';
import { planRoundFailure } from './outbox-relay-failure.js';
import { publishRows } from './outbox-relay-publish.js';
import {
  findUnpublishedRows,
  listenOnChannel,
  markPublished,
  backlogCountLimit,
  unpublishedBacklog,
  tryTakeRelayLock,
} from './outbox-relay.repository.js';
import { createWakeSignal, type WakeSignal } from './outbox-relay-wake.js';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** Postgres schema whose `outbox` table this relay drains. */
  schema: string;
  kafka: Kafka;
  logger: Logger;
  registry?: MetricsRegistry;
  /** Rows read and published per round (default 500). */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, and how often a stand-by relay tries to take over (default 1000). */
  pollIntervalMs?: number;
  /** First delay after a failure; doubles per consecutive failure up to `maxBackoffMs` (default 200). */
  initialBackoffMs?: number;
  /** Upper bound of the failure backoff (default 10000). */
  maxBackoffMs?: number;
  /** Names this relay in logs and in its Postgres `application_name` (default `outbox-relay:<schema>`). */
  name?: string;
}

export interface OutboxRelay {
  /** Starts the relay loop; resolves after the first connection attempt (a failure is retried in the background). */
  start(): Promise<void>;
  /** Finishes the round in flight, releases the lock, disconnects. */
  stop(): Promise<void>;
  /** True while connected to PostgreSQL and Kafka (as the publishing relay or as a stand-by). */
  ready(): boolean;
}

export { eventHeaders, toTopicMessages } from './outbox-relay-publish.js';
export { relayLockName } from './outbox-relay.repository.js';

/** The relay's metrics, shared by every relay of a registry; all undefined without one. */
function createRelayMetrics(registry: MetricsRegistry | undefined) {
  const published = registry
    ? singleMetric(
        registry,
        'outbox_published_total',
        () =>
          new prom.Counter({
            name: 'outbox_published_total',
            help: 'Outbox rows published to Kafka',
            labelNames: ['schema'],
            registers: [registry],
          }),
      )
    : undefined;
  const errors = registry
    ? singleMetric(
        registry,
        'outbox_relay_errors_total',
        () =>
          new prom.Counter({
            name: 'outbox_relay_errors_total',
            help: 'Failed outbox relay rounds (database or Kafka)',
            labelNames: ['schema'],
            registers: [registry],
          }),
      )
    : undefined;
  const lag = registry
    ? singleMetric(
        registry,
        'outbox_lag_seconds',
        () =>
          new prom.Gauge({
            name: 'outbox_lag_seconds',
            help: 'Age of the oldest unpublished outbox row (0 when none)',
            labelNames: ['schema'],
            registers: [registry],
          }),
      )
    : undefined;
  const backlog = registry
    ? singleMetric(
        registry,
        'outbox_backlog_rows',
        () =>
          new prom.Gauge({
            name: 'outbox_backlog_rows',
            help: `Unpublished outbox rows (counted up to ${backlogCountLimit})`,
            labelNames: ['schema'],
            registers: [registry],
          }),
      )
    : undefined;
  const leaderGauge = registry
    ? singleMetric(
        registry,
        'outbox_relay_leader',
        () =>
          new prom.Gauge({
            name: 'outbox_relay_leader',
            help: '1 while this relay holds the publishing lock',
            labelNames: ['schema'],
            registers: [registry],
          }),
      )
    : undefined;

  return { published, errors, lag, backlog, leaderGauge };
}

/** The options' tunables with their defaults applied. */
function resolveSettings(options: OutboxRelayOptions) {
  return {
    databaseUrl: options.databaseUrl,
    schema: options.schema,
    batchSize: options.batchSize ?? 500,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    initialBackoffMs: options.initialBackoffMs ?? 200,
    maxBackoffMs: options.maxBackoffMs ?? 10_000,
    relayName: options.name ?? `outbox-relay:${options.schema}`,
  };
}

/** A relay's connections and role, replaced as they fail. */
interface RelayState {
  client: pg.Client | undefined;
  clientBroken: boolean;
  producer: Producer | undefined;
  producerConnected: boolean;
  leader: boolean;
  stopping: boolean;
}

/** What the functions below share for one relay. */
interface RelayContext {
  settings: ReturnType<typeof resolveSettings>;
  kafka: Kafka;
  log: Logger;
  channel: string;
  labels: { schema: string };
  metrics: ReturnType<typeof createRelayMetrics>;
  state: RelayState;
  wake: WakeSignal;
}

/** Ends the session (which releases the advisory lock) and gives up leadership. */
async function closeClient(ctx: RelayContext): Promise<void> {
  const { state } = ctx;
  const c = state.client;
  state.client = undefined;
  state.leader = false;
  ctx.metrics.leaderGauge?.set(ctx.labels, 0);
  if (!c) return;
  c.removeAllListeners('notification');
  // Ending the session releases the advisory lock.
  await c.end().catch(() => undefined);
}

/** A new session that wakes the loop when it is lost, or on a NOTIFY while leading. */
function createRelayClient(ctx: RelayContext): pg.Client {
  const { state, log } = ctx;
  const c = new pg.Client({
    connectionString: ctx.settings.databaseUrl,
    application_name: ctx.settings.relayName,
    connectionTimeoutMillis: 10_000,
    // A silently dead connection (no RST) must not hang the relay: keepalives detect it and
    // a query that takes this long fails the round, which reconnects.
    keepAlive: true,
    query_timeout: 60_000,
  });
  // Only the current client's loss matters; an old client's late 'end' must not mark its successor.
  c.on('error', (error) => {
    if (state.client !== c) return;
    log.warn({ err: error }, 'outbox relay database connection lost');
    state.clientBroken = true;
    ctx.wake.signal();
  });
  c.on('end', () => {
    if (state.client !== c) return;
    state.clientBroken = true;
    ctx.wake.signal();
  });
  // A stand-by ignores NOTIFYs (it only retries the lock each poll interval), so a busy
  // outbox does not turn it into a lock-polling loop.
  c.on('notification', (message) => {
    if (message.channel === ctx.channel && state.leader) ctx.wake.signal();
  });
  return c;
}

/** The current session, or a new connected and listening one if there is none or it broke. */
async function ensureConnected(ctx: RelayContext): Promise<pg.Client> {
  const { state } = ctx;
  if (state.client && !state.clientBroken) return state.client;
  await closeClient(ctx);
  state.clientBroken = false;
  const c = createRelayClient(ctx);
  await c.connect();
  await listenOnChannel(c, ctx.channel);
  state.client = c;
  ctx.log.debug('outbox relay connected and listening');
  return c;
}

/** The producer, connected. */
async function ensureProducer(ctx: RelayContext): Promise<Producer> {
  const { state } = ctx;
  state.producer ??= createEventProducer(ctx.kafka);
  if (!state.producerConnected) {
    await state.producer.connect();
    state.producerConnected = true;
  }
  return state.producer;
}

/** Disconnects the producer; `forget` drops it too (on stop, and to replace it after failures). */
async function disconnectProducer(ctx: RelayContext, forget: boolean): Promise<void> {
  const { state } = ctx;
  if (!state.producer) return;
  await state.producer.disconnect().catch(() => undefined);
  state.producerConnected = false;
  if (forget) state.producer = undefined;
}

/** True while this relay holds the publishing lock; takes it when free. */
async function tryLead(ctx: RelayContext, c: pg.Client): Promise<boolean> {
  const { state } = ctx;
  if (state.leader) return true;
  state.leader = await tryTakeRelayLock(c, ctx.settings.schema);
  ctx.metrics.leaderGauge?.set(ctx.labels, state.leader ? 1 : 0);
  if (state.leader) ctx.log.info('outbox relay holds the publishing lock');
  return state.leader;
}

/** Sets the backlog gauges (unpublished rows and the age of the oldest). */
async function updateLag(ctx: RelayContext, c: pg.Client): Promise<void> {
  if (!ctx.metrics.lag || !ctx.metrics.backlog) return;
  const { rows, ageSeconds } = await unpublishedBacklog(c, ctx.settings.schema);
  ctx.metrics.backlog.set(ctx.labels, rows);
  ctx.metrics.lag.set(ctx.labels, ageSeconds);
}

/** Publishes one batch; returns how many rows it published. */
async function publishBatch(ctx: RelayContext, c: pg.Client, p: Producer): Promise<number> {
  const rows = await findUnpublishedRows(c, ctx.settings.schema, ctx.settings.batchSize);
  if (rows.length === 0) return 0;
  await publishRows(p, rows);
  await markPublished(
    c,
    ctx.settings.schema,
    rows.map((r) => r.id),
  );
  ctx.metrics.published?.inc(ctx.labels, rows.length);
  return rows.length;
}

/** One round: connect, and if this relay leads, publish until the outbox is drained. */
async function runRound(ctx: RelayContext, connected: () => void): Promise<void> {
  const c = await ensureConnected(ctx);
  const p = await ensureProducer(ctx);
  connected();
  if (await tryLead(ctx, c)) {
    let count: number;
    do {
      count = await publishBatch(ctx, c, p);
    } while (count === ctx.settings.batchSize && !ctx.state.stopping);
  }
  await updateLag(ctx, c);
}

/** Counts, logs and recovers from failed round number `failures`; waits its backoff. */
async function recoverFromFailure(ctx: RelayContext, error: unknown, failures: number): Promise<void> {
  const { state } = ctx;
  ctx.metrics.errors?.inc(ctx.labels);
  const plan = planRoundFailure({
    error,
    failures,
    sessionHealthy: state.client !== undefined && !state.clientBroken,
    initialBackoffMs: ctx.settings.initialBackoffMs,
    maxBackoffMs: ctx.settings.maxBackoffMs,
  });
  ctx.log.error(
    { err: error, failures, retryInMs: plan.delayMs },
    'outbox relay round failed; rows stay unpublished for retry',
  );
  // Kafka down is when the backlog matters most: measure it over the still-good session.
  if (!plan.closeSession && state.client) await updateLag(ctx, state.client).catch(() => undefined);
  if (plan.closeSession) await closeClient(ctx);
  if (plan.replaceProducer) await disconnectProducer(ctx, true);
  ctx.wake.clear();
  await ctx.wake.sleep(plan.delayMs);
}

/** The relay loop; calls `firstAttempt` once, after the first round connected or failed. */
async function run(ctx: RelayContext, firstAttempt: () => void): Promise<void> {
  let failures = 0;
  let first = true;
  const attempted = () => {
    if (!first) return;
    first = false;
    firstAttempt();
  };
  while (!ctx.state.stopping) {
    try {
      await runRound(ctx, attempted);
      failures = 0;
      await ctx.wake.sleep(ctx.settings.pollIntervalMs);
    } catch (error) {
      failures += 1;
      attempted();
      await recoverFromFailure(ctx, error, failures);
    }
  }
}

/**
 * Publishes the rows of `<schema>.outbox` to Kafka (acks=all) in id order and marks them
 * published.
 *
 * Concurrency: several relays of one schema may run (replicas, a restarted pod beside its
 * dying predecessor). Exactly one publishes at a time: it holds a **session-level advisory
 * lock** on its own dedicated connection; the others stand by, retrying the lock every poll
 * interval. When the holder dies its session ends, Postgres releases the lock and a stand-by
 * takes over within a poll interval. We chose this over `FOR UPDATE SKIP LOCKED` row claiming
 * because claiming lets two relays publish different rows of one key concurrently, which
 * breaks per-key order; a single publisher keeps order trivially and an outbox is never the
 * bottleneck at our scale. The lock, the reads and the `published_at` updates share one
 * connection, so a relay that lost its session (and thus the lock) cannot mark rows anymore.
 *
 * Ordering and id gaps: rows are read `where published_at is null order by id` on every
 * round, never above a high-water mark, so a row whose transaction committed late with a
 * lower id is still published on the next round. Per-key order follows id order as long as
 * producers serialise the changes of one key (they update the aggregate row, which locks
 * it, before writing its event). Delivery is at least once: a relay killed between the
 * Kafka ack and the update republishes those rows; consumers dedupe with the inbox.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const settings = resolveSettings(options);
  const { schema, relayName } = settings;
  const state: RelayState = {
    client: undefined,
    clientBroken: false,
    producer: undefined,
    producerConnected: false,
    leader: false,
    stopping: false,
  };
  const ctx: RelayContext = {
    settings,
    kafka: options.kafka,
    log: options.logger.child({ component: 'outbox-relay', schema, relay: relayName }),
    channel: outboxChannel(schema),
    labels: { schema },
    metrics: createRelayMetrics(options.registry),
    state,
    wake: createWakeSignal(() => state.stopping),
  };
  let loop: Promise<void> | undefined;

  return {
    async start() {
      if (loop) return;
      state.stopping = false;
      await new Promise<void>((resolve) => {
        loop = run(ctx, resolve);
      });
    },
    async stop() {
      state.stopping = true;
      ctx.wake.interrupt();
      await loop;
      loop = undefined;
      await closeClient(ctx);
      await disconnectProducer(ctx, true);
    },
    ready() {
      return !state.stopping && state.client !== undefined && !state.clientBroken && state.producerConnected;
    },
  };
}
