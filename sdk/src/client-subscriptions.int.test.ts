import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support.js';
import { createTaskwireClient, type TaskwireClient, type TaskwireError } from './index.js';
import { reminderNotification, startFakeApi, type FakeApi } from './testing/fake-api.js';

// The graphql-ws half of the client against a real graphql-ws server on 127.0.0.1 serving the
// client API schema with a scripted `reminderDue` source: events, auth in connectionParams,
// reconnection after lost connections, and errors. (The whole stack is covered by
// sdk/examples/quickstart.e2e.test.ts.)

let api: FakeApi;
const clients: TaskwireClient[] = [];

beforeAll(async () => {
  api = await startFakeApi();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await api.close();
});

function newClient(token: string) {
  const states: string[] = [];
  const client = createTaskwireClient({
    url: api.url,
    token,
    maxReconnectDelayMs: 200,
    onConnectionChange: (s) => states.push(s),
  });
  clients.push(client);
  return { client, states };
}

describe('subscribeReminders over graphql-ws', () => {
  it('delivers events with the token in connectionParams, survives a lost connection, and stops on unsubscribe', async () => {
    const { client, states } = newClient('good');
    const received: string[] = [];
    const errors: TaskwireError[] = [];
    const stop = client.subscribeReminders((event) => received.push(event.task.title), {
      onError: (e) => errors.push(e),
    });

    await eventually(() => (api.reminders.count === 1 ? true : undefined), {
      what: 'server-side subscription',
      timeoutMs: 10_000,
    });
    expect(api.connections.at(-1)).toBe('Bearer good');
    api.reminders.publish(reminderNotification(1));
    await eventually(() => (received.length === 1 ? true : undefined), { what: 'first event', timeoutMs: 10_000 });

    // The server drops every socket abruptly: the client reconnects and resubscribes.
    const connectionsBefore = api.connections.length;
    api.dropSockets();
    await eventually(
      () => (api.connections.length > connectionsBefore && api.reminders.count === 1 ? true : undefined),
      {
        what: 'resubscription after the connection was lost',
        timeoutMs: 10_000,
      },
    );
    api.reminders.publish(reminderNotification(2));
    await eventually(() => (received.length === 2 ? true : undefined), {
      what: 'event after reconnecting',
      timeoutMs: 10_000,
    });
    expect(received).toEqual(['Task 1', 'Task 2']);
    expect(states.filter((s) => s === 'connected').length).toBeGreaterThanOrEqual(2);

    // A new token reconnects the open subscription with it.
    client.setToken('renewed');
    await eventually(
      () => (api.connections.at(-1) === 'Bearer renewed' && api.reminders.count === 1 ? true : undefined),
      {
        what: 'reconnection with the new token',
        timeoutMs: 10_000,
      },
    );

    stop();
    await eventually(() => (api.reminders.count === 0 ? true : undefined), {
      what: 'server-side cleanup',
      timeoutMs: 10_000,
    });
    api.reminders.publish(reminderNotification(3));
    expect(received).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('reports a refused connection (4403) once through onError instead of retrying forever', async () => {
    const { client } = newClient('forged');
    const errors: TaskwireError[] = [];
    const before = api.connections.filter((c) => c === 'Bearer forged').length;
    client.subscribeReminders(() => undefined, { onError: (e) => errors.push(e) });
    const error = await eventually(() => errors[0], { what: 'onError', timeoutMs: 10_000 });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.operation).toBe('reminderDue');
    expect(api.connections.filter((c) => c === 'Bearer forged').length - before).toBe(1);
  });

  it('reports GraphQL errors of the subscription with their code', async () => {
    const { client } = newClient('expired');
    const errors: TaskwireError[] = [];
    client.subscribeReminders(() => undefined, { onError: (e) => errors.push(e) });
    const error = await eventually(() => errors[0], { what: 'onError', timeoutMs: 10_000 });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('sign in first');
  });
});

describe('requests against a GraphQL server', () => {
  it('returns data for a valid token and a typed UNAUTHENTICATED error without one', async () => {
    const { client } = newClient('good');
    expect(await client.tags()).toEqual([{ id: 'tag-1', name: 'work', color: '#336699' }]);
    const anonymous = createTaskwireClient({ url: api.url });
    const error = (await anonymous.tags().catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.path).toEqual(['tags']);
  });
});

describe('dispose', () => {
  it('ends subscriptions that are still trying to connect, promptly and without rejecting', async () => {
    // A port nobody listens on: the client keeps reconnecting until disposed.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));

    const states: string[] = [];
    const client = createTaskwireClient({
      url: `http://127.0.0.1:${deadPort}/graphql`,
      token: 'good',
      maxReconnectDelayMs: 5_000,
      onConnectionChange: (state) => states.push(state),
    });
    const errors: TaskwireError[] = [];
    const stop = client.subscribeReminders(() => undefined, { onError: (e) => errors.push(e) });
    await eventually(() => (states.filter((s) => s === 'connecting').length >= 3 ? true : undefined), {
      what: 'reconnection attempts',
      timeoutMs: 10_000,
    });
    const started = Date.now();
    await expect(client.dispose()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
    stop();
    expect(errors).toEqual([]);
  });
});
