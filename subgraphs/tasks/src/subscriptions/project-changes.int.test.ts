import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, GatewayTestWebSocket, uniqueSuffix } from '../../../../test/support.js';
import { createTasksDatabase } from '../db/database.js';
import { projectUser, startTestTasksService, type TestUser } from '../testing/harness.js';

/*
 * Subscription.projectChanges on the tasks subgraph itself (as the gateway calls it), with the
 * outbox relay and the change feed on the shared task-events topic: who hears of which change.
 */

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
const clients: Client[] = [];

interface Person extends TestUser {
  email: string;
}

const changeFields = 'type taskId projectId actor { id } task { id title status project { id } }';

beforeAll(async () => {
  started = await startTestTasksService({ relay: true, subscriptions: true });
  db = createTasksDatabase(started.databaseUrl);
  await eventually(async () => ((await fetch(`${started.service.opsUrl}/readyz`)).status === 200 ? true : undefined), {
    timeoutMs: 40_000,
    what: 'the change feed to join its group',
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map(async (c) => c.dispose()));
  await started?.service.stop();
  await db?.destroy();
});

async function person(): Promise<Person> {
  const user = await started.newUser();
  const email = `sub-${uniqueSuffix()}@example.com`;
  await projectUser(db, user.id, email, true);
  return { ...user, email };
}

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql(query, variables);
  expect(result.errors, query).toBeUndefined();
  return result.data as T;
}

async function project(owner: Person, members: Array<[Person, 'EDITOR' | 'VIEWER']> = []): Promise<string> {
  const { createProject } = await ok(
    owner,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    { input: { name: `Subs ${uniqueSuffix()}` } },
  );
  for (const [member, role] of members)
    await ok(
      owner,
      'mutation($p: ID!, $e: String!, $r: ProjectRole!) { shareProject(projectId: $p, email: $e, role: $r) { id } }',
      {
        p: createProject.id,
        e: member.email,
        r: role,
      },
    );
  return createProject.id;
}

/** Opens `projectChanges` as `user`; what arrives (data or errors) is collected in order. */
function subscribe(user: TestUser, projectId?: string): { got: any[]; errors: any[]; close(): Promise<void> } {
  const url = started.service.url.replace(/^http/, 'ws');
  const client = createClient({
    url,
    webSocketImpl: GatewayTestWebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${user.token}` },
  });
  clients.push(client);
  const sink = { got: [] as any[], errors: [] as any[], close: async () => client.dispose() };
  client.subscribe(
    {
      query: `subscription($p: ID) { projectChanges(projectId: $p) { ${changeFields} } }`,
      variables: projectId ? { p: projectId } : {},
    },
    {
      next: (r) => (r.errors ? sink.errors.push(...r.errors) : sink.got.push(r.data!.projectChanges)),
      error: (e) => sink.errors.push(e),
      complete: () => undefined,
    },
  );
  return sink;
}

const subscriptionsOpen = async () =>
  Number(
    /tasks_change_subscriptions(?:\{[^}]*\})? (\d+)/.exec(
      await (await fetch(`${started.service.opsUrl}/metrics`)).text(),
    )?.[1] ?? -1,
  );

async function waitFor(sink: { got: any[] }, n: number, what: string): Promise<any[]> {
  return eventually(() => (sink.got.length >= n ? sink.got : undefined), { timeoutMs: 15_000, what });
}

describe('projectChanges', () => {
  it("tells a project's members every kind of change, with the actor, and the task as each may see it", async () => {
    const [owner, editor, viewer] = [await person(), await person(), await person()];
    const shared = await project(owner, [
      [editor, 'EDITOR'],
      [viewer, 'VIEWER'],
    ]);
    const ownersOnly = await project(owner);
    const before = await subscriptionsOpen();
    const viewerSink = subscribe(viewer, shared);
    const editorAll = subscribe(editor);
    await eventually(async () => ((await subscriptionsOpen()) === before + 2 ? true : undefined), {
      what: 'two subscriptions',
    });

    const { createTask } = await ok(editor, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
      input: { title: 'Shared work', projectId: shared },
    });
    const id = createTask.id;
    await ok(editor, 'mutation($id: ID!) { updateTask(id: $id, input: { title: "Shared work, renamed" }) { id } }', {
      id,
    });
    await ok(editor, 'mutation($id: ID!) { completeTask(id: $id) { id } }', { id });
    await ok(editor, 'mutation($id: ID!) { reopenTask(id: $id) { id } }', { id });
    // (`task` is read when the change is delivered: see it before the move takes it out of sight.)
    const reopened = await waitFor(viewerSink, 4, "the viewer's first four changes");
    expect(reopened[3].task).toMatchObject({ id, status: 'OPEN', project: { id: shared } });
    await ok(owner, 'mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { id } }', { id, p: ownersOnly });

    const seen = await waitFor(viewerSink, 5, "the viewer's five changes");
    expect(seen.map((c) => c.type)).toEqual(['CREATED', 'UPDATED', 'COMPLETED', 'REOPENED', 'MOVED']);
    expect(seen.every((c) => c.taskId === id)).toBe(true);
    expect(seen.slice(0, 4).map((c) => c.actor?.id)).toEqual([editor.id, editor.id, editor.id, editor.id]);
    expect(seen[4]).toMatchObject({ type: 'MOVED', projectId: ownersOnly, actor: { id: owner.id }, task: null });
    expect(seen[0].projectId).toBe(shared);

    // The editor (all projects) heard the same, and the move too: they are no member of the target.
    const editorSeen = await waitFor(editorAll, 5, "the editor's five changes");
    expect(editorSeen.map((c) => c.type)).toEqual(['CREATED', 'UPDATED', 'COMPLETED', 'REOPENED', 'MOVED']);
    expect(editorSeen[4].task).toBeNull();

    // A deletion in the shared project: the task is gone (null), its id and project are told.
    const second = await ok(editor, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
      input: { title: 'Short-lived', projectId: shared },
    });
    // (`task` is the task as it is when the change is delivered: wait for it before deleting.)
    await waitFor(viewerSink, 6, 'the second task created');
    await ok(editor, 'mutation($id: ID!) { deleteTask(id: $id) }', { id: second.createTask.id });
    const all = await waitFor(viewerSink, 7, 'created and deleted');
    expect(all.slice(5)).toMatchObject([
      { type: 'CREATED', taskId: second.createTask.id, task: { title: 'Short-lived' } },
      { type: 'DELETED', taskId: second.createTask.id, projectId: shared, task: null },
    ]);
    expect(viewerSink.errors).toEqual([]);
  });

  it('a subscription without projectId follows projects joined later; one with a projectId sees only that project', async () => {
    const [owner, member] = [await person(), await person()];
    const before = await subscriptionsOpen();
    const memberAll = subscribe(member);
    const ownerOne = subscribe(owner, await project(owner));
    await eventually(async () => ((await subscriptionsOpen()) === before + 2 ? true : undefined), {
      what: 'two subscriptions',
    });
    const later = await project(owner, [[member, 'VIEWER']]);
    const { createTask } = await ok(owner, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
      input: { title: 'After joining', projectId: later },
    });
    const seen = await waitFor(memberAll, 1, 'the change in the project joined after subscribing');
    expect(seen[0]).toMatchObject({ type: 'CREATED', taskId: createTask.id, projectId: later });
    // The owner's other subscription is for another project: it stays silent.
    await new Promise((r) => setTimeout(r, 500));
    expect(ownerOne.got).toEqual([]);
  });

  it('refuses a project the subscriber is not a member of (NOT_FOUND), and a removed member hears nothing more', async () => {
    const [owner, member, outsider] = [await person(), await person(), await person()];
    const shared = await project(owner, [[member, 'EDITOR']]);
    const outsiderSink = subscribe(outsider, shared);
    await eventually(() => (outsiderSink.errors.length > 0 ? true : undefined), { what: 'the refusal' });
    expect(outsiderSink.errors[0].extensions?.code).toBe('NOT_FOUND');

    const before = await subscriptionsOpen();
    const memberSink = subscribe(member, shared);
    const ownerSink = subscribe(owner, shared);
    await eventually(async () => ((await subscriptionsOpen()) === before + 2 ? true : undefined), {
      what: 'two subscriptions',
    });
    const create = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }';
    await ok(owner, create, { input: { title: 'Before removal', projectId: shared } });
    await waitFor(memberSink, 1, 'the change before removal');

    await ok(owner, 'mutation($p: ID!, $u: ID!) { removeMember(projectId: $p, userId: $u) { id } }', {
      p: shared,
      u: member.id,
    });
    const after = await ok(owner, create, { input: { title: 'After removal', projectId: shared } });
    await eventually(() => (ownerSink.got.some((c) => c.taskId === after.createTask.id) ? true : undefined), {
      what: "the owner's change after removal",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(memberSink.got.map((c) => c.task?.title ?? c.taskId)).toEqual(['Before removal']);
  });

  it('a member who closes a subscription and opens the same one again receives changes again', async () => {
    const [owner, member] = [await person(), await person()];
    const shared = await project(owner, [[member, 'EDITOR']]);
    const create = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }';
    for (let round = 0; round < 5; round++) {
      const sink = subscribe(member, shared);
      await eventually(
        async () => {
          await ok(owner, create, { input: { title: `round ${round}`, projectId: shared } });
          await new Promise((r) => setTimeout(r, 200));
          return sink.got.length > 0 ? true : undefined;
        },
        { timeoutMs: 15_000, what: `round ${round}'s change` },
      );
      await sink.close();
    }
  });
});
