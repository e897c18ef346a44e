import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support.js';
import { createUpstreamPool, type UpstreamListener } from './upstream.js';

/** A subgraph stand-in: graphql-ws with `Subscription.tick`, counting live source iterators. */
function fakeSubgraph() {
  const sinks = new Set<(n: number) => void>();
  let live = 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        tick: {
          type: GraphQLInt,
          resolve: (n: number) => n,
          subscribe: () => {
            live++;
            const queue: number[] = [];
            let waiting: ((r: IteratorResult<number>) => void) | null = null;
            let done = false;
            const push = (n: number) => {
              if (waiting) {
                const w = waiting;
                waiting = null;
                w({ value: n, done: false });
              } else queue.push(n);
            };
            sinks.add(push);
            const end = () => {
              if (done) return;
              done = true;
              live--;
              sinks.delete(push);
              waiting?.({ value: undefined, done: true });
              waiting = null;
            };
            const it: AsyncIterableIterator<number> = {
              next: () =>
                queue.length
                  ? Promise.resolve({ value: queue.shift()!, done: false })
                  : done
                    ? Promise.resolve({ value: undefined, done: true })
                    : new Promise((r) => (waiting = r)),
              return: async () => {
                end();
                return { value: undefined, done: true };
              },
              [Symbol.asyncIterator]: () => it,
            };
            return it;
          },
        },
      },
    }),
  });
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer({ schema, onConnect: (ctx) => ctx.connectionParams?.authorization === 'Bearer good' }, wss);
  return {
    server,
    wss,
    live: () => live,
    emit: (n: number) => sinks.forEach((s) => s(n)),
    async listen(port = 0) {
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
      return (server.address() as AddressInfo).port;
    },
  };
}

function collector() {
  const got: unknown[] = [];
  const errors: unknown[] = [];
  const listener: UpstreamListener = {
    next: (r) => void got.push(r.data),
    error: (e) => void errors.push(e),
    complete: () => undefined,
  };
  return { got, errors, listener };
}

describe('upstream pool', () => {
  const sub = fakeSubgraph();
  let url = '';
  beforeAll(async () => {
    url = `ws://127.0.0.1:${await sub.listen()}/graphql`;
  });
  afterAll(async () => {
    for (const c of sub.wss.clients) c.terminate();
    await new Promise<void>((r) => sub.server.close(() => r()));
  });

  it('shares identical subscriptions, reconnects after the socket is lost, and closes everything when the last listener leaves', async () => {
    let reconnects = 0;
    const pool = createUpstreamPool({ retryBaseMs: 50, retryMaxMs: 200, onReconnect: () => reconnects++ });
    const request = { subgraph: 'fake', url, userId: 'u1', query: 'subscription { tick }', variables: {} };
    const a = collector();
    const b = collector();
    const leaveA = pool.subscribe(request, () => 'good', a.listener);
    const leaveB = pool.subscribe(request, () => 'good', b.listener);
    await eventually(() => (sub.live() === 1 && pool.sockets() === 1 ? true : undefined), {
      what: 'one upstream subscription on one socket',
    });
    expect(pool.subscriptions()).toBe(1);
    sub.emit(1);
    await eventually(() => (a.got.length === 1 && b.got.length === 1 ? true : undefined), {
      what: 'the first event to both',
    });

    // The subgraph drops every socket (a restart, a network blip).
    for (const c of sub.wss.clients) c.terminate();
    await eventually(() => (reconnects >= 1 && sub.live() === 1 ? true : undefined), {
      timeoutMs: 5_000,
      what: 'the reconnect and re-subscribe',
    });
    sub.emit(2);
    await eventually(() => (a.got.length === 2 && b.got.length === 2 ? true : undefined), {
      what: 'an event after the reconnect',
    });
    expect(a.got).toEqual([{ tick: 1 }, { tick: 2 }]);
    expect(a.errors).toEqual([]);

    leaveA();
    expect(pool.subscriptions()).toBe(1);
    leaveB();
    expect(pool.subscriptions()).toBe(0);
    await eventually(
      () => (sub.live() === 0 && pool.sockets() === 0 && sub.wss.clients.size === 0 ? true : undefined),
      { what: 'no upstream left' },
    );
    await pool.close();
  });

  it('keeps different users on different sockets', async () => {
    const pool = createUpstreamPool();
    const base = { subgraph: 'fake', url, query: 'subscription { tick }', variables: {} };
    const leave1 = pool.subscribe({ ...base, userId: 'u1' }, () => 'good', collector().listener);
    const leave2 = pool.subscribe({ ...base, userId: 'u2' }, () => 'good', collector().listener);
    await eventually(() => (pool.sockets() === 2 && sub.live() === 2 ? true : undefined), { what: 'two sockets' });
    leave1();
    leave2();
    await eventually(() => (pool.sockets() === 0 && sub.live() === 0 ? true : undefined), { what: 'both closed' });
    await pool.close();
  });

  it('reports a refused token (4403) as an error instead of retrying', async () => {
    const pool = createUpstreamPool({ retryBaseMs: 50 });
    const c = collector();
    pool.subscribe(
      { subgraph: 'fake', url, userId: 'u3', query: 'subscription { tick }', variables: {} },
      () => 'bad',
      c.listener,
    );
    await eventually(() => (c.errors.length === 1 ? true : undefined), { what: 'the refusal' });
    expect((c.errors[0] as { code?: number }).code).toBe(4403);
    expect(pool.subscriptions()).toBe(0);
    await eventually(() => (pool.sockets() === 0 ? true : undefined), { what: 'no socket left' });
    await pool.close();
  });
  it('leaving while the subgraph refuses the connection (4403) rejects nothing unhandled', async () => {
    // graphql-ws's dispose() rethrows the refusal of a connection still being made; the
    // gateway leaves upstreams exactly then when a client goes away or its token expires.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const pool = createUpstreamPool({ retryBaseMs: 50 });
      const leaves = Array.from({ length: 20 }, (_, i) =>
        pool.subscribe(
          { subgraph: 'fake', url, userId: `refused-${i}`, query: 'subscription { tick }', variables: {} },
          () => 'bad',
          collector().listener,
        ),
      );
      for (const leave of leaves) leave(); // before the refusal arrives
      await eventually(() => (pool.sockets() === 0 && sub.wss.clients.size === 0 ? true : undefined), {
        what: 'every refused socket closed',
      });
      await new Promise((r) => setTimeout(r, 200)); // let any rejection surface
      await pool.close();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
