/**
 * Benchmark of the recurrence consumer (bounded; 127.0.0.1 servers only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire KAFKA_BROKERS=127.0.0.1:29092 \
 *     npx tsx bench/recurrence.ts
 *
 * 1. Throughput: stores BENCH_COMPLETIONS (default 2,000) completed first instances of recurring
 *    series (a mix of daily/weekly/monthly-31st/COMPLETION rules, Europe/Berlin) in a fresh
 *    tasks schema, pre-loads their `task.completed` events on a private 6-partition topic, starts
 *    the consumer (in this process, as in production: consumer runner, inbox claim, the handler's
 *    advisory lock + successor check + insert + outbox event in one transaction per event) and
 *    measures how long it takes until every next instance is visible. The rate is reported from
 *    the first to the last instance (group join excluded) and from start() (join included).
 * 2. Latency: with the consumer running, completes BENCH_LAG_EVENTS (default 300) more series
 *    one by one at BENCH_LAG_RATE per second (default 20): each is written completed, then its
 *    `task.completed` is published (acks=all); the time from just before the send to the next
 *    instance being visible to a reader (polled every 5 ms) is recorded. This is
 *    event-published → next-instance-visible; the mutation-commit → published part is the
 *    tasks outbox relay's latency (LISTEN/NOTIFY wake-up + publish), not measured here.
 *
 * It creates its own database and topics on the given servers and removes them afterwards.
 * Hard limit: BENCH_TIMEOUT_SECONDS (default 240).
 */
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { envFields, loadConfigOrExit, parseConfig } from '@taskwire/platform/config';
import type { EventOf } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createTasksDatabase, type TaskRow } from '@taskwire/tasks';
import { migrateTasks } from '@taskwire/tasks/migrate';
import { inboxIdFor, keyAt, taskCompletedEvent, taskColumns, type TestTaskRow } from '@taskwire/tasks/testing';
import { createRecurrenceConsumer } from '@taskwire/consumers/recurrence/consumer';
import { recurrenceConfigSchema } from '@taskwire/consumers/recurrence/env';
import { createPrivateTopics, deleteTopics, publish } from '@taskwire/consumers/audit-writer/testing';
import { assertLoopback, createBenchDatabase, startDeadline } from './support.js';

const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    BENCH_COMPLETIONS: z.coerce.number().int().min(100).max(50_000).default(2_000),
    BENCH_LAG_EVENTS: z.coerce.number().int().min(10).max(5_000).default(300),
    BENCH_LAG_RATE: z.coerce.number().int().min(1).max(500).default(20),
    BENCH_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(900).default(240),
  }),
);
assertLoopback([config.DATABASE_URL, ...config.KAFKA_BROKERS]);
startDeadline(config.BENCH_TIMEOUT_SECONDS);

const suffix = randomUUID().slice(0, 8);
const topic = `bench-recurrence-${suffix}`;
const database = await createBenchDatabase(config.DATABASE_URL, 'bench_recurrence');
const databaseUrl = database.url;

const logger = createLogger('bench-recurrence', 'warn');
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `bench-recurrence-${suffix}`, logger });
const kafkaAdmin = kafka.admin();
await kafkaAdmin.connect();
const producer = createEventProducer(kafka);
await producer.connect();
await migrateTasks(databaseUrl);
const db = createTasksDatabase(databaseUrl, 4);
let consumer: ReturnType<typeof createRecurrenceConsumer> | undefined;

const rules = [
  { rrule: 'FREQ=DAILY', anchor: 'SCHEDULE' },
  { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', anchor: 'SCHEDULE' },
  { rrule: 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', anchor: 'SCHEDULE' },
  { rrule: 'FREQ=DAILY;INTERVAL=3', anchor: 'COMPLETION' },
] as const;

/** A completed first instance (due in 2027, completed now) of series number `i`. */
function firstInstance(i: number): TestTaskRow {
  const id = uuidv7();
  const rule = rules[i % rules.length]!;
  const due = new Date(Date.UTC(2027, i % 12, 1 + (i % 28), 8));
  const now = new Date();
  return {
    id,
    user_id: `bench-user-${i % 50}`,
    title: `Series ${i}`,
    description: null,
    priority: 1,
    status: 'COMPLETED',
    due_at: due,
    due_date: null,
    completed_at: now,
    time_zone: 'Europe/Berlin',
    recurrence_rrule: rule.rrule,
    recurrence_time_zone: 'Europe/Berlin',
    recurrence_anchor: rule.anchor,
    series_id: id,
    occurrence: 1,
    series_start_at: due,
    series_start_date: null,
    created_at: now,
    updated_at: now,
  };
}

async function store(fixtures: TestTaskRow[]): Promise<EventOf<'task.completed'>[]> {
  const inboxes = new Map<string, string>();
  for (const user of new Set(fixtures.map((f) => f.user_id))) inboxes.set(user, await inboxIdFor(db, user));
  const rows = fixtures.map((f, i) => ({
    ...f,
    project_id: inboxes.get(f.user_id)!,
    assignee_id: null,
    created_by: f.user_id,
    position: keyAt(i),
  }));
  const stored: TaskRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    stored.push(
      ...(await db
        .insertInto('tasks')
        .values(rows.slice(i, i + 500))
        .returning(taskColumns)
        .execute()),
    );
  }
  return stored.map((row) => taskCompletedEvent(row, { actor: row.user_id }).envelope);
}

async function successorCount(): Promise<number> {
  const r = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('occurrence', '>', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

try {
  await createPrivateTopics(kafkaAdmin, topic, 6);

  // 1. Throughput.
  const n = config.BENCH_COMPLETIONS;
  const events = await store(Array.from({ length: n }, (_, i) => firstInstance(i)));
  await publish(producer, topic, events);
  consumer = createRecurrenceConsumer(
    parseConfig(recurrenceConfigSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      LOG_LEVEL: 'warn',
      CONSUMER_GROUP: `bench-recurrence-${suffix}`,
      TASK_EVENTS_TOPIC: topic,
      PORT: '0',
    }),
    { logger },
  );
  const startedAt = performance.now();
  await consumer.start();
  let firstSeenAt: number | undefined;
  let seen = 0;
  while (seen < n) {
    seen = await successorCount();
    if (seen > 0 && firstSeenAt === undefined) firstSeenAt = performance.now();
    if (seen < n) await new Promise((r) => setTimeout(r, 20));
  }
  const doneAt = performance.now();
  const drainSeconds = (doneAt - (firstSeenAt ?? startedAt)) / 1000;
  const totalSeconds = (doneAt - startedAt) / 1000;
  const duplicates = await db
    .selectFrom('tasks')
    .select('series_id')
    .where('occurrence', '>', 1)
    .groupBy('series_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  console.log(
    `throughput: ${n} next instances in ${totalSeconds.toFixed(2)} s from start() (group join included) = ${(n / totalSeconds).toFixed(0)}/s;`,
  );
  console.log(
    `            first→last instance ${drainSeconds.toFixed(2)} s = ${(n / drainSeconds).toFixed(0)} next instances/s; duplicates: ${duplicates.length}`,
  );

  // 2. Latency: published → next instance visible.
  const m = config.BENCH_LAG_EVENTS;
  const lagEvents = await store(Array.from({ length: m }, (_, i) => firstInstance(n + i)));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling || sentAt.size > 0) {
      const pending = [...sentAt.keys()];
      if (pending.length > 0) {
        const rows = await db
          .selectFrom('tasks')
          .select('series_id')
          .where('occurrence', '>', 1)
          .where('series_id', 'in', pending)
          .execute();
        const now = performance.now();
        for (const row of rows) {
          const t0 = sentAt.get(row.series_id!);
          if (t0 !== undefined) {
            latencies.push(now - t0);
            sentAt.delete(row.series_id!);
          }
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const interval = 1000 / config.BENCH_LAG_RATE;
  const lagStart = performance.now();
  for (let i = 0; i < m; i += 1) {
    const wait = lagStart + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const event = lagEvents[i]!;
    sentAt.set(event.subject, performance.now());
    await publish(producer, topic, [event]);
  }
  polling = false;
  await poller;
  latencies.sort((a, b) => a - b);
  console.log(
    `latency (published → next instance visible, ${m} events at ${config.BENCH_LAG_RATE}/s): p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
  );
} finally {
  await consumer?.stop().catch((error) => process.stderr.write(`consumer stop failed: ${String(error)}\n`));
  await producer.disconnect().catch(() => undefined);
  await deleteTopics(kafkaAdmin, topic);
  await kafkaAdmin.disconnect().catch(() => undefined);
  await db.destroy().catch(() => undefined);
  await database.drop();
}
