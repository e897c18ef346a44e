import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, type EventEnvelope, type EventOf } from '@taskwire/platform/events';
import { checkContractDeadLetters } from '@taskwire/platform/events/testing';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createTasksDatabase, type TasksDatabase, type TaskRow } from '@taskwire/tasks';
import { migrateTasks } from '@taskwire/tasks/migrate';
import {
  taskCompletedEvent,
  taskCreatedEvent,
  insertTask,
  updateTaskRow,
  withInbox,
  type TestTaskRow,
} from '@taskwire/tasks/testing';
import { createTestDatabase, eventually, testKafkaBrokers, uniqueSuffix } from '../../../test/support.js';
import { handle, RecurrenceContractError, type RecurrenceOutcome } from './handler.js';
import { createRecurrenceConsumer, type RecurrenceConsumer } from './consumer.js';
import { recurrenceConfigSchema } from './env.js';

let databaseUrl: string;
let db: Kysely<TasksDatabase>;

beforeAll(async () => {
  databaseUrl = await createTestDatabase('recurrence');
  await migrateTasks(databaseUrl);
  db = createTasksDatabase(databaseUrl, 4);
});

afterAll(async () => {
  await db?.destroy();
});

/** Writes a fixture row into its user's Inbox. */
const insertTestTask = async (row: TestTaskRow) => insertTask(db, await withInbox(db, row));

interface Seed {
  rrule: string;
  timeZone?: string;
  anchor?: 'SCHEDULE' | 'COMPLETION';
  dueAt?: string;
  dueDate?: string;
  userId?: string;
}

/** Occurrence 1 of a new series, as the tasks subgraph creates it. */
async function seedSeries(seed: Seed): Promise<TaskRow> {
  const id = uuidv7();
  const row: TestTaskRow = {
    id,
    user_id: seed.userId ?? `u-${uniqueSuffix()}`,
    title: 'Water the plants',
    description: 'the ones on the balcony',
    priority: 2,
    status: 'OPEN',
    due_at: seed.dueAt ? new Date(seed.dueAt) : null,
    due_date: seed.dueDate ?? null,
    completed_at: null,
    time_zone: seed.timeZone ?? 'UTC',
    recurrence_rrule: seed.rrule,
    recurrence_time_zone: seed.timeZone ?? 'UTC',
    recurrence_anchor: seed.anchor ?? 'SCHEDULE',
    series_id: id,
    occurrence: 1,
    series_start_at: seed.dueAt ? new Date(seed.dueAt) : null,
    series_start_date: seed.dueDate ?? null,
  };
  return insertTestTask(row);
}

/** Completes `row` at `at` (as completeTask does) and returns its task.completed envelope. */
async function complete(row: TaskRow, at: string): Promise<EventOf<'task.completed'>> {
  const updated = await updateTaskRow(db, row.id, {
    status: 'COMPLETED',
    completed_at: new Date(at),
    updated_at: new Date(at),
  });
  return taskCompletedEvent(updated, { actor: row.user_id }).envelope;
}

async function reopen(row: TaskRow): Promise<TaskRow> {
  return updateTaskRow(db, row.id, { status: 'OPEN', completed_at: null });
}

async function run(event: EventOf<'task.completed'>): Promise<RecurrenceOutcome> {
  return db.transaction().execute((trx) => handle(trx, event));
}

async function created(event: EventOf<'task.completed'>): Promise<TaskRow> {
  const outcome = await run(event);
  if (outcome.kind !== 'created') throw new Error(`expected a next instance, got ${JSON.stringify(outcome)}`);
  return outcome.task;
}

async function series(seriesId: string): Promise<TaskRow[]> {
  return db.selectFrom('tasks').selectAll().where('series_id', '=', seriesId).orderBy('occurrence').execute();
}

async function createdEventOf(taskId: string): Promise<EventOf<'task.created'>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['envelope', 'type', 'key', 'topic'])
    .where('key', '=', taskId)
    .execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]!.type).toBe('task.created');
  expect(rows[0]!.topic).toBe('task-events');
  return parseEvent(rows[0]!.envelope as EventEnvelope) as EventOf<'task.created'>;
}

describe('recurrence handler (real database)', () => {
  it("the next instance carries its predecessor's subtasks, every level, reopened and undated", async () => {
    const first = await seedSeries({ rrule: 'FREQ=WEEKLY', dueDate: '2026-03-02' });
    const sub = (title: string, parent: TaskRow, status: 'OPEN' | 'COMPLETED') =>
      insertTestTask({
        id: uuidv7(),
        user_id: first.user_id,
        project_id: first.project_id,
        parent_id: parent.id,
        title,
        description: null,
        priority: 1,
        status,
        due_at: null,
        due_date: status === 'OPEN' ? '2026-03-01' : null,
        completed_at: status === 'COMPLETED' ? new Date('2026-03-01T10:00:00Z') : null,
        time_zone: 'UTC',
        recurrence_rrule: null,
        recurrence_time_zone: null,
        recurrence_anchor: null,
        series_id: null,
        occurrence: null,
        series_start_at: null,
        series_start_date: null,
      });
    const pack = await sub('Pack', first, 'COMPLETED');
    await sub('Socks', pack, 'COMPLETED');
    await sub('Book hotel', first, 'OPEN');
    const next = await created(await complete(first, '2026-03-02T18:00:00Z'));
    const copies = await db
      .selectFrom('tasks')
      .select(['id', 'title', 'status', 'parent_id', 'due_date', 'completed_at', 'project_id'])
      .where('project_id', '=', first.project_id)
      .where('created_at', '>=', next.created_at)
      .where('id', '!=', next.id)
      .orderBy('position')
      .execute();
    const byTitle = new Map(copies.map((c) => [c.title, c]));
    expect([...byTitle.keys()].sort()).toEqual(['Book hotel', 'Pack', 'Socks']);
    expect(byTitle.get('Pack')).toMatchObject({
      parent_id: next.id,
      status: 'OPEN',
      completed_at: null,
      due_date: null,
    });
    expect(byTitle.get('Book hotel')).toMatchObject({ parent_id: next.id, status: 'OPEN', due_date: null });
    expect(byTitle.get('Socks')).toMatchObject({ parent_id: byTitle.get('Pack')!.id, status: 'OPEN' });
    // Each copy is announced with its own task.created.
    for (const copy of copies) expect((await createdEventOf(copy.id)).data.task.parentId).toBe(copy.parent_id);
  });

  it('SCHEDULE: next instance after the scheduled due, carried fields, task.created in the outbox', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', dueAt: '2026-03-05T08:00:00Z' });
    const event = await complete(first, '2026-03-05T09:30:00Z');
    const next = await created(event);
    expect(next.due_at?.toISOString()).toBe('2026-03-06T08:00:00.000Z');
    expect(next.due_date).toBeNull();
    expect(next).toMatchObject({
      user_id: first.user_id,
      title: 'Water the plants',
      description: 'the ones on the balcony',
      priority: 2,
      status: 'OPEN',
      completed_at: null,
      time_zone: 'Europe/Berlin',
      recurrence_rrule: 'FREQ=DAILY',
      recurrence_time_zone: 'Europe/Berlin',
      recurrence_anchor: 'SCHEDULE',
      series_id: first.id,
      occurrence: 2,
    });
    expect(next.series_start_at?.toISOString()).toBe('2026-03-05T08:00:00.000Z');

    const envelope = await createdEventOf(next.id);
    expect(envelope).toMatchObject({
      type: 'task.created',
      version: 1,
      actor: null,
      subject: next.id,
      userId: first.user_id,
    });
    expect(envelope.data.predecessorId).toBe(first.id);
    expect(envelope.data.skippedOccurrences).toBe(0);
    expect(envelope.data.task).toMatchObject({
      id: next.id,
      status: 'OPEN',
      priority: 'HIGH',
      dueAt: '2026-03-06T08:00:00.000Z',
      seriesId: first.id,
      occurrence: 2,
      seriesStart: '2026-03-05T08:00:00.000Z',
      recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
    });
  });

  it('SCHEDULE completed late: passed occurrences are skipped to today and counted in the event', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', dueAt: '2026-03-05T08:00:00Z' });
    // Mar 10 16:00 Berlin: Mar 6..9 have passed; today's 09:00 occurrence is the next instance.
    const next = await created(await complete(first, '2026-03-10T15:00:00Z'));
    expect(next.due_at?.toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(next.occurrence).toBe(6);
    expect((await createdEventOf(next.id)).data.skippedOccurrences).toBe(4);
  });

  it('COMPLETION: every 3 days after completion, late and early', async () => {
    const first = await seedSeries({
      rrule: 'FREQ=DAILY;INTERVAL=3',
      anchor: 'COMPLETION',
      dueAt: '2026-03-04T09:00:00Z',
    });
    const second = await created(await complete(first, '2026-03-07T20:00:00Z')); // late
    expect(second.due_at?.toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(second.occurrence).toBe(2);
    const third = await created(await complete(second, '2026-03-08T07:00:00Z')); // early
    expect(third.due_at?.toISOString()).toBe('2026-03-11T09:00:00.000Z');
    expect(third.occurrence).toBe(3);
    expect((await createdEventOf(third.id)).data.skippedOccurrences).toBe(0);
  });

  it('DST: daily 09:00 Europe/Berlin stays 09:00 across Mar 29 2026', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', dueAt: '2026-03-28T08:00:00Z' }); // 09:00 CET
    const second = await created(await complete(first, '2026-03-28T08:30:00Z'));
    expect(second.due_at?.toISOString()).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST
    const third = await created(await complete(second, '2026-03-29T07:10:00Z'));
    expect(third.due_at?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('monthly on the 31st skips short months; "31st or last day" and all-day BYMONTHDAY=-1 do not', async () => {
    const strict = await seedSeries({ rrule: 'FREQ=MONTHLY', dueAt: '2026-01-31T10:00:00Z' });
    const strictNext = await created(await complete(strict, '2026-01-31T11:00:00Z'));
    expect(strictNext.due_at?.toISOString()).toBe('2026-03-31T10:00:00.000Z');
    expect(strictNext.occurrence).toBe(2);

    const orLast = await seedSeries({
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      dueAt: '2026-01-31T10:00:00Z',
    });
    const orLastNext = await created(await complete(orLast, '2026-01-31T11:00:00Z'));
    expect(orLastNext.due_at?.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    const orLastThird = await created(await complete(orLastNext, '2026-02-28T11:00:00Z'));
    expect(orLastThird.due_at?.toISOString()).toBe('2026-03-31T10:00:00.000Z');

    const allDay = await seedSeries({
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
      timeZone: 'America/New_York',
      dueDate: '2026-01-31',
    });
    const allDayNext = await created(await complete(allDay, '2026-01-31T15:00:00Z'));
    expect(allDayNext.due_date).toBe('2026-02-28');
    expect(allDayNext.due_at).toBeNull();
    expect(allDayNext.series_start_date).toBe('2026-01-31');
    expect((await createdEventOf(allDayNext.id)).data.task).toMatchObject({
      dueDate: '2026-02-28',
      dueAt: null,
      seriesStart: '2026-01-31',
    });
  });

  it('COUNT ends the series: no instance after the last one', async () => {
    const first = await seedSeries({ rrule: 'FREQ=WEEKLY;COUNT=3', dueAt: '2026-04-06T09:00:00Z' });
    const second = await created(await complete(first, '2026-04-06T10:00:00Z'));
    const third = await created(await complete(second, '2026-04-13T10:00:00Z'));
    expect(third.due_at?.toISOString()).toBe('2026-04-20T09:00:00.000Z');
    expect(third.occurrence).toBe(3);
    expect(await run(await complete(third, '2026-04-20T10:00:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'series-ended',
    });
    expect(await series(first.id)).toHaveLength(3);
  });

  it('a series stored with a rule refused since (BYWEEKNO) gets no next instance, and nothing is retried', async () => {
    const first = await seedSeries({ rrule: 'FREQ=YEARLY;BYWEEKNO=10', dueAt: '2026-03-02T09:00:00Z' });
    expect(await run(await complete(first, '2026-03-02T10:00:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'rule-refused',
    });
    expect(await series(first.id)).toHaveLength(1);
  });

  it('UNTIL ends the series', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY;UNTIL=20260502T090000Z', dueAt: '2026-05-01T09:00:00Z' });
    const second = await created(await complete(first, '2026-05-01T09:30:00Z'));
    expect(second.due_at?.toISOString()).toBe('2026-05-02T09:00:00.000Z');
    expect(await run(await complete(second, '2026-05-02T09:30:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'series-ended',
    });
  });

  it('complete → reopen → complete creates exactly one next instance (SCHEDULE, even when the skip differs)', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-06-01T09:00:00Z' });
    const next = await created(await complete(first, '2026-06-01T10:00:00Z'));
    await reopen(first);
    // Completed again days later: computed alone it would skip to a later occurrence.
    const again = await complete(first, '2026-06-05T10:00:00Z');
    expect(await run(again)).toEqual({ kind: 'ignored', reason: 'successor-exists' });
    const rows = await series(first.id);
    expect(rows.map((r) => r.id)).toEqual([first.id, next.id]);
  });

  it('complete → reopen → complete creates exactly one next instance (COMPLETION)', async () => {
    const first = await seedSeries({
      rrule: 'FREQ=DAILY;INTERVAL=2',
      anchor: 'COMPLETION',
      dueAt: '2026-06-01T09:00:00Z',
    });
    await created(await complete(first, '2026-06-01T10:00:00Z'));
    await reopen(first);
    expect(await run(await complete(first, '2026-06-02T10:00:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'successor-exists',
    });
    expect(await series(first.id)).toHaveLength(2);
  });

  it('redelivery of the same event and concurrent handling of two completions create one instance', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-07-01T09:00:00Z' });
    const event = await complete(first, '2026-07-01T10:00:00Z');
    await created(event);
    expect(await run(event)).toEqual({ kind: 'ignored', reason: 'successor-exists' });

    const other = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-07-01T09:00:00Z' });
    const e1 = await complete(other, '2026-07-01T10:00:00Z');
    const e2 = {
      ...e1,
      id: uuidv7(),
      data: { task: { ...e1.data.task, completedAt: '2026-07-03T10:00:00.000Z' } },
    };
    const outcomes = await Promise.all([run(e1), run(e2)]);
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
    expect(await series(other.id)).toHaveLength(2);
    const events = await db.selectFrom('outbox').select('key').where('type', '=', 'task.created').execute();
    const successors = (await series(other.id)).slice(1).map((r) => r.id);
    expect(events.filter((e) => successors.includes(e.key))).toHaveLength(1);
  });

  it('a rule edit on instance k re-anchors the series there (COUNT counts from k)', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-08-01T09:00:00Z' });
    const second = await created(await complete(first, '2026-08-01T10:00:00Z'));
    const third = await created(await complete(second, '2026-08-02T10:00:00Z'));
    expect(third.occurrence).toBe(3);
    // The user edits instance 3: every other day, 2 times (this one and one more).
    const edited = await updateTaskRow(db, third.id, { recurrence_rrule: 'FREQ=DAILY;INTERVAL=2;COUNT=2' });
    const fourth = await created(await complete(edited, '2026-08-03T10:00:00Z'));
    expect(fourth.due_at?.toISOString()).toBe('2026-08-05T09:00:00.000Z');
    expect(fourth.occurrence).toBe(4);
    expect(fourth.series_start_at?.toISOString()).toBe('2026-08-03T09:00:00.000Z');
    expect(fourth.recurrence_rrule).toBe('FREQ=DAILY;INTERVAL=2;COUNT=2');
    expect(await run(await complete(fourth, '2026-08-05T10:00:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'series-ended',
    });
  });

  it('a re-anchored COMPLETION series counts COUNT from the edited instance', async () => {
    const first = await seedSeries({ rrule: 'FREQ=DAILY', anchor: 'COMPLETION', dueAt: '2026-09-01T09:00:00Z' });
    const second = await created(await complete(first, '2026-09-01T10:00:00Z'));
    const edited = await updateTaskRow(db, second.id, { recurrence_rrule: 'FREQ=WEEKLY;COUNT=3' });
    const third = await created(await complete(edited, '2026-09-02T10:00:00Z'));
    expect(third.due_at?.toISOString()).toBe('2026-09-09T09:00:00.000Z');
    const fourth = await created(await complete(third, '2026-09-09T10:00:00Z'));
    expect(fourth.occurrence).toBe(4);
    expect(await run(await complete(fourth, '2026-09-16T10:00:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'series-ended',
    });
  });

  it('refuses a snapshot that is not its subject (the runner dead-letters it)', async () => {
    // Unknown versions and malformed payloads never reach the handler: the runner's parse
    // dead-letters them (consumers/src/contract-dlq.int.test.ts).
    const first = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-03-01T09:00:00Z' });
    const event = await complete(first, '2026-03-01T10:00:00Z');
    await expect(run({ ...event, subject: uuidv7() })).rejects.toBeInstanceOf(RecurrenceContractError);
    expect(await series(first.id)).toHaveLength(1);
  });

  it('ignores non-recurring tasks and tasks that are not in this database', async () => {
    const plain = await insertTestTask({
      id: uuidv7(),
      user_id: 'u-plain',
      title: 'once',
      description: null,
      priority: 1,
      status: 'OPEN',
      due_at: new Date('2026-03-01T09:00:00Z'),
      due_date: null,
      completed_at: null,
      time_zone: 'UTC',
      recurrence_rrule: null,
      recurrence_time_zone: null,
      recurrence_anchor: null,
      series_id: null,
      occurrence: null,
      series_start_at: null,
      series_start_date: null,
    });
    expect(await run(await complete(plain, '2026-03-01T10:00:00Z'))).toEqual({
      kind: 'ignored',
      reason: 'not-recurring',
    });

    const foreign = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-03-01T09:00:00Z' });
    const event = await complete(foreign, '2026-03-01T10:00:00Z');
    await db.deleteFrom('tasks').where('id', '=', foreign.id).execute();
    expect(await run(event)).toEqual({ kind: 'ignored', reason: 'unknown-task' });
  });
});

describe('recurrence consumer (private topic)', () => {
  const suffix = uniqueSuffix();
  const topic = `task-events.recurrence-${suffix}`;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let consumer: RecurrenceConsumer;

  beforeAll(async () => {
    kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `recurrence-test-${suffix}` });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 3, replicationFactor: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });
    producer = createEventProducer(kafka);
    await producer.connect();
    consumer = createRecurrenceConsumer(
      recurrenceConfigSchema.parse({
        PORT: '0',
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        LOG_LEVEL: 'warn',
        CONSUMER_GROUP: `recurrence-test-${suffix}`,
        TASK_EVENTS_TOPIC: topic,
      }),
      { maxAttempts: 2 },
    );
    await consumer.start();
  }, 60_000);

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('creates one next instance per completion, also when Kafka delivers it twice', async () => {
    const firsts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        seedSeries({ rrule: 'FREQ=WEEKLY', dueAt: `2026-10-${String(i + 1).padStart(2, '0')}T09:00:00Z` }),
      ),
    );
    const events = await Promise.all(firsts.map((f) => complete(f, '2026-10-01T09:30:00Z')));
    const messages = events.flatMap((e) => [e, e]).map((e) => ({ key: e.subject, value: JSON.stringify(e) }));
    // Unrelated types and another database's completion are skipped.
    const stranger = taskCompletedEvent(
      { ...firsts[0]!, id: uuidv7(), status: 'COMPLETED', completed_at: new Date() },
      { actor: null },
    ).envelope;
    messages.push({ key: stranger.subject, value: JSON.stringify(stranger) });
    await producer.send({ topic, acks: -1, messages });
    const ids = firsts.map((f) => f.id);
    const rows = await eventually(
      async () => {
        const r = await db
          .selectFrom('tasks')
          .select(['series_id', 'occurrence'])
          .where('series_id', 'in', ids)
          .where('occurrence', '=', 2)
          .execute();
        return r.length === 20 ? r : undefined;
      },
      { timeoutMs: 30_000, what: '20 next instances' },
    );
    expect(rows).toHaveLength(20);
    const claims = await db
      .selectFrom('processed_events')
      .select('event_id')
      .where('consumer', '=', `recurrence-test-${suffix}`)
      .execute();
    expect(claims.length).toBeGreaterThanOrEqual(20);
    expect(await db.selectFrom('tasks').select('id').where('series_id', 'in', ids).execute()).toHaveLength(40);
  });

  it('dead-letters an unknown version and an off-contract payload with the reason, skips types it does not handle, and keeps going', async () => {
    const poisoned = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-11-01T09:00:00Z' });
    const next = await seedSeries({ rrule: 'FREQ=DAILY', dueAt: '2026-11-02T09:00:00Z' });
    const handled = await complete(poisoned, '2026-11-01T10:00:00Z');
    const result = await checkContractDeadLetters({
      kafka,
      topic,
      consumer: `recurrence-test-${suffix}`,
      handled,
      unhandled: taskCreatedEvent(poisoned, { actor: null }).envelope,
      later: await complete(next, '2026-11-02T10:00:00Z'),
      applied: async () => (await series(next.id)).length === 2,
    });
    expect(result.unknownVersion).toMatchObject({
      kind: 'unknown-version',
      error: expect.stringMatching(/version 99/),
    });
    expect(result.invalidPayload).toMatchObject({ kind: 'invalid-payload', error: expect.stringMatching(/task/) });
    expect(result.unhandled).toBeUndefined();
    expect(await series(poisoned.id)).toHaveLength(1);
  });
});
