/**
 * Benchmark of the outbox relay (bounded; 127.0.0.1 servers only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire KAFKA_BROKERS=127.0.0.1:29092 \
 *     npx tsx bench/outbox.ts
 *
 * 1. Drain throughput: writes BENCH_EVENTS (default 20,000) outbox rows (100 per
 *    transaction) with no relay running, then starts one relay (in this process) and
 *    measures how long it takes until every row is published (acks=all) and marked.
 * 2. Commit → Kafka latency: with the relay running, commits BENCH_LAG_EVENTS (default 500)
 *    single-event transactions at BENCH_LAG_RATE per second (default 50) and measures, per
 *    event, the time from the commit returning to a kafkajs consumer receiving the message
 *    (LISTEN/NOTIFY wake-up + select + publish + fetch).
 *
 * It creates its own database and topic and removes them afterwards.
 * Hard limit: BENCH_TIMEOUT_SECONDS (default 180).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { createDatabase } from '@taskwire/platform/database';
import { buildEvent, parseEventMessage } from '@taskwire/platform/events';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createOutboxTable, enqueueEvents } from '@taskwire/platform/outbox';
import { createOutboxRelay } from '@taskwire/platform/outbox-relay';
import { assertLoopback, createBenchDatabase, startDeadline } from './support.js';

const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    BENCH_EVENTS: z.coerce.number().int().min(1_000).max(100_000).default(20_000),
    BENCH_LAG_EVENTS: z.coerce.number().int().min(10).max(5_000).default(500),
    BENCH_LAG_RATE: z.coerce.number().int().min(1).max(500).default(50),
    BENCH_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(600).default(180),
  }),
  process.env,
);

assertLoopback([config.DATABASE_URL, ...config.KAFKA_BROKERS]);
startDeadline(config.BENCH_TIMEOUT_SECONDS);

const suffix = randomBytes(4).toString('hex');
const schema = 'bench_outbox';
const topic = `bench-outbox-${suffix}`;
const logger = createLogger('bench-outbox', 'warn');
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `bench-outbox-${suffix}`, logger });

const database = await createBenchDatabase(config.DATABASE_URL, 'bench_outbox');
const databaseUrl = database.url;
const db = createDatabase<any>({ url: databaseUrl, schema });
const kafkaAdmin = kafka.admin();
await kafkaAdmin.connect();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
/** A contract event carrying its number `n` as the tag's name. */
const event = (n: number) =>
  buildEvent('task.tagged', {
    topic,
    actor: null,
    subject: `k${n % 500}`,
    userId: 'u1',
    data: { taskId: `k${n % 500}`, tag: { id: 't', name: String(n), color: null } },
  });
const publishedCount = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from outbox where published_at is not null`.execute(db)).rows[0]!.n,
  );

try {
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await createOutboxTable(db);
  await kafkaAdmin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });

  // 1. Drain throughput.
  for (let i = 0; i < config.BENCH_EVENTS; i += 100) {
    await db.transaction().execute((trx) =>
      enqueueEvents(
        trx,
        schema,
        Array.from({ length: Math.min(100, config.BENCH_EVENTS - i) }, (_, j) => event(i + j)),
      ),
    );
  }
  const relay = createOutboxRelay({ databaseUrl, schema, kafka, logger });
  const drainStart = performance.now();
  await relay.start();
  while ((await publishedCount()) < config.BENCH_EVENTS) await new Promise((r) => setTimeout(r, 20));
  const drainMs = performance.now() - drainStart;
  console.log(
    `drain: ${config.BENCH_EVENTS} rows published in ${(drainMs / 1000).toFixed(2)} s = ${Math.round(config.BENCH_EVENTS / (drainMs / 1000))} rows/s (batch 500, acks=all)`,
  );

  // 2. Commit → consumer latency.
  const committedAt = new Map<number, number>();
  const receivedAt = new Map<number, number>();
  const consumer = kafka.consumer({ groupId: `bench-outbox-${suffix}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const received = parseEventMessage(message.value);
      if (received.type !== 'task.tagged') throw new Error(`unexpected ${received.type} on ${topic}`);
      const n = Number(received.data.tag.name);
      if (n >= config.BENCH_EVENTS && !receivedAt.has(n)) receivedAt.set(n, performance.now());
    },
  });
  while (!joined) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 1000)); // let the fetch position settle at the end
  const intervalMs = 1000 / config.BENCH_LAG_RATE;
  for (let i = 0; i < config.BENCH_LAG_EVENTS; i++) {
    const n = config.BENCH_EVENTS + i;
    const started = performance.now();
    await db.transaction().execute((trx) => enqueueEvents(trx, schema, [event(n)]));
    committedAt.set(n, performance.now());
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const deadline = Date.now() + 30_000;
  while (receivedAt.size < config.BENCH_LAG_EVENTS && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  // A message can reach the consumer in the same process before the commit's promise chain
  // has returned to the writer; such a latency counts as 0.
  const sorted = [...receivedAt].map(([n, at]) => Math.max(0, at - committedAt.get(n)!)).sort((a, b) => a - b);
  console.log(
    `commit → consumer latency over ${sorted.length}/${config.BENCH_LAG_EVENTS} events at ${config.BENCH_LAG_RATE}/s: ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
  );
  await consumer.disconnect();
  await relay.stop();
} finally {
  await db.destroy();
  await kafkaAdmin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await kafkaAdmin.disconnect();
  await database.drop();
}
