import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../../test/stack.js';
import { createAuditDatabase } from './db/database.js';
import { eventually, graphqlRequest, uniqueSuffix } from '../../../test/support.js';

// Through the gateway: every mutation on a task leaves exactly one audit entry with its old
// and new values, visible in Task.history (and in auditLog once the task is gone).
describe('audit trail, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    // The stack shares the run's `task-events` topic: start the writer at its end.
    stack = await startStack({ env: { AUDIT_WRITER_FROM_BEGINNING: 'false' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signUp(): Promise<{ token: string; userId: string }> {
    const res = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
      {
        i: {
          email: `audit-${uniqueSuffix()}@example.com`,
          password: 'correct horse battery 9',
          name: 'Audit',
          timeZone: 'Europe/Berlin',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    return { token: res.data.signUp.token, userId: res.data.signUp.user.id };
  }

  async function mutate(token: string, query: string, variables: Record<string, unknown>): Promise<any> {
    const res = await graphqlRequest(stack.gatewayUrl, query, variables, token);
    expect(res.errors, query).toBeUndefined();
    return res.data;
  }

  const entryFields = `type occurredAt actor { id } task { id } changes { field oldValue newValue }`;
  // Effects the system applies in reaction to the user's mutations (planning-sync cancels a
  // task's reminders when it is completed or deleted, schedules again on a reopen the ones the
  // completion cancelled, and drops its tags on deletion). They are real changes of the task
  // and are audited too, attributed to the causing actor; the user's own operations are
  // everything else.
  const reactions = new Set(['reminder.cancelled', 'reminder.rescheduled', 'task.untagged']);
  const own = (nodes: any[]) => nodes.filter((n) => !reactions.has(n.type));
  const j = (v: unknown) => JSON.stringify(v);

  it('create, update (two fields), tag, add a reminder, complete, reopen, delete → exactly those entries, in order', async () => {
    const { token, userId } = await signUp();
    const created = await mutate(token, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: { title: 'Draft', priority: 'LOW' },
    });
    const id = created.createTask.id as string;
    await mutate(
      token,
      `mutation($id: ID!) { updateTask(id: $id, input: { title: "Final", priority: HIGH }) { id } }`,
      { id },
    );
    // Planning learns of a new task from task-events (its projection is eventually
    // consistent), so tagging right after creation may answer NOT_FOUND for a moment.
    const tagStart = Date.now();
    await eventually(
      async () => {
        const res = await graphqlRequest(
          stack.gatewayUrl,
          `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["work"]) { id } }`,
          { id },
          token,
        );
        if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
        expect(res.errors).toBeUndefined();
        return true;
      },
      { timeoutMs: 20_000, what: 'planning to know the task' },
    );
    console.log(`audit e2e: setTaskTags succeeded ${Date.now() - tagStart} ms after createTask returned`);
    const remindAt = new Date(Date.now() + 86_400_000).toISOString();
    await mutate(
      token,
      `mutation($id: ID!, $at: DateTime!) { addReminder(input: { taskId: $id, remindAt: $at }) { id } }`,
      { id, at: remindAt },
    );
    const completed = await mutate(token, `mutation($id: ID!) { completeTask(id: $id) { id completedAt } }`, { id });
    const completedAt = completed.completeTask.completedAt as string;

    // Before deletion: Task.history through the gateway.
    const historyQuery = `query($id: ID!) { task(id: $id) { id history(first: 50) { edges { node { ${entryFields} } } } } }`;
    const before = await eventually(
      async () => {
        const r = await graphqlRequest(stack.gatewayUrl, historyQuery, { id }, token);
        const nodes = r.data?.task?.history?.edges?.map((e: any) => e.node);
        return nodes?.some((n: any) => n.type === 'task.completed') ? nodes : undefined;
      },
      { timeoutMs: 20_000, what: 'history up to task.completed' },
    );
    expect(own(before).map((n: any) => n.type)).toEqual([
      'task.completed',
      'reminder.added',
      'task.tagged',
      'task.updated',
      'task.created',
    ]);

    await mutate(token, `mutation($id: ID!) { reopenTask(id: $id) { id } }`, { id });
    await mutate(token, `mutation($id: ID!) { deleteTask(id: $id) }`, { id });
    const deletedAt = Date.now();

    // After deletion (to the Trash): auditLog(filter: { taskId }).
    const logQuery = `query($id: ID!) { auditLog(filter: { taskId: $id }, first: 50) { edges { node { ${entryFields} } } } }`;
    const entries = await eventually(
      async () => {
        const r = await graphqlRequest(stack.gatewayUrl, logQuery, { id }, token);
        const nodes = r.data?.auditLog?.edges?.map((e: any) => e.node);
        return nodes?.some((n: any) => n.type === 'task.trashed') ? nodes : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 20, what: 'task.trashed in the audit log' },
    );
    const visibleAfterMs = Date.now() - deletedAt;
    console.log(`audit e2e: task.trashed visible in auditLog ${visibleAfterMs} ms after the deleteTask response`);
    expect(visibleAfterMs).toBeLessThan(1_000);

    const mine = own(entries);
    expect(mine.map((n: any) => n.type)).toEqual([
      'task.trashed',
      'task.reopened',
      'task.completed',
      'reminder.added',
      'task.tagged',
      'task.updated',
      'task.created',
    ]);
    expect(entries.every((n: any) => n.task.id === id && (n.actor === null || n.actor.id === userId))).toBe(true);
    // The reminder was cancelled (by completion or deletion), after it was added.
    const cancelled = entries.filter((n: any) => n.type === 'reminder.cancelled');
    expect(cancelled.length).toBeGreaterThanOrEqual(1);
    expect(cancelled[0].changes).toEqual([{ field: 'state', oldValue: null, newValue: j('CANCELLED') }]);
    // Newest first overall.
    const times = entries.map((n: any) => n.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const byType = Object.fromEntries(mine.map((n: any) => [n.type, n.changes]));
    expect(byType['task.updated']).toEqual([
      { field: 'title', oldValue: j('Draft'), newValue: j('Final') },
      { field: 'priority', oldValue: j('LOW'), newValue: j('HIGH') },
    ]);
    expect(byType['task.tagged']).toEqual([{ field: 'tags', oldValue: null, newValue: j('work') }]);
    expect(byType['reminder.added']).toContainEqual({ field: 'remindAt', oldValue: null, newValue: j(remindAt) });
    expect(byType['task.completed']).toEqual([
      { field: 'status', oldValue: j('OPEN'), newValue: j('COMPLETED') },
      { field: 'completedAt', oldValue: null, newValue: j(completedAt) },
    ]);
    expect(byType['task.reopened']).toEqual([
      { field: 'status', oldValue: j('COMPLETED'), newValue: j('OPEN') },
      { field: 'completedAt', oldValue: j(completedAt), newValue: null },
    ]);
    // deleteTask moves the task to the Trash: the entry records when.
    expect(byType['task.trashed']).toEqual([{ field: 'trashedAt', oldValue: null, newValue: expect.any(String) }]);
    expect(byType['task.created']).toEqual(
      expect.arrayContaining([
        { field: 'title', oldValue: null, newValue: j('Draft') },
        { field: 'priority', oldValue: null, newValue: j('LOW') },
        { field: 'status', oldValue: null, newValue: j('OPEN') },
      ]),
    );

    // Another user sees none of it.
    const other = await signUp();
    const foreign = await graphqlRequest(stack.gatewayUrl, logQuery, { id }, other.token);
    expect(foreign.data.auditLog.edges).toEqual([]);
    const all = await graphqlRequest(stack.gatewayUrl, `{ auditLog { edges { node { type } } } }`, {}, other.token);
    expect(all.data.auditLog.edges).toEqual([]);
  });

  it('makes an update visible in the audit log soon after the mutation commits (lag sample)', async () => {
    const { token, userId } = await signUp();
    const created = await mutate(token, `mutation { createTask(input: { title: "t0" }) { id } }`, {});
    const id = created.createTask.id as string;
    const db = createAuditDatabase({ url: stack.databaseUrl, maxConnections: 1 });
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_entries')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const lags: number[] = [];
    try {
      await eventually(async () => ((await count()) === 1 ? true : undefined), { what: 'task.created entry' });
      for (let i = 1; i <= 40; i++) {
        await mutate(token, `mutation($id: ID!, $t: String!) { updateTask(id: $id, input: { title: $t }) { id } }`, {
          id,
          t: `t${i}`,
        });
        const committed = Date.now(); // the response follows the commit
        await eventually(async () => ((await count()) === i + 1 ? true : undefined), {
          intervalMs: 5,
          what: `entry ${i}`,
        });
        lags.push(Date.now() - committed);
      }
    } finally {
      await db.destroy();
    }
    lags.sort((a, b) => a - b);
    const p = (q: number) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)]!;
    console.log(
      `audit e2e lag (mutation response → audit row visible, ${lags.length} sequential updates): p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${lags.at(-1)} ms`,
    );
    expect(p(0.5)).toBeLessThan(1_000);
  });
});
