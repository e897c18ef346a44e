import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { eventually } from '../../test/support.js';
import { createTaskwireClient, type TaskwireClient, type TaskwireError } from './index.js';

// The graphql-ws half of the client against a real graphql-ws server on 127.0.0.1 serving the
// client API schema with a scripted `reminderDue` source: events, auth in connectionParams,
// reconnection after lost connections, and errors. (The whole stack is covered by
// sdk/examples/quickstart.e2e.test.ts.)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = buildSchema(readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'));

/** A hand-written async iterator whose return() unregisters at once. */
function eventSource() {
  const subscribers = new Set<(value: unknown) => void>();
  return {
    get count() {
      return subscribers.size;
    },
    publish(value: unknown) {
      for (const push of subscribers) push(value);
    },
    iterator(): AsyncIterableIterator<unknown> {
      const queue: unknown[] = [];
      let wake: ((result: IteratorResult<unknown>) => void) | undefined;
      const push = (value: unknown) => {
        if (wake) {
          wake({ value, done: false });
          wake = undefined;
        } else queue.push(value);
      };
      subscribers.add(push);
      const iterator: AsyncIterableIterator<unknown> = {
        next: () =>
          queue.length > 0
            ? Promise.resolve({ value: queue.shift(), done: false })
            : new Promise((resolve) => {
                wake = resolve;
              }),
        return: () => {
          subscribers.delete(push);
          wake?.({ value: undefined, done: true });
          return Promise.resolve({ value: undefined, done: true });
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
  };
}

const notification = (n: number) => ({
  reminderDue: {
    id: `firing-${n}`,
    firedAt: '2026-11-28T09:00:00Z',
    reminder: { id: 'r1', remindAt: '2026-11-28T09:00:00Z', offsetMinutes: null, state: 'FIRED', firedAt: '2026-11-28T09:00:00Z', snoozedUntil: null },
    task: {
      id: 't1',
      title: `Task ${n}`,
      description: null,
      priority: 'HIGH',
      status: 'OPEN',
      dueAt: '2026-11-28T09:30:00Z',
      dueDate: null,
      completedAt: null,
      createdAt: '2026-11-28T08:00:00Z',
      updatedAt: '2026-11-28T08:00:00Z',
      isOverdue: false,
      recurrence: null,
      seriesId: null,
      occurrence: null,
      tags: [],
      reminders: [],
    },
  },
});

let server: Server;
let wss: WebSocketServer;
let url: string;
const source = eventSource();
const connections: (string | undefined)[] = [];
const clients: TaskwireClient[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      schema,
      roots: {
        subscription: {
          reminderDue: (_args: unknown, context: { connectionParams?: { authorization?: string } }) => {
            if (context.connectionParams?.authorization === 'Bearer expired') {
              throw new GraphQLError('sign in again', { extensions: { code: 'UNAUTHENTICATED' } });
            }
            return source.iterator();
          },
        },
      },
      context: (ctx) => ({ connectionParams: ctx.connectionParams }),
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization as string | undefined;
        connections.push(authorization);
        return authorization !== 'Bearer forged';
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const socket of wss.clients) socket.terminate();
  await new Promise((resolve) => wss.close(resolve));
  await new Promise((resolve) => server.close(resolve));
});

function newClient(token: string) {
  const states: string[] = [];
  const client = createTaskwireClient({ url, token, maxReconnectDelayMs: 200, onConnectionChange: (s) => states.push(s) });
  clients.push(client);
  return { client, states };
}

describe('subscribeReminders over graphql-ws', () => {
  it('delivers events with the token in connectionParams, survives a lost connection, and stops on unsubscribe', async () => {
    const { client, states } = newClient('good');
    const received: string[] = [];
    const errors: TaskwireError[] = [];
    const stop = client.subscribeReminders((event) => received.push(event.task.title), { onError: (e) => errors.push(e) });

    await eventually(() => (source.count === 1 ? true : undefined), { what: 'server-side subscription', timeoutMs: 10_000 });
    expect(connections.at(-1)).toBe('Bearer good');
    source.publish(notification(1));
    await eventually(() => (received.length === 1 ? true : undefined), { what: 'first event', timeoutMs: 10_000 });

    // The server drops every socket abruptly: the client reconnects and resubscribes.
    const connectionsBefore = connections.length;
    for (const socket of wss.clients) socket.terminate();
    await eventually(() => (connections.length > connectionsBefore && source.count === 1 ? true : undefined), {
      what: 'resubscription after the connection was lost',
      timeoutMs: 10_000,
    });
    source.publish(notification(2));
    await eventually(() => (received.length === 2 ? true : undefined), { what: 'event after reconnecting', timeoutMs: 10_000 });
    expect(received).toEqual(['Task 1', 'Task 2']);
    expect(states.filter((s) => s === 'connected').length).toBeGreaterThanOrEqual(2);

    // A new token reconnects the open subscription with it.
    client.setToken('renewed');
    await eventually(() => (connections.at(-1) === 'Bearer renewed' && source.count === 1 ? true : undefined), {
      what: 'reconnection with the new token',
      timeoutMs: 10_000,
    });

    stop();
    await eventually(() => (source.count === 0 ? true : undefined), { what: 'server-side cleanup', timeoutMs: 10_000 });
    source.publish(notification(3));
    expect(received).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('reports a refused connection (4403) once through onError instead of retrying forever', async () => {
    const { client } = newClient('forged');
    const errors: TaskwireError[] = [];
    const before = connections.filter((c) => c === 'Bearer forged').length;
    client.subscribeReminders(() => undefined, { onError: (e) => errors.push(e) });
    const error = await eventually(() => errors[0], { what: 'onError', timeoutMs: 10_000 });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.operation).toBe('reminderDue');
    expect(connections.filter((c) => c === 'Bearer forged').length - before).toBe(1);
  });

  it('reports GraphQL errors of the subscription with their code', async () => {
    const { client } = newClient('expired');
    const errors: TaskwireError[] = [];
    client.subscribeReminders(() => undefined, { onError: (e) => errors.push(e) });
    const error = await eventually(() => errors[0], { what: 'onError', timeoutMs: 10_000 });
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('sign in again');
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
