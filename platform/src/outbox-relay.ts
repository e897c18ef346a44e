import { backoffDelayMs } from './backoff.js';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Selectable } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { createEventProducer } from './kafka.js';
import { prom, type MetricsRegistry } from './metrics.js';
import { outboxChannel, type OutboxTable } from './outbox.js';
import { tracePublish } from './trace-context.js';

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

/** An unpublished outbox row as the relay reads it: the envelope as JSON text (`envelope::text`). */
type OutboxRow = Pick<Selectable<OutboxTable>, 'id' | 'event_id' | 'topic' | 'key' | 'type'> & { envelope: string };

/** Header names the relay sets on every event message. */
export const eventHeaders = { type: 'x-event-type', id: 'x-event-id' } as const;

/** Advisory-lock key text of `schema`'s relay (hashed by Postgres with hashtext). */
export function relayLockName(schema: string): string {
  return `taskwire.outbox-relay:${schema}`;
}

/** Kafka messages of outbox rows, in row (id) order, grouped by topic (order within a topic kept). */
export function toTopicMessages(rows: ReadonlyArray<OutboxRow>): Array<{ topic: string; messages: Message[] }> {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    let messages = byTopic.get(row.topic);
    if (!messages) byTopic.set(row.topic, (messages = []));
    messages.push({
      key: row.key,
      value: row.envelope,
      headers: { [eventHeaders.type]: row.type, [eventHeaders.id]: row.event_id },
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Where `outbox_backlog_rows` stops counting. */
const backlogCountLimit = 100_000;

function metric<T>(registry: MetricsRegistry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
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
  const { databaseUrl, schema, kafka, logger: parentLogger } = options;
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const initialBackoffMs = options.initialBackoffMs ?? 200;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const relayName = options.name ?? `outbox-relay:${schema}`;
  const log = parentLogger.child({ component: 'outbox-relay', schema, relay: relayName });
  const table = `${pg.escapeIdentifier(schema)}.outbox`;
  const channel = outboxChannel(schema);

  const registry = options.registry;
  const labels = { schema };
  const published = registry
    ? metric(
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
    ? metric(
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
    ? metric(
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
    ? metric(
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
    ? metric(
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

  let client: pg.Client | undefined;
  let clientBroken = false;
  let producer: Producer | undefined;
  let producerConnected = false;
  let leader = false;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let pendingWake = false;

  function signal(): void {
    pendingWake = true;
    wake?.();
  }

  function sleep(ms: number): Promise<void> {
    if (pendingWake || stopping) {
      pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        pendingWake = false;
        resolve();
      }
      wake = done;
    });
  }

  async function closeClient(): Promise<void> {
    const c = client;
    client = undefined;
    leader = false;
    leaderGauge?.set(labels, 0);
    if (!c) return;
    c.removeAllListeners('notification');
    // Ending the session releases the advisory lock.
    await c.end().catch(() => undefined);
  }

  async function ensureConnected(): Promise<pg.Client> {
    if (client && !clientBroken) return client;
    await closeClient();
    clientBroken = false;
    const c = new pg.Client({
      connectionString: databaseUrl,
      application_name: relayName,
      connectionTimeoutMillis: 10_000,
      // A silently dead connection (no RST) must not hang the relay: keepalives detect it and
      // a query that takes this long fails the round, which reconnects.
      keepAlive: true,
      query_timeout: 60_000,
    });
    // Only the current client's loss matters; an old client's late 'end' must not mark its successor.
    c.on('error', (error) => {
      if (client !== c) return;
      log.warn({ err: error }, 'outbox relay database connection lost');
      clientBroken = true;
      signal();
    });
    c.on('end', () => {
      if (client !== c) return;
      clientBroken = true;
      signal();
    });
    // A stand-by ignores NOTIFYs (it only retries the lock each poll interval), so a busy
    // outbox does not turn it into a lock-polling loop.
    c.on('notification', (message) => {
      if (message.channel === channel && leader) signal();
    });
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = c;
    log.debug('outbox relay connected and listening');
    return c;
  }

  async function ensureProducer(): Promise<Producer> {
    producer ??= createEventProducer(kafka);
    if (!producerConnected) {
      await producer.connect();
      producerConnected = true;
    }
    return producer;
  }

  async function tryLead(c: pg.Client): Promise<boolean> {
    if (leader) return true;
    const result = await c.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [
      relayLockName(schema),
    ]);
    leader = result.rows[0]?.locked === true;
    leaderGauge?.set(labels, leader ? 1 : 0);
    if (leader) log.info('outbox relay holds the publishing lock');
    return leader;
  }

  /** Sets the backlog gauges; the count stops at `backlogCountLimit` so a huge backlog stays cheap to measure. */
  async function updateLag(c: pg.Client): Promise<void> {
    if (!lag || !backlog) return;
    const result = await c.query<{ rows: number; seconds: number | null }>(
      `select (select count(*)::int from (select 1 from ${table} where published_at is null limit $1) unpublished) as rows,
              (select extract(epoch from now() - created_at)::float8 from ${table} where published_at is null order by id limit 1) as seconds`,
      [backlogCountLimit],
    );
    backlog.set(labels, result.rows[0]?.rows ?? 0);
    lag.set(labels, Math.max(0, result.rows[0]?.seconds ?? 0));
  }

  /** Publishes one batch; returns how many rows it published. */
  async function publishBatch(c: pg.Client, p: Producer): Promise<number> {
    const result = await c.query<OutboxRow>(
      `select id, event_id, topic, key, type, envelope::text as envelope from ${table} where published_at is null order by id limit $1`,
      [batchSize],
    );
    const rows = result.rows;
    if (rows.length === 0) return 0;
    // One sendBatch per round; the producer allows one in-flight request per broker, so a
    // retried request cannot overtake a later one and messages of a partition stay in id order.
    const topicMessages = toTopicMessages(rows);
    await tracePublish(topicMessages, () => p.sendBatch({ acks: -1, topicMessages }));
    await c.query(`update ${table} set published_at = now() where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
    published?.inc(labels, rows.length);
    return rows.length;
  }

  async function run(firstAttempt: () => void): Promise<void> {
    let failures = 0;
    let first = true;
    while (!stopping) {
      try {
        const c = await ensureConnected();
        const p = await ensureProducer();
        if (first) {
          first = false;
          firstAttempt();
        }
        if (await tryLead(c)) {
          let count: number;
          do {
            count = await publishBatch(c, p);
          } while (count === batchSize && !stopping);
        }
        await updateLag(c);
        failures = 0;
        await sleep(pollIntervalMs);
      } catch (error) {
        failures += 1;
        errors?.inc(labels);
        if (first) {
          first = false;
          firstAttempt();
        }
        const delay = backoffDelayMs(failures, { baseMs: initialBackoffMs, maxMs: maxBackoffMs });
        log.error(
          { err: error, failures, retryInMs: delay },
          'outbox relay round failed; rows stay unpublished for retry',
        );
        // Anything but a Kafka error may have left the session unusable (timeout, lost
        // connection): start over with a fresh one, which re-LISTENs and re-takes the lock.
        const kafkaError = error instanceof Error && error.name.startsWith('KafkaJS');
        // Kafka down is when the backlog matters most: measure it over the still-good session.
        if (kafkaError && client && !clientBroken) await updateLag(client).catch(() => undefined);
        if (clientBroken || !client || !kafkaError) await closeClient();
        // A failed send may have left the producer in a bad state; reconnect it next round.
        if (producer && failures >= 3) {
          await producer.disconnect().catch(() => undefined);
          producerConnected = false;
        }
        pendingWake = false;
        await sleep(delay);
      }
    }
  }

  return {
    async start() {
      if (loop) return;
      stopping = false;
      await new Promise<void>((resolve) => {
        loop = run(resolve);
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
      await closeClient();
      if (producer) {
        await producer.disconnect().catch(() => undefined);
        producerConnected = false;
        producer = undefined;
      }
    },
    ready() {
      return !stopping && client !== undefined && !clientBroken && producerConnected;
    },
  };
}
