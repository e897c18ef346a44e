import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, graphql, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { operations } from '../operations.js';

// A stand-in for the gateway, for the SDK's own tests: the client API schema
// (schema/api.graphql) executed by graphql-js over HTTP and graphql-ws on 127.0.0.1, with
// scripted resolvers and a `reminderDue` source the test publishes to. Tests of the real
// stack are in sdk/examples/quickstart.e2e.test.ts.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const apiSchema = buildSchema(readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'));

const sdkDocumentsById = new Map(
  Object.values(operations).map((info) => [createHash('sha256').update(info.source).digest('hex'), info.source]),
);

/** Tokens the fake API accepts; `forged` is refused at connection_init, `expired` fails the subscription. */
export const fakeTokens = { good: 'good', renewed: 'renewed', forged: 'forged', expired: 'expired' } as const;

/** A push source of subscription events; its iterators' return() unregisters at once. */
export function eventSource() {
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

/** A `reminderDue` event payload for the task titled `Task <n>`. */
export function reminderNotification(n: number) {
  return {
    reminderDue: {
      id: `firing-${n}`,
      firedAt: '2026-11-28T09:00:00Z',
      reminder: {
        id: 'r1',
        remindAt: '2026-11-28T09:00:00Z',
        offsetMinutes: null,
        state: 'FIRED',
        firedAt: '2026-11-28T09:00:00Z',
        snoozedUntil: null,
      },
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
      },
    },
  };
}

export interface FakeApi {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  origin: string;
  reminders: ReturnType<typeof eventSource>;
  /** `authorization` connectionParams of every graphql-ws connection, in order. */
  connections: (string | undefined)[];
  /** Drops every WebSocket abruptly (as a crashed or restarted server would). */
  dropSockets(): void;
  close(): Promise<void>;
}

const unauthenticated = () => new GraphQLError('sign in first', { extensions: { code: 'UNAUTHENTICATED' } });

/**
 * Starts the fake API. `tags` answers for the `good`/`renewed` tokens and fails with
 * UNAUTHENTICATED otherwise. `routes` can serve extra GET paths (e.g. a page and a bundle).
 */
export async function startFakeApi(routes: Record<string, { type: string; body: string }> = {}): Promise<FakeApi> {
  const reminders = eventSource();
  const connections: (string | undefined)[] = [];
  const isValid = (authorization: string | undefined) =>
    authorization === `Bearer ${fakeTokens.good}` || authorization === `Bearer ${fakeTokens.renewed}`;

  const rootValue = {
    tags: (_args: unknown, context: { authorization?: string }) => {
      if (!isValid(context.authorization)) throw unauthenticated();
      return [{ id: 'tag-1', name: 'work', color: '#336699' }];
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const route = routes[req.url ?? ''];
    if (req.method === 'GET' && route) {
      res.writeHead(200, { 'content-type': route.type }).end(route.body);
      return;
    }
    if (req.method !== 'POST' || req.url !== '/graphql') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query?: string;
      variables?: Record<string, unknown>;
      operationName?: string;
      extensions?: { persistedQuery?: { sha256Hash?: string } };
    };
    // Like the gateway with its manifest: the SDK's documents by id (schema/trusted-documents.json).
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    const source = body.query ?? (hash ? sdkDocumentsById.get(hash) : undefined);
    if (source === undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
        }),
      );
      return;
    }
    const result = await graphql({
      schema: apiSchema,
      source,
      rootValue,
      variableValues: body.variables ?? null,
      operationName: body.operationName ?? null,
      contextValue: { authorization: req.headers.authorization },
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      schema: apiSchema,
      roots: {
        subscription: {
          reminderDue: (_args: unknown, context: { authorization?: string }) => {
            if (context.authorization === `Bearer ${fakeTokens.expired}`) throw unauthenticated();
            return reminders.iterator();
          },
        },
      },
      context: (ctx) => ({ authorization: ctx.connectionParams?.authorization }),
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization as string | undefined;
        connections.push(authorization);
        return authorization !== `Bearer ${fakeTokens.forged}`;
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    reminders,
    connections,
    dropSockets: () => {
      for (const socket of wss.clients) socket.terminate();
    },
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
