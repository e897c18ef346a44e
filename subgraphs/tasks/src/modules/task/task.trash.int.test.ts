/**
 * The Trash on a real PostgreSQL and Kafka: deleteTask hides a task (and the subtasks that go
 * with it) from every read but `trash`, restoreTask brings it back as it was, who may do what,
 * and the purge after 30 days (clock given to the job) with one task.purged per task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import {
  codeOf,
  collectEvents,
  eventsOf,
  projectUser,
  startTestTasksService,
  type TestUser,
} from '../../testing/harness.js';
import { purgeTrash, trashRetentionDays } from './task.trash.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let events: Awaited<ReturnType<typeof collectEvents>>;
let alice: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let project: string;

const create = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id position } }`;
const remove = `mutation($id: ID!) { deleteTask(id: $id) }`;
const restore = `mutation($id: ID!) { restoreTask(id: $id) { id title position trashedAt status
  parent { id } subtasks { id } } }`;
const trash = `query($first: Int, $after: String) { trash(first: $first, after: $after) {
  totalCount edges { cursor node { id title trashedAt } } pageInfo { hasNextPage endCursor } } }`;
const list = `query($p: ID!) { tasks(filter: { projectIds: [$p] }, sort: { field: POSITION }) {
  totalCount edges { node { id } } } }`;

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql<T>(query, variables);
  expect(result.errors, JSON.stringify(variables)).toBeUndefined();
  return result.data!;
}

async function task(title: string, parentId?: string): Promise<{ id: string; position: string }> {
  const input = { title, ...(parentId ? { parentId } : { projectId: project }) };
  return (await ok(alice, create, { input })).createTask;
}

const listed = async () => (await ok(alice, list, { p: project })).tasks.edges.map((e: any) => e.node.id);
const trashed = async (user = alice) => (await ok(user, trash, { first: 50 })).trash;

beforeAll(async () => {
  events = await collectEvents('task-events');
  started = await startTestTasksService({ relay: true });
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  viewer = await started.newUser();
  outsider = await started.newUser();
  project = (await ok(alice, `mutation { createProject(input: { name: "Garden" }) { id } }`)).createProject.id;
  const email = `v-${uniqueSuffix()}@example.com`;
  await projectUser(db, viewer.id, email, true);
  await ok(alice, `mutation($p: ID!, $e: String!) { shareProject(projectId: $p, email: $e, role: VIEWER) { id } }`, {
    p: project,
    e: email,
  });
});

afterAll(async () => {
  await started?.service.stop();
  await events?.stop();
  await db?.destroy();
});

describe('the Trash', () => {
  it('deleteTask hides the task and its subtasks everywhere but trash; restoreTask brings back all of it', async () => {
    const first = await task('Mow');
    const top = await task('Plant roses');
    const dig = await task('Dig', top.id);
    const water = await task('Water', top.id);
    const last = await task('Rake');
    expect(await listed()).toEqual([first.id, top.id, dig.id, water.id, last.id]);

    expect((await ok(alice, remove, { id: top.id })).deleteTask).toBe(top.id);
    for (const id of [top.id, dig.id, water.id]) {
      const [event] = await eventsOf(events, id, 'task.trashed');
      expect(event!.data.task.id).toBe(id);
      expect(Date.parse(event!.data.trashedAt)).toBeGreaterThan(0);
    }
    expect(await listed()).toEqual([first.id, last.id]);
    expect((await ok(alice, list, { p: project })).tasks.totalCount).toBe(2);
    expect(codeOf(await alice.gql(`query($id: ID!) { task(id: $id) { id } }`, { id: dig.id }))?.code).toBe('NOT_FOUND');
    // A trashed task cannot be changed, nor take new subtasks.
    expect(codeOf(await alice.gql(`mutation($id: ID!) { completeTask(id: $id) { id } }`, { id: top.id }))?.code).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await alice.gql(create, { input: { title: 'x', parentId: top.id } }))?.code).toBe('NOT_FOUND');

    // The Trash lists the task put there, not the subtasks that went with it; members see it.
    const bin = await trashed();
    expect(bin.edges.map((e: any) => e.node.id)).toContain(top.id);
    expect(bin.edges.map((e: any) => e.node.id)).not.toContain(dig.id);
    expect(bin.edges.find((e: any) => e.node.id === top.id).node.trashedAt).toEqual(expect.any(String));
    expect((await trashed(viewer)).edges.map((e: any) => e.node.id)).toContain(top.id);
    expect((await trashed(outsider)).edges).toEqual([]);

    // Who may restore: not a viewer, not an outsider; a subtask that went along is restored with its parent.
    expect(codeOf(await viewer.gql(restore, { id: top.id }))?.code).toBe('FORBIDDEN');
    expect(codeOf(await outsider.gql(restore, { id: top.id }))?.code).toBe('NOT_FOUND');
    expect(codeOf(await alice.gql(restore, { id: dig.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    const back = (await ok(alice, restore, { id: top.id })).restoreTask;
    expect(back).toMatchObject({ id: top.id, title: 'Plant roses', position: top.position, trashedAt: null });
    expect(back.subtasks.map((s: { id: string }) => s.id)).toEqual([dig.id, water.id]);
    for (const id of [top.id, dig.id, water.id]) {
      const [event] = await eventsOf(events, id, 'task.restored');
      expect(Date.parse(event!.data.previousTrashedAt)).toBeGreaterThan(0);
    }
    // Back in its place in the manual order; gone from the Trash.
    expect(await listed()).toEqual([first.id, top.id, dig.id, water.id, last.id]);
    expect((await trashed()).edges.map((e: any) => e.node.id)).not.toContain(top.id);
    // Restoring a task that is not in the Trash returns it and emits nothing.
    await ok(alice, restore, { id: top.id });
  });

  it('a subtask trashed alone stays apart; while its parent is in the Trash it cannot be restored', async () => {
    const top = await task('Shed');
    const paint = await task('Paint', top.id);
    const fix = await task('Fix door', top.id);
    await ok(alice, remove, { id: paint.id });
    await ok(alice, remove, { id: top.id });
    const ids = (await trashed()).edges.map((e: any) => e.node.id);
    expect(ids.indexOf(top.id)).toBeLessThan(ids.indexOf(paint.id)); // newest first
    expect(ids).not.toContain(fix.id);
    expect(codeOf(await alice.gql(restore, { id: paint.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // Restoring the parent brings back what went with it, not what was trashed before.
    expect((await ok(alice, restore, { id: top.id })).restoreTask.subtasks).toEqual([{ id: fix.id }]);
    expect((await ok(alice, restore, { id: paint.id })).restoreTask.parent).toEqual({ id: top.id });
  });

  it('pages newest first with a cursor; a forged cursor is BAD_USER_INPUT on after', async () => {
    const a = await task('Page a');
    const b = await task('Page b');
    await ok(alice, remove, { id: a.id });
    await ok(alice, remove, { id: b.id });
    const one = (await ok(alice, trash, { first: 1 })).trash;
    expect(one.edges.map((e: any) => e.node.id)).toEqual([b.id]);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await ok(alice, trash, { first: 1, after: one.pageInfo.endCursor })).trash;
    expect(two.edges.map((e: any) => e.node.id)).toEqual([a.id]);
    expect(one.totalCount).toBe((await trashed()).edges.length);
    expect(codeOf(await alice.gql(trash, { first: 1, after: 'bm9wZQ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(codeOf(await alice.gql(trash, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it(`purges what has been in the Trash for ${trashRetentionDays} days, with its subtasks: one task.purged each`, async () => {
    const top = await task('Old compost');
    const sub = await task('Turn it', top.id);
    await ok(alice, remove, { id: top.id });
    const [event] = await eventsOf(events, top.id, 'task.trashed');
    const trashedAt = new Date(event!.data.trashedAt);
    const day = 86_400_000;

    // One day short of the retention: nothing of it goes.
    await purgeTrash({ db }, new Date(trashedAt.getTime() + (trashRetentionDays - 1) * day));
    expect((await trashed()).edges.map((e: any) => e.node.id)).toContain(top.id);

    const purged = await purgeTrash({ db }, new Date(trashedAt.getTime() + trashRetentionDays * day + 1_000));
    expect(purged).toBeGreaterThanOrEqual(2);
    for (const id of [top.id, sub.id]) {
      const [gone] = await eventsOf(events, id, 'task.purged');
      expect(gone!.data).toMatchObject({ task: { id }, trashedAt: trashedAt.toISOString() });
      expect(gone!.actor).toBeNull();
    }
    expect(await db.selectFrom('tasks').select('id').where('id', 'in', [top.id, sub.id]).execute()).toEqual([]);
    expect((await trashed()).edges.map((e: any) => e.node.id)).not.toContain(top.id);
    expect(codeOf(await alice.gql(restore, { id: top.id }))?.code).toBe('NOT_FOUND');
  });
});
