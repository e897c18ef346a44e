import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';
import { eventually, graphqlRequest, uniqueSuffix } from './support.js';

describe('the federated API, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function signUp(): Promise<string> {
    const res = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
      {
        i: {
          email: `e2e-${uniqueSuffix()}@example.com`,
          password: 'correct horse battery 9',
          name: 'E2E',
          timeZone: 'Europe/Berlin',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data.signUp.token as string;
  }

  it('resolves one task across tasks, planning and audit in one request', async () => {
    const token = await signUp();
    const created = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($i: CreateTaskInput!) { createTask(input: $i) { id title priority } }`,
      { i: { title: 'Write the report', priority: 'HIGH', dueAt: new Date(Date.now() + 3_600_000).toISOString() } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const taskId = created.data.createTask.id as string;

    const tagged = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["work", "urgent-ish"]) { id tags { name } } }`,
      { id: taskId },
      token,
    );
    expect(tagged.errors).toBeUndefined();
    const reminder = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($id: ID!) { addReminder(input: { taskId: $id, offsetMinutes: 30 }) { id state offsetMinutes } }`,
      { id: taskId },
      token,
    );
    expect(reminder.errors).toBeUndefined();

    const query = `{ tasks(filter: { tags: ["work"] }, first: 10) { totalCount edges { node {
        id title priority owner { id email }
        tags { name } reminders { remindAt state offsetMinutes }
        history(first: 10) { edges { node { type changes { field newValue } } } } } } } }`;
    const result = await eventually(
      async () => {
        const r = await graphqlRequest(stack.gatewayUrl, query, {}, token);
        const node = r.data?.tasks?.edges?.[0]?.node;
        // The tag filter (tasks' projection) and the audit trail (audit-writer) arrive through Kafka.
        (globalThis as any).lastResponse = r;
        return node && node.history.edges.length >= 3 ? r : undefined;
      },
      { timeoutMs: 20_000, what: 'tag projection and audit trail' },
    ).catch((error) => {
      throw new Error(
        `${(error as Error).message}; last response: ${JSON.stringify((globalThis as any).lastResponse)}`,
      );
    });
    expect(result.errors).toBeUndefined();
    const node = result.data.tasks.edges[0].node;
    expect(result.data.tasks.totalCount).toBe(1);
    expect(node.title).toBe('Write the report');
    expect(node.tags.map((t: { name: string }) => t.name).sort()).toEqual(['urgent-ish', 'work']);
    expect(node.reminders).toHaveLength(1);
    expect(node.reminders[0].state).toBe('SCHEDULED');
    const types = node.history.edges.map((e: { node: { type: string } }) => e.node.type);
    expect(types).toEqual(expect.arrayContaining(['task.created', 'task.tagged', 'reminder.added']));
  });

  it("keeps each user's data to themselves", async () => {
    const a = await signUp();
    const b = await signUp();
    const created = await graphqlRequest(
      stack.gatewayUrl,
      `mutation { createTask(input: { title: "A's secret" }) { id } }`,
      {},
      a,
    );
    const id = created.data.createTask.id;
    const read = await graphqlRequest(stack.gatewayUrl, `query($id: ID!) { task(id: $id) { id title } }`, { id }, b);
    expect(read.data?.task ?? null).toBeNull();
    const list = await graphqlRequest(stack.gatewayUrl, `{ tasks { totalCount } }`, {}, b);
    expect(list.data.tasks.totalCount).toBe(0);
    const tag = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["x"]) { id } }`,
      { id },
      b,
    );
    expect(tag.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
