/**
 * Account deletion over the whole stack (gateway, subgraphs, consumers, real PostgreSQL and
 * Kafka): after `deleteAccount`, no table of any schema holds a row that mentions the user —
 * found by a generic scan of every table, so a table added later cannot escape — except the
 * documented tombstones (docs/architecture.md "Account deletion"); the other user's rows are
 * untouched; the deleted user's token is refused at once.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@taskwire/platform/config';
import { gatewayConfigSchema } from '@taskwire/gateway/env';
import { startGateway, type GatewayService } from '@taskwire/gateway/service';
import { latestVerificationToken } from '@taskwire/accounts/testing';
import { startStack, type Stack } from './stack.js';
import { eventually, graphqlRequest, testGatewaySecret, testKeys } from './support.js';

const password = 'Corr3ct-Horse-Battery';

/** Rows that outlive the erasure on purpose (id and time only, or the deletion event itself). */
const tombstones = new Set([
  'tasks.user_profile',
  'notifier.recipient',
  'planning.erased_user',
  'audit.erased_user',
  // The `user.deleted` event itself, as relayed to `user-events` (docs/architecture.md).
  'accounts.outbox',
]);

interface User {
  id: string;
  email: string;
  token: string;
}

/** The status and error code of a query with `token` at `url`. */
async function answer(url: string, token: string): Promise<{ status: number; code: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ tasks(first: 1) { edges { node { id } } } }' }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? null };
}

async function gql<T = any>(stack: Stack, token: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await graphqlRequest<T>(stack.gatewayUrl, query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

async function signUp(stack: Stack, name: string): Promise<User> {
  const email = `${name}-${randomUUID()}@example.com`;
  const r = await graphqlRequest(
    stack.gatewayUrl,
    `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
    { i: { email, password, name } },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { id: r.data.signUp.user.id, email, token: r.data.signUp.token };
}

/**
 * Every base table of every application schema, and how many of its rows mention `userId`
 * anywhere (any column, JSON included: the row as text contains the id).
 */
async function rowsMentioning(db: pg.Client, userId: string): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_type = 'BASE TABLE'
       and table_schema not in ('pg_catalog', 'information_schema')
       and table_schema not like 'pg\\_%'
     order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { schema, name } of tables) {
    const quoted = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
    const { rows } = await db.query<{ n: string }>(
      `select count(*) as n from ${quoted} t where strpos(t::text, $1) > 0`,
      [userId],
    );
    counts[`${schema}.${name}`] = Number(rows[0]!.n);
  }
  return counts;
}

const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

/** Tasks (one recurring, completed, so the series continues), tags, a reminder that fires, an audit trail. */
async function fillAccount(stack: Stack, user: User): Promise<void> {
  const { createTask } = await gql(
    stack,
    user.token,
    `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
    { i: { title: `Water plants of ${user.email}`, dueDate: '2030-01-01', recurrence: { rrule: 'FREQ=DAILY' } } },
  );
  const recurring = createTask.id as string;
  const { createTask: plain } = await gql(
    stack,
    user.token,
    `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
    { i: { title: 'Call the plumber', description: 'about the leak' } },
  );
  // planning learns of new tasks from task-events: retry until its projection has them.
  await eventually(
    () =>
      gql(stack, user.token, `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["home", "urgent"]) { id } }`, {
        id: plain.id,
      }),
    { what: 'tags on the task', timeoutMs: 30_000 },
  );
  await gql(stack, user.token, `mutation { createTag(name: "unused") { id } }`);
  await gql(
    stack,
    user.token,
    `mutation($id: ID!, $at: DateTime!) { addReminder(input: { taskId: $id, remindAt: $at }) { id } }`,
    {
      id: plain.id,
      at: new Date(Date.now() + 1_500).toISOString(),
    },
  );
  await gql(stack, user.token, `mutation($id: ID!) { completeTask(id: $id) { id } }`, { id: recurring });
}

/** Waits until the user's data has reached every owner: next instance, firing, queued mail, audit trail. */
async function waitUntilSettled(stack: Stack, db: pg.Client, user: User): Promise<Record<string, number>> {
  await eventually(
    async () => {
      const counts = await rowsMentioning(db, user.id);
      const ready =
        (counts['tasks.tasks'] ?? 0) >= 3 && // the recurring task, its next instance, the plain one
        (counts['planning.reminder_firing'] ?? 0) >= 1 &&
        (counts['notifier.pending_email'] ?? 0) >= 1 &&
        (counts['notifier.recipient'] ?? 0) >= 1 &&
        (counts['tasks.user_profile'] ?? 0) >= 1 &&
        (counts['audit.audit_entries'] ?? 0) >= 6;
      return ready ? counts : undefined;
    },
    { what: `${user.email}'s data in every schema`, timeoutMs: 60_000, intervalMs: 500 },
  );
  // Then until nothing moves any more (the audit trail and the reminder's events trickle in).
  let previous = JSON.stringify(await rowsMentioning(db, user.id));
  return eventually(
    async () => {
      await new Promise((r) => setTimeout(r, 1_500));
      const now = await rowsMentioning(db, user.id);
      const same = JSON.stringify(now) === previous;
      previous = JSON.stringify(now);
      return same ? now : undefined;
    },
    { what: `${user.email}'s rows to settle`, timeoutMs: 60_000 },
  );
}

describe('deleteAccount', () => {
  let stack: Stack;
  let db: pg.Client;
  /** A second gateway replica over the same subgraphs: it learns of the deletion from `user-events`. */
  let replica: GatewayService;
  beforeAll(async () => {
    // Mails stay queued (a long grace period): the queued mail must be erased too.
    stack = await startStack({ env: { REMINDER_EMAIL_GRACE_SECONDS: '3600' } });
    db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    replica = await startGateway(
      parseConfig(gatewayConfigSchema, {
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
        JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
        PORT: '0',
        OPS_PORT: '0',
        LOG_LEVEL: 'warn',
        GATEWAY_SECRET: testGatewaySecret,
        ACCOUNTS_URL: stack.subgraphUrls.accounts,
        TASKS_URL: stack.subgraphUrls.tasks,
        PLANNING_URL: stack.subgraphUrls.planning,
        AUDIT_URL: stack.subgraphUrls.audit,
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_BURST: '10000',
      }),
    );
  }, 180_000);
  afterAll(async () => {
    await replica?.stop();
    await db?.end();
    await stack?.stop();
  });

  it("erases every row of the user in every schema, keeps the other user's, and refuses the token at once", async () => {
    const a = await signUp(stack, 'ada');
    const b = await signUp(stack, 'bob');
    await Promise.all([fillAccount(stack, a), fillAccount(stack, b)]);
    await waitUntilSettled(stack, db, a);
    const bBefore = await waitUntilSettled(stack, db, b);

    // The replica has A's token cached (verified once), like any busy replica would.
    expect(await answer(replica.url, a.token)).toEqual({ status: 200, code: null });

    // A wrong password deletes nothing and names the argument.
    const wrong = await graphqlRequest(
      stack.gatewayUrl,
      `mutation { deleteAccount(password: "not-it-at-all") }`,
      {},
      a.token,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await gql(stack, a.token, `{ me { id } }`)).toEqual({ me: { id: a.id } });

    const deleted = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($p: String!) { gone: deleteAccount(password: $p) }`,
      { p: password },
      a.token,
    );
    expect(deleted).toEqual({ data: { gone: true } });

    // At once, on the very next request: the token is refused by the gateway that served the deletion…
    expect(await answer(stack.gatewayUrl, a.token)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    // …and by the other replica (which had the token cached) as soon as user.deleted is relayed.
    await eventually(async () => ((await answer(replica.url, a.token)).status === 401 ? true : undefined), {
      what: 'the other replica to refuse the token',
      timeoutMs: 30_000,
    });
    expect(await answer(replica.url, a.token)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });

    // Every owner erases on `user.deleted`: poll until only the tombstones mention A.
    const remaining = await eventually(
      async () => {
        const left = nonZero(await rowsMentioning(db, a.id));
        return Object.keys(left).every((table) => tombstones.has(table)) ? left : undefined;
      },
      { what: "A's rows to be erased everywhere", timeoutMs: 60_000, intervalMs: 500 },
    );
    // The tombstones hold one row each and nothing personal (neither the address nor a title);
    // the accounts outbox holds the deletion event alone.
    for (const [table, n] of Object.entries(remaining)) {
      expect(n, table).toBe(1);
      const [schema, name] = table.split('.') as [string, string];
      const { rows } = await db.query<{ t: string }>(
        `select t::text as t from ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)} t where strpos(t::text, $1) > 0`,
        [a.id],
      );
      if (table === 'accounts.outbox') expect(rows[0]!.t).toContain('user.deleted');
      else expect(rows[0]!.t, table).not.toContain(a.email);
      expect(rows[0]!.t, table).not.toContain('Water plants');
    }

    // B is untouched, and B's token still works.
    expect(await rowsMentioning(db, b.id)).toEqual(bBefore);
    const bTasks = await gql(stack, b.token, `{ tasks(first: 10) { edges { node { id } } } }`);
    expect(bTasks.tasks.edges.length).toBe(3);
    expect(await answer(replica.url, b.token)).toEqual({ status: 200, code: null });
  }, 240_000);

  it("an editor's deletion: no row names them; the owner's tasks and history stay; their own projects pass on or go", async () => {
    const createProject = async (who: User, name: string): Promise<string> =>
      (await gql(stack, who.token, `mutation($n: String!) { createProject(input: { name: $n }) { id } }`, { n: name }))
        .createProject.id;
    /** Shares as an editor and waits until the tasks service has made `member` a member (not an invitation). */
    const share = async (by: User, projectId: string, member: User) => {
      await gql(
        stack,
        by.token,
        `mutation($p: ID!, $e: String!) { shareProject(projectId: $p, email: $e, role: EDITOR) { id } }`,
        {
          p: projectId,
          e: member.email,
        },
      );
      await eventually(
        async () => {
          const { project } = await gql(
            stack,
            by.token,
            `query($id: ID!) { project(id: $id) { members { user { id } } } }`,
            {
              id: projectId,
            },
          );
          return project.members.some((m: { user: { id: string } }) => m.user.id === member.id) ? true : undefined;
        },
        { what: `${member.email} to become a member` },
      );
    };
    const historyOf = async (who: User, taskId: string) =>
      (
        await gql(
          stack,
          who.token,
          `query($id: ID!) { task(id: $id) { history { edges { node { kind actorDeleted actor { id } } } } } }`,
          { id: taskId },
        )
      ).task.history.edges.map(
        (e: { node: { kind: string; actorDeleted: boolean; actor: { id: string } | null } }) => e.node,
      );
    const actorsOf = async (who: User, taskId: string) =>
      (await historyOf(who, taskId)).map((h: { actor: { id: string } | null }) => h.actor?.id);

    const [owner, editor] = [await signUp(stack, 'olga'), await signUp(stack, 'eddy')];
    await Promise.all([verify(stack, owner), verify(stack, editor)]);
    // The owner's project, shared with the editor, who creates a task there and edits the owner's.
    const shared = await createProject(owner, 'Household');
    const { createTask: ownersTask } = await gql(stack, owner.token, createTaskMutation, {
      i: { title: 'Fix the fence', projectId: shared },
    });
    await share(owner, shared, editor);
    const { createTask: editorsTask } = await gql(stack, editor.token, createTaskMutation, {
      i: { title: 'Buy paint', projectId: shared, assigneeId: editor.id },
    });
    await gql(
      stack,
      editor.token,
      `mutation($id: ID!) { updateTask(id: $id, input: { title: "Fix the fence today" }) { id } }`,
      {
        id: ownersTask.id,
      },
    );
    // The editor's own projects: one shared with the owner as an editor, one with nobody.
    const handedOver = await createProject(editor, 'Garden');
    await share(editor, handedOver, owner);
    const alone = await createProject(editor, 'Diary');
    await gql(stack, editor.token, createTaskMutation, { i: { title: 'Dear diary', projectId: alone } });
    // The history of the owner's task names the editor until the deletion.
    await eventually(async () => ((await actorsOf(owner, ownersTask.id)).includes(editor.id) ? true : undefined), {
      what: "the editor's change in the owner's history",
    });

    expect(
      await gql(stack, editor.token, `mutation($p: String!) { deleteAccount(password: $p) }`, { p: password }),
    ).toEqual({ deleteAccount: true });

    // No row names the editor any more, except the tombstones.
    let left: Record<string, number> = {};
    await eventually(
      async () => {
        left = nonZero(await rowsMentioning(db, editor.id));
        return Object.keys(left).every((table) => tombstones.has(table)) ? left : undefined;
      },
      { what: "the editor's rows to be erased everywhere", timeoutMs: 60_000, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; rows left: ${JSON.stringify(left)}`);
    });
    // The owner keeps the project, both tasks (the editor's unassigned) and the history, whose
    // entries by the editor are anonymised.
    const { project } = await gql(
      stack,
      owner.token,
      `query($id: ID!) { project(id: $id) { members { user { id } role } tasks { edges { node { id title assignee { id } } } } } }`,
      { id: shared },
    );
    expect(project.members).toEqual([{ user: { id: owner.id }, role: 'OWNER' }]);
    expect(
      project.tasks.edges.map((e: any) => e.node).sort((x: any, y: any) => x.title.localeCompare(y.title)),
    ).toEqual([
      { id: editorsTask.id, title: 'Buy paint', assignee: null },
      { id: ownersTask.id, title: 'Fix the fence today', assignee: null },
    ]);
    const history = await historyOf(owner, ownersTask.id);
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['TASK_UPDATED', 'TASK_CREATED']);
    expect(history[0]).toMatchObject({ actor: null, actorDeleted: true });
    expect(history[1]).toMatchObject({ actor: { id: owner.id }, actorDeleted: false });
    // The editor's shared project passed to the owner; the one with nobody else is gone.
    const { projects } = await gql(stack, owner.token, `{ projects { id role } }`);
    expect(projects).toContainEqual({ id: handedOver, role: 'OWNER' });
    expect(projects.map((p: { id: string }) => p.id)).not.toContain(alone);
    // Gone from the tasks schema too (the generic scan: no project row holds its id).
    expect((await rowsMentioning(db, alone))['tasks.projects']).toBe(0);
  }, 240_000);
});

const createTaskMutation = `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`;

async function verify(stack: Stack, user: User): Promise<void> {
  const token = await eventually(() => latestVerificationToken(stack.databaseUrl, user.email), {
    what: `the verification mail of ${user.email}`,
  });
  await gql(stack, user.token, `mutation($t: String!) { verifyEmail(token: $t) }`, { t: token });
}
