import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@taskwire/platform/events';
import { claimEvent } from '@taskwire/platform/inbox';
import type { PlanningDatabase } from '@taskwire/planning';
import { newId, projectEvent, taskEvent, type TaskFixture } from '@taskwire/planning/testing';
import { planningConfigSchema, startPlanningService, type PlanningService } from '@taskwire/planning/server';
import {
  createTestDatabase,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
} from '../../../test/support.js';
import { handle, handleEvents, handleInputs, planningSyncName } from './handler.js';

// planning-sync's effects on planning's schema, with reminders and tags made through the
// planning API (the service runs without its relay: events are read from its outbox table).
let service: PlanningService;
let db: Kysely<PlanningDatabase>;

beforeAll(async () => {
  const config = planningConfigSchema.parse({
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
    DATABASE_URL: await createTestDatabase('planning_sync_handler'),
    JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
    LOG_LEVEL: 'error',
    KAFKA_BROKERS: testKafkaBrokers().join(','), // the service's reminderDue feed reads reminder-events
    OUTBOX_RELAY: 'false',
    TASK_PROJECTION_WAIT_MS: '1000',
  });
  service = await startPlanningService(config);
  db = service.db;
});

afterAll(async () => {
  await service?.stop();
});

/** Applies a task event the way the planning-sync runner does (inbox claim + handler, one transaction). */
async function apply(event: Parameters<typeof handle>[1]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await claimEvent(trx, planningSyncName, event.id)) await handle(trx, event);
  });
}

async function newUser() {
  const id = newId();
  return { id, token: await tokenFor(id) };
}

async function createTask(userId: string, fields: Partial<TaskFixture> = {}): Promise<TaskFixture> {
  const task: TaskFixture = { id: newId(), userId, ...fields };
  await apply(taskEvent('task.created', task, { predecessorId: null, skippedOccurrences: 0 }));
  return task;
}

async function outboxEvents(subject: string, type?: string): Promise<EventEnvelope[]> {
  let q = db
    .selectFrom('outbox')
    .select(['envelope', 'topic', 'key'])
    .where(sql`envelope->>'subject'`, '=', subject)
    .orderBy('id');
  if (type) q = q.where('type', '=', type);
  const rows = await q.execute();
  return rows.map((r) => r.envelope as EventEnvelope);
}

const gql = (token: string | null, query: string, variables: Record<string, unknown> = {}) =>
  graphqlRequest(service.url, query, variables, token);
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const entitiesQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { id tags { name color } reminders { id remindAt offsetMinutes state } } } }`;

describe('planning-sync handler', () => {
  const remindersOf = (taskId: string) =>
    db.selectFrom('reminder').selectAll().where('task_id', '=', taskId).orderBy('offset_minutes').execute();

  it('moves relative reminders when the due time changes, cancels them when it is cleared', async () => {
    const u = await newUser();
    const due1 = inHours(24);
    const task = await createTask(u.id, { dueAt: due1 });
    const rel = (
      await gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 30 }) { id } }`, {
        t: task.id,
      })
    ).data.addReminder;
    const absAt = inHours(2);
    await gql(u.token, `mutation($t: ID!, $a: DateTime!) { addReminder(input: { taskId: $t, remindAt: $a }) { id } }`, {
      t: task.id,
      a: absAt,
    });

    const due2 = inHours(48);
    await apply(
      taskEvent('task.updated', { ...task, dueAt: due2 }, { changes: [{ field: 'dueAt', old: due1, new: due2 }] }),
    );
    const [moved, absolute] = await remindersOf(task.id);
    expect(moved!.remind_at.getTime()).toBe(new Date(due2).getTime() - 30 * 60_000);
    expect(moved!.fire_at!.getTime()).toBe(moved!.remind_at.getTime());
    expect(absolute!.remind_at.getTime()).toBe(new Date(absAt).getTime());
    const rescheduled = await outboxEvents(task.id, 'reminder.rescheduled');
    expect(rescheduled).toHaveLength(1);
    expect(rescheduled[0]!.data).toMatchObject({
      reminder: { id: rel.id },
      previousRemindAt: new Date(new Date(due1).getTime() - 30 * 60_000).toISOString(),
    });

    // An all-day due date counts from the start of that day (UTC).
    await apply(
      taskEvent(
        'task.updated',
        { ...task, dueAt: null, dueDate: '2031-05-02' },
        {
          changes: [
            { field: 'dueAt', old: due2, new: null },
            { field: 'dueDate', old: null, new: '2031-05-02' },
          ],
        },
      ),
    );
    expect((await remindersOf(task.id))[0]!.remind_at.toISOString()).toBe('2031-05-01T23:30:00.000Z');

    await apply(
      taskEvent(
        'task.updated',
        { ...task, dueAt: null, dueDate: null },
        { changes: [{ field: 'dueDate', old: '2031-05-02', new: null }] },
      ),
    );
    const [cancelled, stillAbsolute] = await remindersOf(task.id);
    expect(cancelled!.state).toBe('CANCELLED');
    expect(stillAbsolute!.state).toBe('SCHEDULED');
    expect((await outboxEvents(task.id, 'reminder.cancelled')).map((e) => (e.data as any).reason)).toEqual([
      'due-cleared',
    ]);
  });

  it('complete then reopen at once: the reminders the completion cancelled are scheduled again, where ahead', async () => {
    const u = await newUser();
    const task = await createTask(u.id, { dueAt: inHours(5) });
    const add = (input: string) =>
      gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, ${input} }) { id } }`, { t: task.id });
    expect((await add('offsetMinutes: 10')).errors).toBeUndefined();
    expect((await add(`remindAt: "${inHours(2)}"`)).errors).toBeUndefined();
    expect((await add(`remindAt: "${inHours(3)}"`)).errors).toBeUndefined();
    const before = await remindersOf(task.id);
    // One of them lies in the past by the time of the reopen: it stays cancelled.
    const past = before.find((r) => r.offset_minutes === null)!;
    await db
      .updateTable('reminder')
      .set({ remind_at: new Date(Date.now() - 60_000) })
      .where('id', '=', past.id)
      .execute();

    const completedAt = new Date().toISOString();
    await apply(taskEvent('task.completed', { ...task, status: 'COMPLETED' }));
    expect((await remindersOf(task.id)).map((r) => r.state)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    await apply(taskEvent('task.reopened', task, { previousCompletedAt: completedAt }));

    const after = await remindersOf(task.id);
    expect(Object.fromEntries(after.map((r) => [r.id, [r.state, r.fire_at?.toISOString() ?? null]]))).toEqual(
      Object.fromEntries(
        before.map((r) =>
          r.id === past.id ? [r.id, ['CANCELLED', null]] : [r.id, ['SCHEDULED', r.remind_at.toISOString()]],
        ),
      ),
    );
    expect(
      (await outboxEvents(task.id, 'reminder.rescheduled')).map((e) => (e.data as any).reminder.id).sort(),
    ).toEqual(
      before
        .filter((r) => r.id !== past.id)
        .map((r) => r.id)
        .sort(),
    );
    // A second reopen (a redelivery under another id) brings back nothing more.
    await apply(taskEvent('task.reopened', task, { previousCompletedAt: completedAt }));
    expect(await outboxEvents(task.id, 'reminder.rescheduled')).toHaveLength(2);
  });

  it('the Trash pauses reminders and keeps tags; restoring re-arms those ahead; the purge drops everything', async () => {
    const u = await newUser();
    const task = await createTask(u.id, { dueAt: inHours(5) });
    const add = (input: string) =>
      gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, ${input} }) { id } }`, { t: task.id });
    expect((await add('offsetMinutes: 10')).errors).toBeUndefined();
    expect((await add(`remindAt: "${inHours(2)}"`)).errors).toBeUndefined();
    const tagged = await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["garden"]) { id } }`, {
      t: task.id,
    });
    expect(tagged.errors).toBeUndefined();
    const before = await remindersOf(task.id);
    // One lies in the past by the time of the restore: it stays paused (cancelled).
    const past = before.find((r) => r.offset_minutes === null)!;

    const trashedAt = new Date().toISOString();
    await apply(taskEvent('task.trashed', task, { trashedAt }));
    expect((await remindersOf(task.id)).map((r) => r.state)).toEqual(['CANCELLED', 'CANCELLED']);
    expect((await outboxEvents(task.id, 'reminder.cancelled')).map((e) => (e.data as any).reason)).toEqual([
      'task-trashed',
      'task-trashed',
    ]);
    expect(await db.selectFrom('task_tag').select('task_id').where('task_id', '=', task.id).execute()).toHaveLength(1);
    // Nothing new goes on a task in the Trash.
    expect((await add('offsetMinutes: 30')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await db
      .updateTable('reminder')
      .set({ remind_at: new Date(Date.now() - 60_000) })
      .where('id', '=', past.id)
      .execute();
    await apply(taskEvent('task.restored', task, { previousTrashedAt: trashedAt }));
    const after = await remindersOf(task.id);
    expect(Object.fromEntries(after.map((r) => [r.id, [r.state, r.fire_at?.toISOString() ?? null]]))).toEqual(
      Object.fromEntries(
        before.map((r) =>
          r.id === past.id ? [r.id, ['CANCELLED', null]] : [r.id, ['SCHEDULED', r.remind_at.toISOString()]],
        ),
      ),
    );
    expect((await outboxEvents(task.id, 'reminder.rescheduled')).map((e) => (e.data as any).reminder.id)).toEqual(
      before.filter((r) => r.id !== past.id).map((r) => r.id),
    );
    expect((await add('offsetMinutes: 30')).errors).toBeUndefined();

    await apply(taskEvent('task.trashed', task, { trashedAt }));
    await apply(taskEvent('task.purged', task, { trashedAt }));
    expect(await db.selectFrom('task_tag').select('task_id').where('task_id', '=', task.id).execute()).toEqual([]);
    expect((await remindersOf(task.id)).every((r) => r.state === 'CANCELLED')).toBe(true);
    // Purged is gone for good: a late restore cannot revive it.
    await apply(taskEvent('task.restored', task, { previousTrashedAt: trashedAt }));
    expect((await add('offsetMinutes: 45')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a reminder cancelled because the due time was cleared stays cancelled when the task is reopened', async () => {
    const u = await newUser();
    const task = await createTask(u.id, { dueAt: inHours(5) });
    await gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 10 }) { id } }`, {
      t: task.id,
    });
    const cleared = { ...task, dueAt: null };
    await apply(taskEvent('task.updated', cleared, { changes: [{ field: 'dueAt', old: task.dueAt, new: null }] }));
    await apply(taskEvent('task.completed', { ...cleared, status: 'COMPLETED' }));
    await apply(taskEvent('task.reopened', cleared, { previousCompletedAt: new Date().toISOString() }));
    expect((await remindersOf(task.id)).map((r) => r.state)).toEqual(['CANCELLED']);
    expect(await outboxEvents(task.id, 'reminder.rescheduled')).toEqual([]);
  });

  it('completing a task cancels its pending reminders; deleting drops its tags and cancels the rest', async () => {
    const u = await newUser();
    const done = await createTask(u.id, { dueAt: inHours(5) });
    await gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 5 }) { id } }`, {
      t: done.id,
    });
    await apply(taskEvent('task.completed', { ...done, status: 'COMPLETED' }));
    expect((await remindersOf(done.id)).map((r) => r.state)).toEqual(['CANCELLED']);
    expect((await outboxEvents(done.id, 'reminder.cancelled')).map((e) => (e.data as any).reason)).toEqual([
      'task-completed',
    ]);
    // One that had fired before the completion cannot be snoozed back to life.
    const [earlier] = await remindersOf(done.id);
    await db
      .updateTable('reminder')
      .set({ state: 'FIRED', fired_at: new Date() })
      .where('id', '=', earlier!.id)
      .execute();
    const snoozeDone = await gql(
      u.token,
      `mutation($id: ID!) { snoozeReminder(id: $id, until: "${inHours(1)}") { id } }`,
      { id: earlier!.id },
    );
    expect(snoozeDone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(snoozeDone.errors?.[0]?.message).toContain('completed task');
    const addToDone = await gql(
      u.token,
      `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 5 }) { id } }`,
      { t: done.id },
    );
    expect(addToDone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.taskId' });

    const gone = await createTask(u.id, { dueAt: inHours(5) });
    await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["t1", "t2"]) { id } }`, { t: gone.id });
    await gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 5 }) { id } }`, {
      t: gone.id,
    });
    await gql(u.token, `mutation($t: ID!, $a: DateTime!) { addReminder(input: { taskId: $t, remindAt: $a }) { id } }`, {
      t: gone.id,
      a: inHours(1),
    });
    await apply(taskEvent('task.deleted', gone));
    expect((await remindersOf(gone.id)).map((r) => r.state)).toEqual(['CANCELLED', 'CANCELLED']);
    expect((await outboxEvents(gone.id, 'reminder.cancelled')).map((e) => (e.data as any).reason)).toEqual([
      'task-deleted',
      'task-deleted',
    ]);
    expect(await db.selectFrom('task_tag').selectAll().where('task_id', '=', gone.id).execute()).toEqual([]);
    const afterDelete = await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["x"]) { id } }`, {
      t: gone.id,
    });
    expect(afterDelete.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("a shared task: every member's reminders follow it; a removed member's tags and reminders on the project go", async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const projectId = newId();
    const inputs = (...events: Parameters<typeof handleInputs>[1]) =>
      db.transaction().execute((trx) => handleInputs(trx, events));
    await inputs(
      projectEvent('project.created', projectId, owner.id),
      projectEvent('member.added', projectId, owner.id, {
        member: { userId: member.id, role: 'EDITOR', joinedAt: new Date().toISOString() },
      }),
    );
    const addRelative = (token: string, taskId: string) =>
      gql(token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 10 }) { id } }`, { t: taskId });
    // Completion cancels the member's reminder too (it would fire for a finished task otherwise).
    const done = await createTask(owner.id, { dueAt: inHours(5), projectId });
    expect((await addRelative(member.token, done.id)).errors).toBeUndefined();
    await apply(taskEvent('task.completed', { ...done, status: 'COMPLETED' }));
    expect((await remindersOf(done.id)).map((r) => [r.user_id, r.state])).toEqual([[member.id, 'CANCELLED']]);

    // A due-time change moves the member's relative reminder.
    const kept = await createTask(owner.id, { dueAt: inHours(5), projectId });
    expect((await addRelative(member.token, kept.id)).errors).toBeUndefined();
    expect((await addRelative(owner.token, kept.id)).errors).toBeUndefined();
    const later = inHours(8);
    await apply(
      taskEvent('task.updated', { ...kept, dueAt: later }, { changes: [{ field: 'dueAt', old: null, new: later }] }),
    );
    const moved = await remindersOf(kept.id);
    expect(moved.map((r) => r.remind_at.toISOString()).sort()).toEqual(
      Array(2).fill(new Date(Date.parse(later) - 10 * 60_000).toISOString()),
    );

    // Removal: the member's tags come off and their reminders are dismissed; the owner's stay.
    const tag = await gql(member.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["mine"]) { id } }`, {
      t: kept.id,
    });
    expect(tag.errors).toBeUndefined();
    await inputs(
      projectEvent('member.removed', projectId, owner.id, {
        member: { userId: member.id, role: 'EDITOR', joinedAt: new Date().toISOString() },
        reason: 'removed',
      }),
    );
    const after = await remindersOf(kept.id);
    expect(Object.fromEntries(after.map((r) => [r.user_id, r.state]))).toEqual({
      [owner.id]: 'SCHEDULED',
      [member.id]: 'DISMISSED',
    });
    expect((await outboxEvents(kept.id, 'reminder.dismissed')).map((e) => e.userId)).toEqual([member.id]);
    expect((await outboxEvents(kept.id, 'task.untagged')).map((e) => e.userId)).toEqual([member.id]);
    expect(await db.selectFrom('task_tag').selectAll().where('task_id', '=', kept.id).execute()).toEqual([]);
    // And they may no longer put anything on the project's tasks.
    expect((await addRelative(member.token, kept.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // A creator removed from the project loses their own task there too.
    const theirs = await createTask(member.id, { dueAt: inHours(5), projectId });
    expect((await addRelative(member.token, theirs.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Deleting a shared task takes every member's tags off it.
    await gql(owner.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["o"]) { id } }`, { t: kept.id });
    await apply(taskEvent('task.deleted', kept));
    expect(await db.selectFrom('task_tag').selectAll().where('task_id', '=', kept.id).execute()).toEqual([]);
  });

  it("a task moved to a project the member is not in: their tags and reminders on it go, the owner's stay", async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const [shared, ownersOwn] = [newId(), newId()];
    await db.transaction().execute((trx) =>
      handleInputs(trx, [
        projectEvent('project.created', shared, owner.id),
        projectEvent('member.added', shared, owner.id, {
          member: { userId: member.id, role: 'EDITOR', joinedAt: new Date().toISOString() },
        }),
        projectEvent('project.created', ownersOwn, owner.id),
      ]),
    );
    const task = await createTask(owner.id, { dueAt: inHours(5), projectId: shared });
    for (const who of [owner, member]) {
      const r = await gql(
        who.token,
        `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["x"]) { id } addReminder(input: { taskId: $t, offsetMinutes: 10 }) { id } }`,
        { t: task.id },
      );
      expect(r.errors).toBeUndefined();
    }
    // An update that moves nothing changes nothing.
    await apply(taskEvent('task.updated', task, { changes: [{ field: 'title', old: 't', new: 'renamed' }] }));
    expect((await remindersOf(task.id)).map((r) => r.state)).toEqual(['SCHEDULED', 'SCHEDULED']);

    await apply(
      taskEvent(
        'task.updated',
        { ...task, projectId: ownersOwn },
        { changes: [{ field: 'projectId', old: shared, new: ownersOwn }] },
      ),
    );
    expect(Object.fromEntries((await remindersOf(task.id)).map((r) => [r.user_id, r.state]))).toEqual({
      [owner.id]: 'SCHEDULED',
      [member.id]: 'DISMISSED',
    });
    const links = await db.selectFrom('task_tag').select('user_id').where('task_id', '=', task.id).execute();
    expect(links).toEqual([{ user_id: owner.id }]);
    expect((await outboxEvents(task.id, 'task.untagged')).map((e) => e.userId)).toEqual([member.id]);
    expect((await outboxEvents(task.id, 'reminder.dismissed')).map((e) => e.userId)).toEqual([member.id]);
  });

  it('a batch applies the same effects in order (projection in one statement)', async () => {
    const u = await newUser();
    const due1 = inHours(24);
    const task = await createTask(u.id, { dueAt: due1 });
    await gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 60 }) { id } }`, {
      t: task.id,
    });
    const other: TaskFixture = { id: newId(), userId: u.id, dueDate: '2031-07-01' };
    const due2 = inHours(30);
    await db
      .transaction()
      .execute((trx) =>
        handleEvents(trx, [
          taskEvent('task.created', other, { predecessorId: null, skippedOccurrences: 0 }),
          taskEvent('task.updated', { ...task, dueAt: due2 }, { changes: [{ field: 'dueAt', old: due1, new: due2 }] }),
          taskEvent('task.completed', { ...task, dueAt: due2, status: 'COMPLETED' }),
          taskEvent('task.deleted', other),
        ]),
      );
    expect(await outboxEvents(task.id)).toHaveLength(3); // added, rescheduled, cancelled
    expect((await outboxEvents(task.id)).map((e) => e.type)).toEqual([
      'reminder.added',
      'reminder.rescheduled',
      'reminder.cancelled',
    ]);
    const [reminder] = await remindersOf(task.id);
    expect(reminder).toMatchObject({ state: 'CANCELLED', remind_at: new Date(new Date(due2).getTime() - 3_600_000) });
    const states = await db
      .selectFrom('task_state')
      .selectAll()
      .where('task_id', 'in', [task.id, other.id])
      .orderBy('task_id')
      .execute();
    expect(states.find((r) => r.task_id === task.id)).toMatchObject({
      status: 'COMPLETED',
      due_at: new Date(due2),
      deleted: false,
    });
    expect(states.find((r) => r.task_id === other.id)).toMatchObject({ due_date: '2031-07-01', deleted: true });
  });

  it('a recurring instance inherits its predecessor’s tags and relative reminders, once', async () => {
    const u = await newUser();
    const seriesId = newId();
    const first = await createTask(u.id, { dueAt: '2031-01-01T09:00:00Z', seriesId, occurrence: 1 });
    await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["daily", "gym"]) { id } }`, {
      t: first.id,
    });
    for (const offset of [15, 60]) {
      await gql(
        u.token,
        `mutation($t: ID!, $o: Int!) { addReminder(input: { taskId: $t, offsetMinutes: $o }) { id } }`,
        { t: first.id, o: offset },
      );
    }
    await gql(
      u.token,
      `mutation($t: ID!) { addReminder(input: { taskId: $t, remindAt: "2030-12-31T20:00:00Z" }) { id } }`,
      { t: first.id },
    );
    await apply(taskEvent('task.completed', { ...first, status: 'COMPLETED' }));

    const next: TaskFixture = { id: newId(), userId: u.id, dueAt: '2031-01-02T09:00:00Z', seriesId, occurrence: 2 };
    const created = taskEvent('task.created', next, { predecessorId: first.id, skippedOccurrences: 0 }, null);
    await apply(created);
    await apply(created); // redelivery: the inbox makes it a no-op

    const reminders = await remindersOf(next.id);
    expect(reminders.map((r) => [r.offset_minutes, r.remind_at.toISOString(), r.state])).toEqual([
      [15, '2031-01-02T08:45:00.000Z', 'SCHEDULED'],
      [60, '2031-01-02T08:00:00.000Z', 'SCHEDULED'],
    ]);
    expect(
      (await outboxEvents(next.id, 'reminder.added')).map((e) => (e.data as any).reminder.offsetMinutes).sort(),
    ).toEqual([15, 60]);
    expect((await outboxEvents(next.id, 'task.tagged')).map((e) => (e.data as any).tag.name).sort()).toEqual([
      'daily',
      'gym',
    ]);
    expect((await outboxEvents(next.id, 'task.tagged'))[0]!.actor).toBeNull();
    const entities = await gql(u.token, entitiesQuery, { reps: [{ __typename: 'Task', id: next.id }] });
    expect(entities.data._entities[0].tags.map((t: any) => t.name)).toEqual(['daily', 'gym']);
  });

  it("a shared recurring task: each member's own tags and relative reminders carry to the next instance", async () => {
    const [owner, member, former] = [await newUser(), await newUser(), await newUser()];
    const projectId = newId();
    const joined = (userId: string) => ({ userId, role: 'EDITOR' as const, joinedAt: new Date().toISOString() });
    await db
      .transaction()
      .execute((trx) =>
        handleInputs(trx, [
          projectEvent('project.created', projectId, owner.id),
          projectEvent('member.added', projectId, owner.id, { member: joined(member.id) }),
          projectEvent('member.added', projectId, owner.id, { member: joined(former.id) }),
        ]),
      );
    const seriesId = newId();
    const first = await createTask(owner.id, { dueAt: '2031-01-01T09:00:00Z', seriesId, occurrence: 1, projectId });
    const mark = (who: { token: string }, tag: string, offset: number) =>
      gql(
        who.token,
        `mutation($t: ID!, $n: String!, $o: Int!) { setTaskTags(taskId: $t, names: [$n]) { id } addReminder(input: { taskId: $t, offsetMinutes: $o }) { id } }`,
        { t: first.id, n: tag, o: offset },
      );
    for (const [who, tag, offset] of [
      [owner, 'mine', 15],
      [member, 'theirs', 30],
      [former, 'gone', 45],
    ] as const) {
      expect((await mark(who, tag, offset)).errors).toBeUndefined();
    }
    // The third leaves before the series continues.
    await db
      .transaction()
      .execute((trx) =>
        handleInputs(trx, [
          projectEvent('member.removed', projectId, owner.id, { member: joined(former.id), reason: 'left' }),
        ]),
      );
    await apply(taskEvent('task.completed', { ...first, status: 'COMPLETED' }));
    const next: TaskFixture = {
      id: newId(),
      userId: owner.id,
      dueAt: '2031-01-02T09:00:00Z',
      seriesId,
      occurrence: 2,
      projectId,
    };
    await apply(taskEvent('task.created', next, { predecessorId: first.id, skippedOccurrences: 0 }, null));

    expect((await remindersOf(next.id)).map((r) => [r.user_id, r.offset_minutes, r.remind_at.toISOString()])).toEqual([
      [owner.id, 15, '2031-01-02T08:45:00.000Z'],
      [member.id, 30, '2031-01-02T08:30:00.000Z'],
    ]);
    const tagged = await outboxEvents(next.id, 'task.tagged');
    expect(Object.fromEntries(tagged.map((e) => [e.userId, (e.data as any).tag.name]))).toEqual({
      [owner.id]: 'mine',
      [member.id]: 'theirs',
    });
  });
});
