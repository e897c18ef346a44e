import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type UserSnapshot } from '@taskwire/platform/events';
import { checkContractDeadLetters } from '@taskwire/platform/events/testing';
import { createKafka } from '@taskwire/platform/kafka';
import { testKafkaBrokers, uniqueSuffix } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import { createPrivateTopic, startTestTasksService } from '../../testing/harness.js';
import { handleUserEvent, type UserProjectionEvent } from './user-projection.handler.js';
import { findUserIdByEmail, findUserProfile, findUserTimeZone } from './user-projection.repository.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let topic: string;
const projectionName = `tasks-user-projection-${uniqueSuffix()}`;

const createTask = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id timeZone recurrence { timeZone } } }`;

function snapshot(id: string, changes: Partial<UserSnapshot> = {}): UserSnapshot {
  return {
    id,
    email: `Pat-${randomUUID()}@Example.com`,
    name: 'Pat',
    timeZone: 'America/New_York',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...changes,
  };
}

const event = (type: 'user.created' | 'user.deleted', user: UserSnapshot): UserProjectionEvent =>
  buildEvent(type, { actor: user.id, subject: user.id, userId: user.id, data: { user } }).envelope;

const updated = (user: UserSnapshot, field: 'email' | 'timeZone', old: string): UserProjectionEvent =>
  buildEvent('user.updated', {
    actor: user.id,
    subject: user.id,
    userId: user.id,
    data: { user, changes: [{ field, old, new: user[field] }] },
  }).envelope;

const apply = (e: UserProjectionEvent) => db.transaction().execute((trx) => handleUserEvent(trx, e));

beforeAll(async () => {
  topic = await createPrivateTopic('user-events');
  started = await startTestTasksService(
    { userProjection: true },
    { userProjection: { name: projectionName, topics: [topic] } },
  );
  db = createTasksDatabase(started.databaseUrl, 2);
});

afterAll(async () => {
  await started?.service.stop();
  await db?.destroy();
});

describe('user projection of the tasks subgraph', () => {
  it('a new task takes the projected zone of its user when the client names none; UTC before any event', async () => {
    const pat = await started.newUser();
    const before = await pat.gql(createTask, { input: { title: 'No zone yet' } });
    expect(before.data.createTask.timeZone).toBe('UTC');
    await apply(event('user.created', snapshot(pat.id)));
    const after = await pat.gql(createTask, { input: { title: 'Zoned' } });
    expect(after.data.createTask.timeZone).toBe('America/New_York');
    const recurring = await pat.gql(createTask, {
      input: { title: 'Daily', dueDate: '2030-02-01', recurrence: { rrule: 'FREQ=DAILY' } },
    });
    expect(recurring.errors).toBeUndefined();
    expect(recurring.data.createTask).toMatchObject({
      timeZone: 'America/New_York',
      recurrence: { timeZone: 'America/New_York' },
    });
    // The client's own zone still wins.
    const explicit = await pat.gql(createTask, { input: { title: 'Explicit', timeZone: 'Europe/Paris' } });
    expect(explicit.data.createTask.timeZone).toBe('Europe/Paris');
  });

  it('follows e-mail and zone changes; finds users by e-mail in any case; ignores an older snapshot', async () => {
    const id = randomUUID();
    const first = snapshot(id);
    await apply(event('user.created', first));
    expect(await findUserIdByEmail(db, first.email.toUpperCase())).toBe(id);
    const moved = { ...first, email: `pat-${randomUUID()}@example.org`, updatedAt: '2030-01-02T00:00:00.000Z' };
    await apply(updated(moved, 'email', first.email));
    const zoned = { ...moved, timeZone: 'Asia/Tokyo', updatedAt: '2030-01-03T00:00:00.000Z' };
    await apply(updated(zoned, 'timeZone', moved.timeZone));
    await apply(updated(first, 'email', moved.email)); // re-driven, older: ignored
    expect(await findUserIdByEmail(db, zoned.email)).toBe(id);
    expect(await findUserIdByEmail(db, first.email)).toBeUndefined();
    expect(await findUserTimeZone(db, id)).toBe('Asia/Tokyo');
  });

  it('user.deleted forgets the address and zone and keeps a tombstone no older event revives', async () => {
    const id = randomUUID();
    const user = snapshot(id);
    await apply(event('user.created', user));
    await apply(event('user.deleted', user));
    await apply(updated({ ...user, timeZone: 'Europe/Rome' }, 'timeZone', user.timeZone));
    expect(await findUserIdByEmail(db, user.email)).toBeUndefined();
    expect(await findUserTimeZone(db, id)).toBeUndefined();
    expect(await findUserProfile(db, id)).toMatchObject({ email: null, time_zone: null });
    expect((await findUserProfile(db, id))!.deleted_at).toBeInstanceOf(Date);
  });
});

describe('the projection consumer inside the tasks service', () => {
  it('dead-letters an unknown version and an off-contract payload with the reason, skips types it does not handle, and keeps going', async () => {
    const handled = snapshot(randomUUID());
    const later = snapshot(randomUUID());
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `tasks-test-${uniqueSuffix()}` });
    const result = await checkContractDeadLetters({
      kafka,
      topic,
      consumer: projectionName,
      handled: event('user.created', handled),
      unhandled: buildEvent('reminder.acknowledged', {
        actor: handled.id,
        subject: handled.id,
        userId: handled.id,
        data: {
          reminderId: randomUUID(),
          firingId: randomUUID(),
          taskId: randomUUID(),
          acknowledgedAt: new Date().toISOString(),
        },
      }).envelope,
      later: event('user.created', later),
      applied: async () => (await findUserProfile(db, later.id)) !== undefined,
    });
    expect(result.unknownVersion).toMatchObject({
      kind: 'unknown-version',
      error: expect.stringMatching(/version 99/),
    });
    expect(result.invalidPayload).toMatchObject({ kind: 'invalid-payload', error: expect.stringMatching(/user/) });
    expect(result.unhandled).toBeUndefined();
    expect(await findUserProfile(db, handled.id)).toBeUndefined();
  });
});
