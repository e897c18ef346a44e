import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { EventEnvelope } from '@taskwire/platform/events';
import { gatewaySecretHeader } from '@taskwire/platform/gateway-secret';
import { testGatewaySecret } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import {
  collectEvents,
  eventsOf as eventsOfCollector,
  startTestTasksService,
  taskFields,
  type TestUser,
} from '../../testing/harness.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let collector: Awaited<ReturnType<typeof collectEvents>>;
let db: ReturnType<typeof createTasksDatabase>;
let alice: TestUser;
let bob: TestUser;

const create = `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${taskFields} } }`;
const update = `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${taskFields} } }`;
const complete = `mutation($id: ID!) { completeTask(id: $id) { ${taskFields} } }`;
const reopen = `mutation($id: ID!) { reopenTask(id: $id) { ${taskFields} } }`;
const remove = `mutation($id: ID!) { deleteTask(id: $id) }`;
const read = `query($id: ID!) { task(id: $id) { ${taskFields} } }`;

/** Waits for exactly `n` events of `type` about `taskId` and returns them. */
function eventsOf(user: TestUser, taskId: string, type: string, n = 1): Promise<Array<EventEnvelope & { data: any }>> {
  return eventsOfCollector(collector, taskId, type, n, user.id);
}

beforeAll(async () => {
  collector = await collectEvents();
  started = await startTestTasksService(
    { relay: true },
    {
      afterWrite: (_trx, _op, row) => {
        if (row.title.startsWith('explode')) throw new Error('forced failure after the write (test hook)');
      },
    },
  );
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  bob = await started.newUser();
});

afterAll(async () => {
  await started?.service.stop();
  await collector?.stop();
  await db?.destroy();
});

describe('mutations and their events', () => {
  it('createTask stores a trimmed task and publishes task.created with the snapshot', async () => {
    const res = await alice.gql(create, {
      input: { title: '  Write report  ', description: 'Q4', priority: 'HIGH', dueAt: '2026-12-01T09:00:00+01:00' },
    });
    expect(res.errors).toBeUndefined();
    const task = res.data.createTask;
    expect(task).toMatchObject({
      title: 'Write report',
      description: 'Q4',
      priority: 'HIGH',
      status: 'OPEN',
      dueAt: '2026-12-01T08:00:00.000Z',
      dueDate: null,
      completedAt: null,
      recurrence: null,
      seriesId: null,
      occurrence: null,
      timeZone: 'UTC',
      owner: { id: alice.id },
    });
    const [event] = await eventsOf(alice, task.id, 'task.created');
    expect(event!).toMatchObject({
      type: 'task.created',
      version: 1,
      actor: alice.id,
      subject: task.id,
      userId: alice.id,
    });
    expect(event!.data).toEqual({
      task: {
        id: task.id,
        userId: alice.id,
        title: 'Write report',
        description: 'Q4',
        priority: 'HIGH',
        status: 'OPEN',
        dueAt: '2026-12-01T08:00:00.000Z',
        dueDate: null,
        completedAt: null,
        projectId: task.project.id,
        assigneeId: null,
        createdBy: alice.id,
        position: expect.stringMatching(/^[0-9A-Za-z]+$/),
        parentId: null,
        recurrence: null,
        seriesId: null,
        occurrence: null,
        seriesStart: null,
        createdAt: task.createdAt,
        updatedAt: task.updatedAt,
      },
      predecessorId: null,
      skippedOccurrences: 0,
    });
  });

  it('a recurring task starts its series: seriesId = id, occurrence 1, seriesStart = due', async () => {
    const res = await alice.gql(create, {
      input: {
        title: 'Standup',
        dueAt: '2026-12-01T09:00:00+01:00',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', timeZone: 'Europe/Berlin' },
      },
    });
    expect(res.errors).toBeUndefined();
    const task = res.data.createTask;
    expect(task).toMatchObject({
      seriesId: task.id,
      occurrence: 1,
      timeZone: 'Europe/Berlin',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
    });
    const [event] = await eventsOf(alice, task.id, 'task.created');
    expect(event!.data.task).toMatchObject({
      seriesId: task.id,
      occurrence: 1,
      seriesStart: '2026-12-01T08:00:00.000Z',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
    });
    const next = await alice.gql(`query($id: ID!) { task(id: $id) { nextOccurrences(count: 3) } }`, { id: task.id });
    expect(next.data.task.nextOccurrences).toEqual([
      '2026-12-03T08:00:00.000Z',
      '2026-12-08T08:00:00.000Z',
      '2026-12-10T08:00:00.000Z',
    ]);
    const none = await alice.gql(`query($id: ID!) { task(id: $id) { nextOccurrences } }`, {
      id: (await alice.gql(create, { input: { title: 'plain' } })).data.createTask.id,
    });
    expect(none.data.task.nextOccurrences).toEqual([]);
    for (const count of [0, 51]) {
      const bad = await alice.gql(`query($id: ID!, $n: Int) { task(id: $id) { nextOccurrences(count: $n) } }`, {
        id: task.id,
        n: count,
      });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'count' });
    }
  });

  it('updateTask reports only changed fields with old and new values; a no-op update emits nothing', async () => {
    const task = (await alice.gql(create, { input: { title: 'Plan trip', dueDate: '2026-12-24' } })).data.createTask;
    const res = await alice.gql(update, {
      id: task.id,
      input: { title: 'Plan the trip', priority: 'URGENT', dueAt: '2026-12-20T10:00:00Z' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateTask).toMatchObject({
      title: 'Plan the trip',
      priority: 'URGENT',
      dueAt: '2026-12-20T10:00:00.000Z',
      dueDate: null,
    });
    const [event] = await eventsOf(alice, task.id, 'task.updated');
    expect(event!.data.changes).toEqual([
      { field: 'title', old: 'Plan trip', new: 'Plan the trip' },
      { field: 'priority', old: 'MEDIUM', new: 'URGENT' },
      { field: 'dueAt', old: null, new: '2026-12-20T10:00:00.000Z' },
      { field: 'dueDate', old: '2026-12-24', new: null },
    ]);
    expect(event!.data.task).toMatchObject({ id: task.id, title: 'Plan the trip', priority: 'URGENT' });

    // Same values again: no event. Then clearDue → one more event.
    const same = await alice.gql(update, { id: task.id, input: { title: 'Plan the trip', priority: 'URGENT' } });
    expect(same.errors).toBeUndefined();
    expect(same.data.updateTask.updatedAt).toBe(res.data.updateTask.updatedAt);
    const cleared = await alice.gql(update, { id: task.id, input: { clearDue: true, description: 'by train' } });
    expect(cleared.data.updateTask).toMatchObject({ dueAt: null, dueDate: null, description: 'by train' });
    const events = await eventsOf(alice, task.id, 'task.updated', 2);
    expect(events[1]!.data.changes).toEqual([
      { field: 'description', old: null, new: 'by train' },
      { field: 'dueAt', old: '2026-12-20T10:00:00.000Z', new: null },
    ]);
    // Adding a rule later starts the series at this task; clearRecurrence removes the rule.
    const withRule = await alice.gql(update, {
      id: task.id,
      input: { dueDate: '2027-01-04', recurrence: { rrule: 'FREQ=MONTHLY', anchor: 'COMPLETION' } },
    });
    expect(withRule.data.updateTask).toMatchObject({
      seriesId: task.id,
      occurrence: 1,
      recurrence: { rrule: 'FREQ=MONTHLY', timeZone: 'UTC', anchor: 'COMPLETION' },
    });
    const noRule = await alice.gql(update, { id: task.id, input: { clearRecurrence: true } });
    expect(noRule.data.updateTask.recurrence).toBeNull();
    const all = await eventsOf(alice, task.id, 'task.updated', 4);
    expect(all[2]!.data.task.seriesStart).toBe('2027-01-04');
    expect(all[3]!.data.changes).toEqual([
      { field: 'recurrence', old: { rrule: 'FREQ=MONTHLY', timeZone: 'UTC', anchor: 'COMPLETION' }, new: null },
    ]);
    expect(collector.forUser(alice.id).filter((e) => e.subject === task.id && e.type === 'task.updated')).toHaveLength(
      4,
    );
  });

  it('complete and reopen are idempotent: twice → one event each', async () => {
    const task = (await alice.gql(create, { input: { title: 'Pay rent' } })).data.createTask;
    const first = await alice.gql(complete, { id: task.id });
    const second = await alice.gql(complete, { id: task.id });
    expect(first.data.completeTask.status).toBe('COMPLETED');
    expect(second.data.completeTask.completedAt).toBe(first.data.completeTask.completedAt);
    const [completed] = await eventsOf(alice, task.id, 'task.completed');
    expect(completed!.data.task).toMatchObject({
      status: 'COMPLETED',
      completedAt: first.data.completeTask.completedAt,
    });

    const reopened = await alice.gql(reopen, { id: task.id });
    await alice.gql(reopen, { id: task.id });
    expect(reopened.data.reopenTask).toMatchObject({ status: 'OPEN', completedAt: null });
    const [reopenEvent] = await eventsOf(alice, task.id, 'task.reopened');
    expect(reopenEvent!.data).toMatchObject({
      previousCompletedAt: first.data.completeTask.completedAt,
      task: { status: 'OPEN', completedAt: null },
    });

    // A later event for the same task proves the duplicates would have arrived by now.
    await alice.gql(remove, { id: task.id });
    await eventsOf(alice, task.id, 'task.trashed');
    const types = collector
      .forUser(alice.id)
      .filter((e) => e.subject === task.id)
      .map((e) => e.type);
    expect(types).toEqual(['task.created', 'task.completed', 'task.reopened', 'task.trashed']);
  });

  it('deleteTask moves the task to the Trash (task.trashed with its state); it is NOT_FOUND for reads and writes', async () => {
    const task = (await alice.gql(create, { input: { title: 'Old idea', description: 'drop it' } })).data.createTask;
    const res = await alice.gql(remove, { id: task.id });
    expect(res.data.deleteTask).toBe(task.id);
    const [event] = await eventsOf(alice, task.id, 'task.trashed');
    expect(event!.data.task).toMatchObject({ id: task.id, title: 'Old idea', description: 'drop it', status: 'OPEN' });
    expect(Date.parse(event!.data.trashedAt)).toBeGreaterThan(0);
    expect((await alice.gql(read, { id: task.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await alice.gql(remove, { id: task.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a failed transaction leaves neither row nor event', async () => {
    const failed = await alice.gql(create, { input: { title: 'explode on create' } });
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const task = (await alice.gql(create, { input: { title: 'survivor' } })).data.createTask;
    const failedUpdate = await alice.gql(update, { id: task.id, input: { title: 'explode on update' } });
    expect(failedUpdate.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    // Something that did commit after the failures, to know the relay has caught up.
    await alice.gql(complete, { id: task.id });
    await eventsOf(alice, task.id, 'task.completed');

    const rows = await db
      .selectFrom('tasks')
      .select(['title'])
      .where('user_id', '=', alice.id)
      .where('title', 'like', 'explode%')
      .execute();
    expect(rows).toEqual([]);
    expect((await alice.gql(read, { id: task.id })).data.task.title).toBe('survivor');
    const outbox = await sql<{
      n: string;
    }>`select count(*) as n from outbox where envelope->>'userId' = ${alice.id} and envelope::text like '%explode%'`.execute(
      db,
    );
    expect(Number(outbox.rows[0]!.n)).toBe(0);
    const onKafka = collector.forUser(alice.id).filter((e) => JSON.stringify(e.data).includes('explode'));
    expect(onKafka).toEqual([]);
    expect(
      collector
        .forUser(alice.id)
        .filter((e) => e.subject === task.id)
        .map((e) => e.type),
    ).toEqual(['task.created', 'task.completed']);
  });
});

describe('ownership', () => {
  it("another user's task behaves like a missing one: NOT_FOUND, and null from _entities", async () => {
    const task = (await alice.gql(create, { input: { title: 'Private' } })).data.createTask;
    const missing = '0190f2c4-0000-7000-8000-000000000000';
    for (const id of [task.id, missing, 'not-a-uuid']) {
      for (const [op, vars] of [
        [read, { id }],
        [update, { id, input: { title: 'hijacked' } }],
        [complete, { id }],
        [reopen, { id }],
        [remove, { id }],
      ] as const) {
        const res = await bob.gql(op, vars);
        expect(res.errors?.[0]?.extensions?.code, `${op.slice(0, 30)} ${id}`).toBe('NOT_FOUND');
        expect(res.errors?.[0]?.message).not.toContain('Private');
      }
    }
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Task { id title } } }`;
    const reps = [
      { __typename: 'Task', id: task.id },
      { __typename: 'Task', id: missing },
    ];
    expect((await bob.gql(entities, { r: reps })).data._entities).toEqual([null, null]);
    expect((await alice.gql(entities, { r: reps })).data._entities).toEqual([{ id: task.id, title: 'Private' }, null]);
    // Unauthenticated (through the gateway, without a token): no user data at all.
    const anonymous = await fetch(started.service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [gatewaySecretHeader]: testGatewaySecret },
      body: JSON.stringify({ query: entities, variables: { r: reps } }),
    });
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Bob's failed attempts changed nothing and published nothing.
    expect((await alice.gql(read, { id: task.id })).data.task).toMatchObject({ title: 'Private', status: 'OPEN' });
    expect(collector.forUser(bob.id)).toEqual([]);
  });
});

describe('validation', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['empty title', { title: '   ' }, 'input.title'],
    ['title too long', { title: long(501) }, 'input.title'],
    ['description too long', { title: 'ok', description: long(10_001) }, 'input.description'],
    ['dueAt and dueDate', { title: 'ok', dueAt: '2026-12-01T09:00:00Z', dueDate: '2026-12-01' }, 'input.dueDate'],
    ['dueAt without offset', { title: 'ok', dueAt: '2026-12-01T09:00:00' }, 'input.dueAt'],
    ['dueAt not a date', { title: 'ok', dueAt: 'tomorrow' }, 'input.dueAt'],
    ['dueDate invalid', { title: 'ok', dueDate: '2026-02-30' }, 'input.dueDate'],
    ['dueAt on a day that does not exist', { title: 'ok', dueAt: '2027-02-30T09:00:00Z' }, 'input.dueAt'],
    [
      'bad rrule',
      { title: 'ok', dueDate: '2026-12-01', recurrence: { rrule: 'FREQ=FORTNIGHTLY' } },
      'input.recurrence.rrule',
    ],
    [
      'sub-daily rrule',
      { title: 'ok', dueDate: '2026-12-01', recurrence: { rrule: 'FREQ=HOURLY' } },
      'input.recurrence.rrule',
    ],
    [
      'bad rule time zone',
      { title: 'ok', dueDate: '2026-12-01', recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Mars/Olympus' } },
      'input.recurrence.timeZone',
    ],
    ['rule without due', { title: 'ok', recurrence: { rrule: 'FREQ=DAILY' } }, 'input.recurrence'],
    ['bad task time zone', { title: 'ok', timeZone: '+02:00' }, 'input.timeZone'],
  ];
  it.each(cases)('createTask: %s → BAD_USER_INPUT naming the field', async (_name, input, field) => {
    const res = await alice.gql(create, { input });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message.length).toBeGreaterThan(20);
  });

  it('updateTask: each bad field is named', async () => {
    const task = (
      await alice.gql(create, { input: { title: 'Valid', dueDate: '2026-12-01', recurrence: { rrule: 'FREQ=DAILY' } } })
    ).data.createTask;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'input.title'],
      [{ title: null }, 'input.title'],
      [{ priority: null }, 'input.priority'],
      [{ description: long(10_001) }, 'input.description'],
      [{ dueAt: '2026-13-01T00:00:00Z' }, 'input.dueAt'],
      [{ dueDate: 'soon' }, 'input.dueDate'],
      [{ clearDue: true, dueDate: '2026-12-02' }, 'input.clearDue'],
      [{ clearDue: true }, 'input.clearDue'],
      [{ clearRecurrence: true, recurrence: { rrule: 'FREQ=DAILY' } }, 'input.clearRecurrence'],
      [{ recurrence: { rrule: 'FREQ=DAILY;BYDAY=XX' } }, 'input.recurrence.rrule'],
      [{ recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Nowhere/City' } }, 'input.recurrence.timeZone'],
    ];
    for (const [input, field] of bad) {
      const res = await alice.gql(update, { id: task.id, input });
      expect(res.errors?.[0]?.extensions, JSON.stringify(input).slice(0, 80)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect((await alice.gql(read, { id: task.id })).data.task).toMatchObject({ title: 'Valid', dueDate: '2026-12-01' });
  });
});
