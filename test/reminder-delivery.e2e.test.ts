import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';
import { eventually, graphqlRequest, tokenFor } from './support.js';

const fullSelection = `subscription { reminderDue {
  id firedAt
  reminder { id state remindAt firedAt }
  task { id title priority tags { name } history(first: 3) { edges { node { type } } } }
} }`;

interface Received {
  at: number;
  payload: any;
}

interface TestSubscriber {
  client: Client;
  received: Received[];
  closeCodes: number[];
  errors: unknown[];
  completed: boolean;
  dispose(): Promise<void>;
}

function wsUrl(stack: Stack): string {
  return stack.gatewayUrl.replace(/^http/, 'ws');
}

function subscriber(stack: Stack, token: string | null, query = fullSelection): TestSubscriber {
  const s: TestSubscriber = {
    received: [],
    closeCodes: [],
    errors: [],
    completed: false,
    client: createClient({
      url: wsUrl(stack),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: { closed: (event) => void s.closeCodes.push((event as { code: number }).code) },
      onNonLazyError: (error) => void s.errors.push(error),
    }),
    dispose: async () => {
      await s.client.dispose();
    },
  };
  s.client.subscribe(
    { query },
    {
      next: (payload) => void s.received.push({ at: Date.now(), payload }),
      error: (error) => void s.errors.push(error),
      complete: () => {
        s.completed = true;
      },
    },
  );
  return s;
}

async function metric(stack: Stack, name: string): Promise<number> {
  const text = await (await fetch(`${new URL(stack.gatewayUrl).origin}/metrics`)).text();
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line.trim());
    if (m && m[1] === name) {
      sum += Number(m[3]);
      found = true;
    }
  }
  if (!found) throw new Error(`metric ${name} not found`);
  return sum;
}

async function gql<T = any>(stack: Stack, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await graphqlRequest<T>(stack.gatewayUrl, query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

/** A task with a tag and a reminder at `remindAt`; retried while planning's projection catches up. */
async function taskWithReminder(stack: Stack, token: string, title: string, remindAt: Date | null): Promise<{ taskId: string; reminderId: string | null }> {
  const { createTask } = await gql(stack, token, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, { i: { title, priority: 'HIGH' } });
  const taskId = createTask.id as string;
  await gql(stack, token, `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["ping"]) { id } }`, { id: taskId });
  if (!remindAt) return { taskId, reminderId: null };
  const { addReminder } = await gql(stack, token, `mutation($id: ID!, $at: DateTime!) { addReminder(input: { taskId: $id, remindAt: $at }) { id } }`, { id: taskId, at: remindAt.toISOString() });
  return { taskId, reminderId: addReminder.id as string };
}

describe('reminder delivery through federated subscriptions', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ subscriptions: { maxSubscriptionsPerUser: 20 } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("delivers A's reminder once, with fields from planning, tasks and audit, within 1 s of its time; B sees nothing of it", async () => {
    const a = await tokenFor(randomUUID());
    const b = await tokenFor(randomUUID());
    const subA = subscriber(stack, a);
    const subB = subscriber(stack, b);
    await eventually(async () => ((await metric(stack, 'gateway_subscription_upstreams')) >= 2 ? true : undefined), { what: 'both upstream subscriptions' });
    // Planning accepted both upstream subscriptions before the reminder can fire.
    await eventually(async () => ((await metric(stack, 'gateway_subscription_subgraph_sockets')) >= 2 ? true : undefined), { what: 'subgraph sockets' });

    const remindAt = new Date(Date.now() + 2_000);
    const { taskId, reminderId } = await taskWithReminder(stack, a, 'Call the plumber', remindAt);
    // The audit trail of the task exists before the reminder fires (audit-writer is asynchronous).
    await eventually(async () => {
      const r = await gql(stack, a, `query($id: ID!) { task(id: $id) { history(first: 3) { edges { node { type } } } } }`, { id: taskId });
      return r.task.history.edges.length >= 2 ? true : undefined;
    }, { what: 'audit trail' });

    await eventually(() => (subA.received.length >= 1 ? true : undefined), { timeoutMs: 15_000, what: "A's reminder" });
    // Anything else would arrive quickly: give it a moment, then count.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(subA.errors).toEqual([]);
    expect(subA.received).toHaveLength(1);
    const { at, payload } = subA.received[0]!;
    expect(payload.errors).toBeUndefined();
    const n = payload.data.reminderDue;
    expect(n.reminder.id).toBe(reminderId);
    expect(n.reminder.state).toBe('FIRED');
    expect(n.task).toMatchObject({ id: taskId, title: 'Call the plumber', priority: 'HIGH', tags: [{ name: 'ping' }] });
    // Newest first: [reminder.fired (if audited already)], reminder.added, task.tagged, …
    expect(n.task.history.edges.map((e: any) => e.node.type)).toEqual(expect.arrayContaining(['reminder.added', 'task.tagged']));
    expect(typeof n.id).toBe('string');
    expect(at - remindAt.getTime()).toBeLessThan(1_000);
    expect(at).toBeGreaterThanOrEqual(remindAt.getTime());
    expect(subB.received).toEqual([]);
    await subA.dispose();
    await subB.dispose();
  }, 60_000);

  it('refuses an unauthenticated connection and one with an invalid token (4403)', async () => {
    // A bare graphql-transport-ws handshake: what any client sends first.
    const closeCodeOf = (connectionParams: Record<string, unknown>) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(wsUrl(stack), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
        socket.on('message', (data) => reject(new Error(`unexpected message ${String(data)}`)));
        socket.on('close', (code) => resolve(code));
        socket.on('error', reject);
      });
    expect(await closeCodeOf({})).toBe(4403);
    expect(await closeCodeOf({ authorization: 'Bearer not-a-token' })).toBe(4403);
    expect(await closeCodeOf({ authorization: `Bearer ${await tokenFor(randomUUID(), -10)}` })).toBe(4403);
  });

  it('ends the subscription with 4401 when the token expires', async () => {
    const token = await tokenFor(randomUUID(), 2);
    const s = subscriber(stack, token);
    await eventually(() => (s.closeCodes.length > 0 ? true : undefined), { timeoutMs: 10_000, what: 'the close on expiry' });
    expect(s.closeCodes[0]).toBe(4401);
    await s.dispose();
  });

  it('answers queries and mutations on the socket, and caps open subscriptions per user', async () => {
    const token = await tokenFor(randomUUID());
    const client = createClient({ url: wsUrl(stack), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    const created: any = await new Promise((resolve, reject) => {
      client.subscribe({ query: `mutation { createTask(input: { title: "over ws" }) { id title } }` }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(created.data.createTask.title).toBe('over ws');
    const cleanups: Array<() => void> = [];
    for (let i = 0; i < 20; i++) cleanups.push(client.subscribe({ query: `subscription { reminderDue { id } }` }, { next: () => undefined, error: () => undefined, complete: () => undefined }));
    const refused = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `subscription { reminderDue { id } }` }, { next: () => undefined, error: resolve, complete: () => undefined });
    });
    expect(JSON.stringify(refused)).toContain('TOO_MANY_REQUESTS');
    for (const c of cleanups) c();
    await client.dispose();
  });

  it('1,000 subscribers across 100 users each get exactly their reminders; closing them leaves nothing upstream', async () => {
    // Earlier tests' subscriptions are gone first, so the counts below are this test's.
    await eventually(async () => ((await metric(stack, 'gateway_subscription_upstreams')) === 0 ? true : undefined), { what: 'no upstreams left from earlier tests' });
    const users = await Promise.all(Array.from({ length: 100 }, async () => tokenFor(randomUUID())));
    const subs = users.flatMap((token, u) => Array.from({ length: 10 }, () => ({ u, s: subscriber(stack, token, `subscription { reminderDue { id task { id title } } }`) })));
    await eventually(async () => ((await metric(stack, 'gateway_subscriptions_open')) >= 1_000 ? true : undefined), { timeoutMs: 30_000, what: '1,000 open subscriptions' });
    // Identical subscriptions of one user share one upstream.
    let seen: number[] = [];
    await eventually(async () => {
      seen = [await metric(stack, 'gateway_subscription_upstreams'), await metric(stack, 'gateway_subscription_subgraph_sockets')];
      return seen[0] === 100 && seen[1] === 100 ? true : undefined;
    }, {
      timeoutMs: 30_000,
      what: '100 shared upstreams on 100 sockets',
    }).catch((error) => {
      throw new Error(`${String(error)}; upstreams, sockets = ${seen.join(', ')}`);
    });
    const tasks: string[] = [];
    for (let i = 0; i < users.length; i += 10) {
      const batch = await Promise.all(users.slice(i, i + 10).map((t, j) => taskWithReminder(stack, t, `task of user ${i + j}`, new Date(Date.now() + 3_000))));
      tasks.push(...batch.map((t) => t.taskId));
    }
    await eventually(() => (subs.every(({ s }) => s.received.length >= 1) ? true : undefined), { timeoutMs: 30_000, what: 'every subscriber to get its reminder' });
    await new Promise((r) => setTimeout(r, 1_000));
    for (const { u, s } of subs) {
      expect(s.received).toHaveLength(1);
      expect(s.received[0]!.payload.data.reminderDue.task).toEqual({ id: tasks[u], title: `task of user ${u}` });
    }
    await Promise.all(subs.map(({ s }) => s.dispose()));
    await eventually(
      async () => {
        const [open, upstreams, sockets] = await Promise.all([
          metric(stack, 'gateway_subscriptions_open'),
          metric(stack, 'gateway_subscription_upstreams'),
          metric(stack, 'gateway_subscription_subgraph_sockets'),
        ]);
        return open === 0 && upstreams === 0 && sockets === 0 ? true : undefined;
      },
      { timeoutMs: 10_000, what: 'zero open subscriptions, upstreams and subgraph sockets' },
    );
  }, 120_000);
});
