import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testKafkaBrokers, uniqueSuffix } from '../../../test/support.js';
import { createEventProducer, createKafka } from '../kafka.js';
import { buildEvent, eventTypes, parseEventMessage, type EventData, type EventOf, type EventType } from './index.js';

const taskId = '0193a1b2-0000-7000-8000-0000000000aa';
const userId = 'user-round-trip';
const at = '2026-11-30T10:00:00.000Z';
const task = {
  id: taskId,
  userId,
  title: 'Round trip',
  description: 'through Kafka',
  priority: 'HIGH' as const,
  status: 'OPEN' as const,
  dueAt: at,
  dueDate: null,
  completedAt: null,
  recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' as const },
  seriesId: taskId,
  occurrence: 1,
  seriesStart: at,
  projectId: '0193d2f0-0000-7000-8000-00000000aaaa',
  createdAt: at,
  updatedAt: at,
};
const reminder = {
  id: 'rem-1',
  taskId,
  remindAt: at,
  offsetMinutes: 30,
  state: 'FIRED' as const,
  firedAt: at,
  snoozedUntil: null,
};
const tag = { id: 'tag-1', name: 'work', color: '#ff0000' };
const project = {
  id: '0193d2f0-0000-7000-8000-00000000aaaa',
  ownerId: userId,
  name: 'Errands',
  color: '#00aa00',
  archived: false,
  isInbox: false,
  createdAt: at,
  updatedAt: at,
};
const user = { id: userId, email: 'r@example.com', name: 'R', timeZone: 'Europe/Berlin', createdAt: at, updatedAt: at };

/** One payload per event type: the record type makes a new type in the contract fail to compile here. */
const samples: { [T in EventType]: EventData<T> } = {
  'task.created': { task, predecessorId: null, skippedOccurrences: 2 },
  'task.updated': { task, changes: [{ field: 'title', old: 'Before', new: 'Round trip' }] },
  'task.completed': { task: { ...task, status: 'COMPLETED', completedAt: at } },
  'task.reopened': { task, previousCompletedAt: at },
  'task.deleted': { task },
  'task.trashed': { task, trashedAt: at },
  'task.restored': { task, previousTrashedAt: at },
  'task.purged': { task, trashedAt: at },
  'project.created': { project },
  'project.updated': {
    project: { ...project, archived: true },
    changes: [{ field: 'archived', old: false, new: true }],
  },
  'project.deleted': { project },
  'member.added': { project, member: { userId, role: 'EDITOR', joinedAt: at } },
  'member.updated': { project, member: { userId, role: 'VIEWER', joinedAt: at }, previousRole: 'EDITOR' },
  'member.removed': { project, member: { userId, role: 'VIEWER', joinedAt: at }, reason: 'left' },
  'member.invited': {
    project,
    invitation: { email: 'new@example.com', role: 'EDITOR', invitedAt: at },
    invitedBy: userId,
  },
  'task.tagged': { taskId, tag },
  'task.untagged': { taskId, tag: { ...tag, color: null } },
  'reminder.added': { reminder: { ...reminder, state: 'SCHEDULED', firedAt: null } },
  'reminder.snoozed': { reminder: { ...reminder, state: 'SCHEDULED', snoozedUntil: at }, previousRemindAt: at },
  'reminder.dismissed': { reminder: { ...reminder, state: 'DISMISSED' } },
  'reminder.rescheduled': { reminder, previousRemindAt: at },
  'reminder.cancelled': { reminder: { ...reminder, state: 'CANCELLED' }, reason: 'due-cleared' },
  'reminder.fired': { reminder, firingId: 'firing-1', firedAt: at, lateMs: 12 },
  'reminder.due': { firingId: 'firing-1', reminder, taskId, taskTitle: 'Round trip', firedAt: at, lateMs: 12 },
  'reminder.acknowledged': { reminderId: 'rem-1', firingId: 'firing-1', taskId, acknowledgedAt: at },
  'user.created': { user },
  'user.updated': { user, changes: [{ field: 'timeZone', old: 'UTC', new: 'Europe/Berlin' }] },
  'user.deleted': { user },
};

const keyedByUser = new Set<EventType>([
  'reminder.due',
  'reminder.acknowledged',
  'user.created',
  'user.updated',
  'user.deleted',
]);

describe('every event type: buildEvent → Kafka → parse', () => {
  const suffix = uniqueSuffix();
  const topic = `round-trip-${suffix}`;
  const kafka: Kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `round-trip-${suffix}` });
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('arrives equal to what was built, keyed as the contract says', async () => {
    const subjectOf = (type: EventType) => (type.startsWith('user.') ? userId : taskId);
    const built = (Object.keys(samples) as EventType[]).map((type) =>
      buildEvent(type, { actor: userId, subject: subjectOf(type), userId, data: samples[type], topic }),
    );
    const producer = createEventProducer(kafka);
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: built.map((e) => ({ key: e.key, value: JSON.stringify(e.envelope) })),
    });
    await producer.disconnect();

    const received = new Map<string, { key: string | undefined; event: EventOf }>();
    const consumer = kafka.consumer({ groupId: `round-trip-${suffix}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = parseEventMessage(message.value);
        received.set(event.id, { key: message.key?.toString(), event });
      },
    });
    await eventually(() => (received.size >= built.length ? true : undefined), {
      what: `${built.length} events`,
    }).finally(() => consumer.disconnect());

    for (const sent of built) {
      const got = received.get(sent.envelope.id);
      expect(got?.event, sent.envelope.type).toEqual(sent.envelope);
      expect(got?.event.data, sent.envelope.type).toEqual(samples[sent.envelope.type]);
      // schema/EVENTS.md: reminder-events and user-events are keyed by user, task-events by task.
      const expectedKey = keyedByUser.has(sent.envelope.type) ? userId : taskId;
      expect(got?.key, sent.envelope.type).toBe(expectedKey);
    }
    expect(new Set(built.map((e) => e.envelope.type)).size).toBe(eventTypes.length);
  });
});
