/**
 * Subtasks on a real PostgreSQL: nesting up to four levels (a fifth is refused), progress on the
 * parent, completion that completes the open subtasks (one event each) and a reopen that undoes
 * exactly that, deletion and moves that take the subtasks along, and the refusals.
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

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let events: Awaited<ReturnType<typeof collectEvents>>;
let alice: TestUser;
let viewer: TestUser;
let project: string;

const create = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id project { id } parent { id } } }`;
const read = `query($id: ID!) { task(id: $id) { id status completedAt project { id }
  parent { id } subtasks { id title status } subtaskProgress { done total } } }`;
const complete = `mutation($id: ID!) { completeTask(id: $id) { id status } }`;
const reopen = `mutation($id: ID!) { reopenTask(id: $id) { id status } }`;

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql<T>(query, variables);
  expect(result.errors, JSON.stringify(variables)).toBeUndefined();
  return result.data!;
}

async function task(title: string, parentId?: string, projectId = project): Promise<string> {
  const input = { title, ...(parentId ? { parentId } : { projectId }) };
  return (await ok(alice, create, { input })).createTask.id;
}

const state = async (id: string) => (await ok(alice, read, { id })).task;

beforeAll(async () => {
  events = await collectEvents('task-events');
  started = await startTestTasksService({ relay: true });
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  viewer = await started.newUser();
  project = (await ok(alice, `mutation { createProject(input: { name: "Trip" }) { id } }`)).createProject.id;
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

describe('subtasks', () => {
  it('nest four levels deep, a fifth is refused; the parent shows its subtasks and progress', async () => {
    const top = await task('Plan trip');
    const book = await task('Book', top);
    const pack = await task('Pack', top);
    const hotel = await task('Hotel', book);
    const room = await task('Room with a view', hotel);
    const fifth = await alice.gql(create, { input: { title: 'Too deep', parentId: room } });
    expect(codeOf(fifth)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    expect(fifth.errors![0]!.message).toMatch(/at most 4 levels/);

    const parent = await state(top);
    expect(parent.subtasks.map((s: { title: string }) => s.title)).toEqual(['Book', 'Pack']);
    expect(parent.subtaskProgress).toEqual({ done: 0, total: 2 });
    expect((await state(room)).parent).toEqual({ id: hotel });
    expect((await state(room)).project).toEqual({ id: project });
    await ok(alice, complete, { id: pack });
    expect((await state(top)).subtaskProgress).toEqual({ done: 1, total: 2 });
  });

  it('completing a task completes its open subtasks, one event each; reopening it undoes exactly that', async () => {
    const top = await task('Move house');
    const boxes = await task('Boxes', top);
    const tape = await task('Tape', boxes);
    const done = await task('Already done', top);
    await ok(alice, complete, { id: done });

    await ok(alice, complete, { id: top });
    for (const id of [top, boxes, tape, done]) expect((await state(id)).status).toBe('COMPLETED');
    for (const id of [top, boxes, tape]) await eventsOf(events, id, 'task.completed', 1);
    expect(events.events.filter((e) => e.subject === done && e.type === 'task.completed')).toHaveLength(1);

    await ok(alice, reopen, { id: top });
    for (const id of [top, boxes, tape]) expect((await state(id)).status).toBe('OPEN');
    // The one completed on its own stays completed: the reopen undoes only the cascade.
    expect((await state(done)).status).toBe('COMPLETED');
    for (const id of [top, boxes, tape]) await eventsOf(events, id, 'task.reopened', 1);
  });

  it('moving or deleting a task takes its subtasks along; a subtask alone does not move', async () => {
    const top = await task('Garden');
    const weed = await task('Weed', top);
    const roses = await task('Roses', weed);
    const elsewhere = (await ok(alice, `mutation { createProject(input: { name: "Home" }) { id } }`)).createProject.id;

    expect(
      codeOf(
        await alice.gql(`mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { id } }`, {
          id: weed,
          p: elsewhere,
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    await ok(alice, `mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { id } }`, {
      id: top,
      p: elsewhere,
    });
    for (const id of [top, weed, roses]) expect((await state(id)).project).toEqual({ id: elsewhere });
    for (const id of [weed, roses]) {
      const [moved] = await eventsOf(events, id, 'task.updated', 1);
      expect(moved!.data.changes[0]).toEqual({ field: 'projectId', old: project, new: elsewhere });
    }

    await ok(alice, `mutation($id: ID!) { deleteTask(id: $id) }`, { id: top });
    for (const id of [top, weed, roses]) {
      expect(codeOf(await alice.gql(read, { id }))?.code).toBe('NOT_FOUND');
      await eventsOf(events, id, 'task.trashed', 1);
    }
  });

  it('refuses a parent the user cannot see or edit, and another project than the parent’s', async () => {
    const top = await task('Visible');
    const other = (await ok(alice, `mutation { createProject(input: { name: "Other" }) { id } }`)).createProject.id;
    const cases: Array<[TestUser, Record<string, unknown>, Record<string, unknown>]> = [
      [alice, { title: 'x', parentId: '01a236fa-673e-743a-bbed-6bda7e27e70c' }, { code: 'NOT_FOUND' }],
      [alice, { title: 'x', parentId: top, projectId: other }, { code: 'BAD_USER_INPUT', field: 'input.projectId' }],
      [await started.newUser(), { title: 'x', parentId: top }, { code: 'NOT_FOUND' }],
      [viewer, { title: 'x', parentId: top }, { code: 'FORBIDDEN' }],
    ];
    for (const [user, input, expected] of cases)
      expect(codeOf(await user.gql(create, { input }))).toMatchObject(expected);
    // The parent's own project, given explicitly, is fine.
    expect(
      (await ok(alice, create, { input: { title: 'ok', parentId: top, projectId: project } })).createTask.parent,
    ).toEqual({
      id: top,
    });
  });
});
