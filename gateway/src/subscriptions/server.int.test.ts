import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTokenError } from '@taskwire/platform/auth';
import { parseConfig } from '@taskwire/platform/config';
import { createLogger } from '@taskwire/platform/logger';
import { createRevocations } from '../revocations.js';
import { eventually, testGatewaySecret } from '../../../test/support.js';
import { gatewayConfigSchema } from '../env.js';
import { SubgraphDataSource } from '../data-source.js';
import { createGatewayMetrics } from '../metrics.js';
import type { GatewayHookContext } from '../service.js';
import { createTrustedDocuments } from '../trusted-documents.js';
import { createSubscriptionPlanner } from './planner.js';
import { attachSubscriptions } from './server.js';

const supergraphSdl = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/supergraph.graphql'),
  'utf8',
);

/** An event's id, or a resolver that fails as a subgraph's would (graphql-js calls it). */
type ReminderId = string | (() => string);

/** A planning stand-in that streams `reminderDue { id }` events pushed by the test. */
function fakePlanning() {
  const schema = buildSchema(
    `type Query { x: Int } type ReminderNotification { id: ID! } type Subscription { reminderDue: ReminderNotification! }`,
  );
  const sinks = new Set<(id: ReminderId) => void>();
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      schema,
      roots: {
        subscription: {
          reminderDue: () => {
            const queue: ReminderId[] = [];
            let waiting: ((r: IteratorResult<unknown>) => void) | null = null;
            const push = (id: ReminderId) =>
              waiting ? (waiting({ value: { reminderDue: { id } }, done: false }), (waiting = null)) : queue.push(id);
            sinks.add(push);
            const it: AsyncIterableIterator<unknown> = {
              next: () =>
                queue.length
                  ? Promise.resolve({ value: { reminderDue: { id: queue.shift() } }, done: false })
                  : new Promise((r) => (waiting = r)),
              return: async () => {
                sinks.delete(push);
                waiting?.({ value: undefined, done: true });
                return { value: undefined, done: true };
              },
              [Symbol.asyncIterator]: () => it,
            };
            return it;
          },
        },
      },
    },
    wss,
  );
  return { server, wss, emit: (id: ReminderId) => sinks.forEach((s) => s(id)), live: () => sinks.size };
}

describe('gateway graphql-ws endpoint', () => {
  const planning = fakePlanning();
  // Stands in for the gateway's HTTP endpoint, which queries on the socket are POSTed to: it
  // answers as the real one does for an unknown task (a plain JSON error, no GraphQLError).
  const httpAnswers: string[] = [];
  const gatewayServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      httpAnswers.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: { task: null },
          errors: [{ message: 'task t9 not found', path: ['task'], extensions: { code: 'NOT_FOUND' } }],
        }),
      );
    });
  });
  const metrics = createGatewayMetrics();
  let subscriptions: ReturnType<typeof attachSubscriptions>;
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((r) => planning.server.listen(0, '127.0.0.1', () => r()));
    const planningUrl = `http://127.0.0.1:${(planning.server.address() as AddressInfo).port}/graphql`;
    const ctx: GatewayHookContext = {
      schema: createSubscriptionPlanner(supergraphSdl).apiSchema.toGraphQLJSSchema(),
      supergraphSdl,
      gateway: undefined as never,
      config: parseConfig(gatewayConfigSchema, { GATEWAY_SECRET: testGatewaySecret }),
      verifier: {
        verify: async (token) => {
          if (token !== 'good') throw new InvalidTokenError('bad token');
          return { userId: 'u1', exp: Math.floor(Date.now() / 1000) + 3_600 };
        },
      },
      revocations: createRevocations({ maxTokenTtlMs: 900_000 }),
      logger: createLogger('gateway-test', 'silent'),
      metrics,
      subgraphUrls: {
        accounts: 'http://127.0.0.1:9/graphql',
        tasks: 'http://127.0.0.1:9/graphql',
        planning: planningUrl,
        audit: 'http://127.0.0.1:9/graphql',
      },
      trustedDocuments: createTrustedDocuments('off', new Map()),
      serviceMap: () => ({
        planning: new SubgraphDataSource('planning', planningUrl, metrics, testGatewaySecret, {
          timeoutMs: 5_000,
          breakerFailures: 5,
          breakerHalfOpenAfterMs: 10_000,
        }),
      }),
      createContext: ({ user, token, clientAddress }) => ({
        user,
        token,
        clientAddress,
        requestId: 'test',
        traceparent: null,
      }),
    };
    subscriptions = attachSubscriptions(gatewayServer, ctx, { maxQueuedPerClient: 2 });
    await new Promise<void>((r) => gatewayServer.listen(0, '127.0.0.1', () => r()));
    url = `ws://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => gatewayServer.close(() => r()));
    for (const c of planning.wss.clients) c.terminate();
    await new Promise<void>((r) => planning.server.close(() => r()));
  });

  it('answers an error on the socket without closing it: the live subscription keeps its events', async () => {
    const closes: number[] = [];
    const got: unknown[] = [];
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: 'Bearer good' },
      on: { closed: (e) => void closes.push((e as { code: number }).code) },
    });
    const stop = client.subscribe(
      { query: 'subscription { reminderDue { id } }' },
      { next: (r) => void got.push(r), error: () => undefined, complete: () => undefined },
    );
    await eventually(() => (planning.live() === 1 ? true : undefined), { what: 'the upstream subscription' });

    // A query whose answer carries an error (it comes back from HTTP as plain JSON).
    const answer = await new Promise<unknown>((resolve, reject) =>
      client.subscribe(
        { query: '{ task(id: "t9") { id } }' },
        { next: resolve, error: reject, complete: () => undefined },
      ),
    );
    expect(answer).toEqual({
      data: { task: null },
      errors: [{ message: 'task t9 not found', path: ['task'], extensions: { code: 'NOT_FOUND' } }],
    });
    expect(httpAnswers.at(-1)).toContain('task(id: \\"t9\\")');
    // A mistake in the document: refused with the code the HTTP endpoint gives.
    const refused = await new Promise<unknown>((resolve) =>
      client.subscribe(
        { query: '{ task(id: "t9") { nope } }' },
        { next: () => undefined, error: resolve, complete: () => undefined },
      ),
    );
    expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
    // An event the subgraph failed to resolve reaches the client masked, and later events still arrive.
    planning.emit(() => {
      throw new Error('password authentication failed for user "planning"');
    });
    planning.emit('f2');
    await eventually(() => (got.length === 2 ? true : undefined), { what: 'both events' });
    expect(JSON.stringify(got[0])).not.toContain('password');
    expect(got[0]).toEqual({
      data: null,
      errors: [
        {
          message: 'Internal server error',
          path: ['reminderDue', 'id'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(got[1]).toEqual({ data: { reminderDue: { id: 'f2' } } });
    expect(closes).toEqual([]);
    stop();
    await eventually(() => (planning.live() === 0 ? true : undefined), { what: 'the upstream to close' });
    await client.dispose();
  });

  it('streams events through the plan, and on shutdown closes clients with 1012 and leaves nothing upstream', async () => {
    const closes: number[] = [];
    const got: unknown[] = [];
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: 'Bearer good' },
      on: { closed: (e) => void closes.push((e as { code: number }).code) },
    });
    client.subscribe(
      { query: 'subscription { reminderDue { id } }' },
      { next: (r) => void got.push(r), error: () => undefined, complete: () => undefined },
    );
    await eventually(() => (planning.live() === 1 ? true : undefined), { what: 'the upstream subscription' });
    planning.emit('f1');
    await eventually(() => (got.length === 1 ? true : undefined), { what: 'the event' });
    expect(got[0]).toEqual({ data: { reminderDue: { id: 'f1' } } });

    await subscriptions.stop();
    await eventually(() => (closes.length > 0 ? true : undefined), { what: 'the close' });
    expect(closes[0]).toBe(1012);
    expect(subscriptions.openSubscriptions()).toBe(0);
    expect(subscriptions.pool.subscriptions()).toBe(0);
    await eventually(() => (subscriptions.pool.sockets() === 0 && planning.live() === 0 ? true : undefined), {
      what: 'no upstream left',
    });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/gateway_subscription_terminations_total\{reason="shutdown"[^}]*\} 1/);
    await client.dispose();
  });
});
