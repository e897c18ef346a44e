/**
 * Manual order (`reorderTask`, `sort: POSITION`) on a real PostgreSQL: each move rewrites one
 * row and announces one `task.updated` with `position`; refusals name the argument; a viewer
 * may not; and two members moving tasks of one project at the same time end with one order that
 * both read.
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
let bob: TestUser;
let carol: TestUser;
let project: string;

const reorder = `mutation($id: ID!, $after: ID, $before: ID) {
  reorderTask(id: $id, afterId: $after, beforeId: $before) { id position updatedAt } }`;
const list = `query($id: ID!) { project(id: $id) { tasks(sort: { field: POSITION }, first: 200) {
  edges { node { id title position updatedAt } } } } }`;

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql<T>(query, variables);
  expect(result.errors, JSON.stringify(variables)).toBeUndefined();
  return result.data!;
}

async function member(user: TestUser, role: 'EDITOR' | 'VIEWER'): Promise<void> {
  const email = `m-${uniqueSuffix()}@example.com`;
  await projectUser(db, user.id, email, true);
  await ok(
    alice,
    `mutation($p: ID!, $e: String!, $r: ProjectRole!) { shareProject(projectId: $p, email: $e, role: $r) { id } }`,
    {
      p: project,
      e: email,
      r: role,
    },
  );
}

async function newTask(title: string, projectId = project): Promise<string> {
  const data = await ok(alice, `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
    input: { title, projectId },
  });
  return data.createTask.id;
}

async function order(
  user: TestUser,
): Promise<Array<{ id: string; title: string; position: string; updatedAt: string }>> {
  return (await ok(user, list, { id: project })).project.tasks.edges.map((e: { node: unknown }) => e.node);
}

const titles = async (user: TestUser) => (await order(user)).map((t) => t.title);

beforeAll(async () => {
  events = await collectEvents('task-events');
  started = await startTestTasksService({ relay: true });
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  bob = await started.newUser();
  carol = await started.newUser();
  project = (await ok(alice, `mutation { createProject(input: { name: "Order" }) { id } }`)).createProject.id;
  await member(bob, 'EDITOR');
  await member(carol, 'VIEWER');
});

afterAll(async () => {
  await started?.service.stop();
  await events?.stop();
  await db?.destroy();
});

describe('reorderTask', () => {
  it('places a task after, before or between others, rewriting only its own row', async () => {
    const t: Record<string, string> = {};
    for (const name of ['T1', 'T2', 'T3', 'T4', 'T5']) t[name] = await newTask(name);
    expect(await titles(alice)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);

    const before = await order(alice);
    await ok(alice, reorder, { id: t.T5, after: t.T1 });
    const after = await order(alice);
    expect(after.map((x) => x.title)).toEqual(['T1', 'T5', 'T2', 'T3', 'T4']);
    // One row changed: every other task keeps its position and its updatedAt.
    const unchanged = (x: { id: string; position: string; updatedAt: string }) => before.find((b) => b.id === x.id)!;
    for (const x of after.filter((x) => x.id !== t.T5)) {
      expect([x.position, x.updatedAt]).toEqual([unchanged(x).position, unchanged(x).updatedAt]);
    }
    const [announced] = await eventsOf(events, t.T5!, 'task.updated', 1);
    expect(announced!.data.changes).toEqual([
      { field: 'position', old: unchanged(after[1]!).position, new: after[1]!.position },
    ]);

    await ok(bob, reorder, { id: t.T1, before: t.T3 });
    expect(await titles(alice)).toEqual(['T5', 'T2', 'T1', 'T3', 'T4']);
    await ok(bob, reorder, { id: t.T4, after: t.T5, before: t.T2 });
    expect(await titles(alice)).toEqual(['T5', 'T4', 'T2', 'T1', 'T3']);

    // Already in place: unchanged, nothing announced.
    const stay = (await ok(alice, reorder, { id: t.T4, after: t.T5 })).reorderTask;
    expect(stay.position).toBe((await order(alice))[1]!.position);

    // A new task goes last; a task moved to another project goes last there.
    const t6 = await newTask('T6');
    expect((await titles(alice)).at(-1)).toBe('T6');
    const other = (await ok(alice, `mutation { createProject(input: { name: "Other" }) { id } }`)).createProject.id;
    const o1 = await newTask('O1', other);
    await ok(alice, `mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { id } }`, { id: t.T5, p: other });
    const otherOrder = await ok(alice, list, { id: other });
    expect(otherOrder.project.tasks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([o1, t.T5]);
    expect(t6).toBeTruthy();
  });

  it('refuses a place it cannot take, naming the argument, and viewers', async () => {
    const a = await newTask('A');
    const b = await newTask('B');
    const elsewhere = (
      await ok(alice, `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { title: 'Inbox task' },
      })
    ).createTask.id;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: a }, 'afterId'],
      [{ id: a, after: a }, 'afterId'],
      [{ id: a, before: elsewhere }, 'beforeId'],
      [{ id: a, after: 'not-a-task' }, 'afterId'],
      [{ id: a, after: b, before: b }, 'beforeId'],
    ];
    for (const [variables, field] of cases) {
      const result = await alice.gql(reorder, variables);
      expect(codeOf(result), JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // b comes after a: "after b, before a" is backwards.
    const c = await newTask('C');
    expect(codeOf(await alice.gql(reorder, { id: c, after: b, before: a }))).toMatchObject({ field: 'beforeId' });
    expect(codeOf(await carol.gql(reorder, { id: a, after: b }))?.code).toBe('FORBIDDEN');
    expect(codeOf(await (await started.newUser()).gql(reorder, { id: a, after: b }))?.code).toBe('NOT_FOUND');
  });

  it('two members moving tasks at once end with one order, which both read', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await newTask(`R${i}`));
    let seed = 11;
    const pick = () => ids[(seed = (seed * 48_271) % 2_147_483_647) % ids.length]!;
    const moves = (user: TestUser) =>
      (async () => {
        for (let i = 0; i < 25; i += 1) {
          const [id, anchor] = [pick(), pick()];
          if (id === anchor) continue;
          const result = await user.gql(reorder, i % 2 ? { id, after: anchor } : { id, before: anchor });
          expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        }
      })();
    await Promise.all([moves(alice), moves(bob)]);
    const seenByAlice = await order(alice);
    const seenByBob = await order(bob);
    expect(seenByBob.map((t) => t.id)).toEqual(seenByAlice.map((t) => t.id));
    const positions = seenByAlice.map((t) => t.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(positions);
    for (const id of ids) expect(seenByAlice.filter((t) => t.id === id)).toHaveLength(1);
  });
});
