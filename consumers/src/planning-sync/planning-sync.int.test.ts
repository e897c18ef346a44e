import type { Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type EventEnvelope } from '@taskwire/platform/events';
import { checkContractDeadLetters } from '@taskwire/platform/events/testing';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { migratePlanning } from '@taskwire/planning/migrate';
import { addTaskTags, insertReminders } from '@taskwire/planning';
import { ensureTags, newId, projectEvent, taskEvent, type TaskFixture } from '@taskwire/planning/testing';
import { createTestDatabase, eventually, testKafkaBrokers, uniqueSuffix } from '../../../test/support.js';
import { createPlanningSyncConsumer, type PlanningSyncConsumer } from './consumer.js';
import { planningSyncConfigSchema } from './env.js';

// The tasks service is built elsewhere: this test publishes well-formed task-events envelopes
// itself, onto a private topic, and checks the consumer's effects on planning's schema.
const suffix = uniqueSuffix();
const topic = `task-events.planning-sync-${suffix}`;
const projectTopic = `project-events.planning-sync-${suffix}`;
let kafka: Kafka;
let producer: Producer;
let consumer: PlanningSyncConsumer;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase('planning_sync');
  await migratePlanning(databaseUrl);
  kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `planning-sync-test-${suffix}` });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 3, replicationFactor: 1 },
      { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      { topic: projectTopic, numPartitions: 3, replicationFactor: 1 },
      { topic: `${projectTopic}.dlq`, numPartitions: 1, replicationFactor: 1 },
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
  producer = createEventProducer(kafka);
  await producer.connect();
  const config = planningSyncConfigSchema.parse({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    LOG_LEVEL: 'silent',
    TASK_EVENTS_TOPIC: topic,
    PROJECT_EVENTS_TOPIC: projectTopic,
    CONSUMER_GROUP: `planning-sync-${suffix}`,
  });
  consumer = createPlanningSyncConsumer(config, {
    logger: createLogger('planning-sync-test', 'silent'),
    maxAttempts: 2,
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: [topic, `${topic}.dlq`, projectTopic, `${projectTopic}.dlq`] })
    .catch(() => undefined);
  await admin.disconnect();
});

async function publish(...events: EventEnvelope[]): Promise<void> {
  await publishTo(topic, ...events);
}

async function publishTo(to: string, ...events: EventEnvelope[]): Promise<void> {
  await producer.send({
    topic: to,
    acks: -1,
    messages: events.map((e) => ({
      key: e.subject,
      value: JSON.stringify(e),
      headers: { 'x-event-type': e.type, 'x-event-id': e.id },
    })),
  });
}

const stateOf = (taskId: string) =>
  consumer.db.selectFrom('task_state').selectAll().where('task_id', '=', taskId).executeTakeFirst();
const remindersOf = (taskId: string) =>
  consumer.db.selectFrom('reminder').selectAll().where('task_id', '=', taskId).orderBy('offset_minutes').execute();
const outboxTypes = async (taskId: string) =>
  (await consumer.db.selectFrom('outbox').select('type').where('key', '=', taskId).orderBy('id').execute()).map(
    (r) => r.type,
  );

describe('planning-sync consumer (Kafka)', () => {
  it('keeps the projection, re-times and cancels reminders, and gives an instance its predecessor’s tags and reminders', async () => {
    const userId = newId();
    const first: TaskFixture = { id: newId(), userId, dueAt: '2031-03-01T10:00:00Z', seriesId: newId(), occurrence: 1 };
    await publish(taskEvent('task.created', first, { predecessorId: null, skippedOccurrences: 0 }));
    await eventually(() => stateOf(first.id), { what: 'projection row' });

    // The predecessor's tags and reminders, written the way the planning subgraph does.
    await consumer.db.transaction().execute(async (trx) => {
      await addTaskTags(trx, userId, first.id, await ensureTags(trx, userId, ['Gym', 'weekly']));
      await insertReminders(trx, [
        { userId, taskId: first.id, offsetMinutes: 30, remindAt: new Date('2031-03-01T09:30:00Z') },
        { userId, taskId: first.id, offsetMinutes: null, remindAt: new Date('2031-02-28T08:00:00Z') },
      ]);
    });

    const moved = '2031-03-01T12:00:00Z';
    await publish(
      taskEvent(
        'task.updated',
        { ...first, dueAt: moved },
        { changes: [{ field: 'dueAt', old: first.dueAt, new: moved }] },
      ),
      taskEvent('task.completed', { ...first, dueAt: moved, status: 'COMPLETED' }),
    );
    await eventually(async () => ((await stateOf(first.id))?.status === 'COMPLETED' ? true : undefined), {
      what: 'completion',
    });
    const afterCompletion = await remindersOf(first.id);
    expect(afterCompletion.map((r) => [r.offset_minutes, r.state])).toEqual([
      [30, 'CANCELLED'],
      [null, 'CANCELLED'],
    ]);
    expect(afterCompletion[0]!.remind_at.toISOString()).toBe('2031-03-01T11:30:00.000Z');
    expect(await outboxTypes(first.id)).toEqual(['reminder.rescheduled', 'reminder.cancelled', 'reminder.cancelled']);

    // The next instance, delivered twice (at-least-once): one set of tags and reminders.
    const next: TaskFixture = {
      id: newId(),
      userId,
      dueAt: '2031-03-08T10:00:00Z',
      seriesId: first.seriesId!,
      occurrence: 2,
    };
    const created = taskEvent('task.created', next, { predecessorId: first.id, skippedOccurrences: 0 }, null);
    await publish(created, created);
    const inherited = await eventually(
      async () => {
        const rows = await remindersOf(next.id);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'inherited reminders' },
    );
    expect(inherited.map((r) => [r.offset_minutes, r.remind_at.toISOString(), r.state])).toEqual([
      [30, '2031-03-08T09:30:00.000Z', 'SCHEDULED'],
    ]);
    expect((await stateOf(next.id))?.predecessor_id).toBe(first.id);

    await publish(taskEvent('task.deleted', next));
    await eventually(async () => ((await stateOf(next.id))?.deleted ? true : undefined), { what: 'deletion' });
    expect((await remindersOf(next.id)).map((r) => r.state)).toEqual(['CANCELLED']);
    expect(await consumer.db.selectFrom('task_tag').selectAll().where('task_id', '=', next.id).execute()).toEqual([]);
    expect((await outboxTypes(next.id)).sort()).toEqual([
      'reminder.added',
      'reminder.cancelled',
      'task.tagged',
      'task.tagged',
    ]);
  });

  it('projects memberships from project-events and each task’s project from its events', async () => {
    const [owner, member, projectId] = [newId(), newId(), newId()];
    const joinedAt = new Date().toISOString();
    await publishTo(
      projectTopic,
      projectEvent('project.created', projectId, owner),
      projectEvent('member.added', projectId, owner, { member: { userId: member, role: 'EDITOR', joinedAt } }),
    );
    const task: TaskFixture = { id: newId(), userId: owner, projectId };
    await publish(taskEvent('task.created', task, { predecessorId: null, skippedOccurrences: 0 }));
    const members = () =>
      consumer.db
        .selectFrom('project_member')
        .select(['user_id', 'role'])
        .where('project_id', '=', projectId)
        .orderBy('role', 'desc')
        .execute();
    await eventually(async () => ((await members()).length === 2 ? true : undefined), { what: 'two members' });
    expect(await members()).toEqual([
      { user_id: owner, role: 'OWNER' },
      { user_id: member, role: 'EDITOR' },
    ]);
    await eventually(async () => ((await stateOf(task.id))?.project_id === projectId ? true : undefined), {
      what: 'the task’s project',
    });
    await publishTo(
      projectTopic,
      projectEvent('member.removed', projectId, owner, {
        member: { userId: member, role: 'EDITOR', joinedAt },
        reason: 'left',
      }),
    );
    await eventually(async () => ((await members()).length === 1 ? true : undefined), { what: 'the member gone' });
  });

  it('dead-letters an unknown version and an off-contract payload with the reason, skips types it does not handle, and keeps going', async () => {
    const userId = newId();
    const handled: TaskFixture = { id: newId(), userId };
    const later: TaskFixture = { id: newId(), userId };
    const result = await checkContractDeadLetters({
      kafka,
      topic,
      consumer: `planning-sync-${suffix}`,
      handled: taskEvent('task.created', handled, { predecessorId: null, skippedOccurrences: 0 }),
      unhandled: buildEvent('task.tagged', {
        actor: userId,
        subject: handled.id,
        userId,
        data: { taskId: handled.id, tag: { id: newId(), name: 'x', color: null } },
      }).envelope,
      later: taskEvent('task.created', later, { predecessorId: null, skippedOccurrences: 0 }),
      applied: async () => (await stateOf(later.id)) !== undefined,
    });
    expect(result.unknownVersion).toMatchObject({
      kind: 'unknown-version',
      error: expect.stringMatching(/version 99/),
    });
    expect(result.invalidPayload).toMatchObject({ kind: 'invalid-payload', error: expect.stringMatching(/task/) });
    expect(result.unhandled).toBeUndefined();
    expect(await stateOf(handled.id)).toBeUndefined();
  });
});
