/**
 * Benchmark of the audit-writer (bounded; 127.0.0.1 servers only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire KAFKA_BROKERS=127.0.0.1:29092 \
 *     npx tsx bench/audit-writer.ts
 *
 * 1. Throughput: pre-loads BENCH_EVENTS (default 50,000) `task.updated` events on a private
 *    6-partition topic, starts the writer (in this process, as in production: the
 *    consumer runner, inbox, one insert per batch, INSERT-only role) and measures how long
 *    it takes to drain them into audit rows.
 * 2. Lag: publishes BENCH_LAG_EVENTS (default 1,000) events one by one at BENCH_LAG_RATE
 *    per second (default 100) to the running writer and measures, per event, the time from
 *    just before the producer send (acks=all) to the row being visible to a reader (polled
 *    every 5 ms). This is producer → row lag; the mutation-commit → row lag adds the outbox
 *    relay's latency (LISTEN/NOTIFY wake-up + publish), which is not measured here;
 *    subgraphs/audit/src/audit.e2e.test.ts prints a mutation-response → row sample through
 *    the whole stack (40 sequential updates).
 *
 * It creates its own database and topics on the given servers and removes them afterwards.
 * Hard limit: BENCH_TIMEOUT_SECONDS (default 240).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createAuditDatabase } from '@taskwire/audit';
import { migrateAudit } from '@taskwire/audit/migrate';
import { createAuditWriter } from '@taskwire/consumers/audit-writer/consumer';
import { auditWriterConfigSchema } from '@taskwire/consumers/audit-writer/env';
import { createPrivateTopics, deleteTopics, publish, titleUpdate } from '@taskwire/consumers/audit-writer/testing';
import { assertLoopback, createBenchDatabase, startDeadline } from './support.js';

const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    BENCH_EVENTS: z.coerce.number().int().min(1_000).max(200_000).default(50_000),
    BENCH_LAG_EVENTS: z.coerce.number().int().min(10).max(10_000).default(1_000),
    BENCH_LAG_RATE: z.coerce.number().int().min(1).max(1_000).default(100),
    BENCH_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(900).default(240),
  }),
);
assertLoopback([config.DATABASE_URL, ...config.KAFKA_BROKERS]);
startDeadline(config.BENCH_TIMEOUT_SECONDS);

const suffix = randomUUID().slice(0, 8);
const topic = `bench-audit-${suffix}`;
const database = await createBenchDatabase(config.DATABASE_URL, 'bench_audit');
const dbUrl = database.url;

const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `bench-audit-${suffix}` });
const kafkaAdmin = kafka.admin();
const producer = createEventProducer(kafka);
const reader = createAuditDatabase({ url: dbUrl, maxConnections: 2 });
const writer = createAuditWriter(
  auditWriterConfigSchema.parse({
    DATABASE_URL: dbUrl,
    KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
    LOG_LEVEL: 'warn',
    AUDIT_WRITER_TOPIC: topic,
    AUDIT_WRITER_GROUP: `bench-audit-${suffix}`,
  }),
  { logger: createLogger('bench-audit-writer', 'warn') },
);

const countRows = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from audit_entries`.execute(reader)).rows[0]!.n);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

try {
  await migrateAudit(dbUrl);
  await kafkaAdmin.connect();
  await createPrivateTopics(kafkaAdmin, topic, 6);
  await producer.connect();

  // 1. Throughput.
  const tasks = Array.from({ length: 1_000 }, () => randomUUID());
  const events = Array.from({ length: config.BENCH_EVENTS }, (_, i) =>
    titleUpdate(tasks[i % tasks.length]!, 'bench-user', Math.floor(i / tasks.length) + 1),
  );
  const loadStart = Date.now();
  await publish(producer, topic, events, 1_000);
  const loadMs = Date.now() - loadStart;

  const start = Date.now();
  await writer.start();
  let firstRowAt = 0;
  for (;;) {
    const n = await countRows();
    if (n > 0 && firstRowAt === 0) firstRowAt = Date.now();
    if (n >= events.length) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const drainedAt = Date.now();
  const totalMs = drainedAt - start;
  const steadyMs = drainedAt - firstRowAt;

  // 2. Lag, producer send → row visible, at a steady rate.
  const sentAt = new Map<string, number>();
  const lags: number[] = [];
  let lastId = (await sql<{ id: string }>`select coalesce(max(id), 0)::text as id from audit_entries`.execute(reader))
    .rows[0]!.id;
  let polling = true;
  const poller = (async () => {
    while (polling || lags.length < sentAt.size) {
      const { rows } = await sql<{ id: string; event_id: string }>`
        select id::text, event_id::text from audit_entries where id > ${lastId}::bigint order by id`.execute(reader);
      const now = Date.now();
      for (const row of rows) {
        const t = sentAt.get(row.event_id);
        if (t !== undefined) lags.push(now - t);
        lastId = row.id;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const intervalMs = 1000 / config.BENCH_LAG_RATE;
  const lagStart = Date.now();
  for (let i = 0; i < config.BENCH_LAG_EVENTS; i++) {
    const due = lagStart + i * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const e = titleUpdate(tasks[i % tasks.length]!, 'bench-user', 100_000 + i);
    sentAt.set(e.id, Date.now());
    await producer.send({ topic, acks: -1, messages: [{ key: e.subject, value: JSON.stringify(e) }] });
  }
  polling = false;
  await poller;
  lags.sort((a, b) => a - b);

  const result = {
    events: events.length,
    preloadMs: loadMs,
    drainMsIncludingGroupJoin: totalMs,
    drainMsFromFirstRow: steadyMs,
    eventsPerSecond: Math.round(events.length / (steadyMs / 1000)),
    eventsPerSecondIncludingJoin: Math.round(events.length / (totalMs / 1000)),
    lag: {
      measured:
        'producer send (acks=all) → audit row visible to a reader; excludes the outbox relay (mutation commit → Kafka)',
      events: lags.length,
      ratePerSecond: config.BENCH_LAG_RATE,
      pollIntervalMs: 5,
      p50Ms: pct(lags, 50),
      p99Ms: pct(lags, 99),
      maxMs: lags.at(-1),
    },
  };
  process.stdout.write(
    [
      `audit-writer throughput: ${result.events} pre-loaded events drained in ${(steadyMs / 1000).toFixed(2)} s from the first row ` +
        `(${result.eventsPerSecond} events/s; ${result.eventsPerSecondIncludingJoin} events/s including the ${((firstRowAt - start) / 1000).toFixed(2)} s group join)`,
      `audit-writer lag (producer send → row visible; NOT yet from the mutation commit — the outbox relay's latency is excluded): ` +
        `p50 ${result.lag.p50Ms} ms, p99 ${result.lag.p99Ms} ms, max ${result.lag.maxMs} ms over ${lags.length} events at ${config.BENCH_LAG_RATE}/s`,
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
} finally {
  await writer.stop().catch(() => undefined);
  await producer.disconnect().catch(() => undefined);
  await deleteTopics(kafkaAdmin, topic);
  await kafkaAdmin.disconnect().catch(() => undefined);
  await reader.destroy();
  await database.drop();
}
