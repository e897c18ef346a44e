import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTaskwireClient, operations, type TaskwireError } from './index.js';

// The client against a real local HTTP server: what each attempt sends (Idempotency-Key,
// document id), and when it retries, waits or gives up.
interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: {
    query?: string;
    operationName?: string;
    variables?: Record<string, unknown>;
    extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
  };
  at: number;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang-up';

let server: http.Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  server = undefined;
});

/** A server answering each request with the next reply of the script (the last one repeats). */
async function scriptedServer(replies: Array<Reply | ((received: Received) => Reply)>) {
  const received: Received[] = [];
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const request: Received = {
        method: req.method ?? '',
        headers: req.headers,
        body: JSON.parse(raw),
        at: Date.now(),
      };
      received.push(request);
      const next = replies[Math.min(received.length - 1, replies.length - 1)]!;
      const reply = typeof next === 'function' ? next(request) : next;
      if (reply === 'hang-up') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? {}));
    });
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/graphql`, received };
}

const created = { data: { createTask: { id: 't1', title: 'Pay rent' } } };
const tooMany = (seconds: number): Reply => ({
  status: 429,
  headers: { 'retry-after': String(seconds) },
  body: {
    errors: [{ message: 'too many requests', extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: seconds } }],
  },
});
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createTaskwireClient retries', () => {
  it('sends a fresh Idempotency-Key per mutation call and the same one on each retry', async () => {
    const { url, received } = await scriptedServer([
      'hang-up',
      { status: 503, body: {} },
      tooMany(0),
      { status: 200, body: created },
    ]);
    const client = createTaskwireClient({ url, retries: 3, retryBaseDelayMs: 1 });
    const task = await client.createTask({ title: 'Pay rent' });
    expect(task.id).toBe('t1');
    expect(received).toHaveLength(4);
    const keys = received.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(uuid);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));

    await client.createTask({ title: 'Pay rent' });
    const second = received[4]?.headers['idempotency-key'];
    expect(second).toMatch(uuid);
    expect(second).not.toBe(keys[0]);
  });

  it('sends no Idempotency-Key with a query, and retries it too', async () => {
    const { url, received } = await scriptedServer([
      { status: 502, body: {} },
      { status: 200, body: { data: { tags: [] } } },
    ]);
    const client = createTaskwireClient({ url, retryBaseDelayMs: 1 });
    expect(await client.tags()).toEqual([]);
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.headers['idempotency-key'] === undefined)).toBe(true);
  });

  it('waits as long as Retry-After says on TOO_MANY_REQUESTS', async () => {
    const { url, received } = await scriptedServer([tooMany(1), { status: 200, body: created }]);
    const client = createTaskwireClient({ url, retryBaseDelayMs: 1 });
    await client.createTask({ title: 'Pay rent' });
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up on TOO_MANY_REQUESTS when Retry-After is beyond maxRetryAfterMs, with the wait on the error', async () => {
    const { url, received } = await scriptedServer([tooMany(120)]);
    const error = (await createTaskwireClient({ url })
      .createTask({ title: 'Pay rent' })
      .catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.retryAfterSeconds).toBe(120);
    expect(received).toHaveLength(1);
  });

  it('does not retry a client mistake (4xx)', async () => {
    const { url, received } = await scriptedServer([
      {
        status: 200,
        body: { errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } }] },
      },
    ]);
    const error = (await createTaskwireClient({ url, retryBaseDelayMs: 1 })
      .createTask({ title: '' })
      .catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(received).toHaveLength(1);
  });

  it('times an attempt out, retries it with the same key, and stops when the signal aborts', async () => {
    const { url, received } = await scriptedServer([() => ({ status: 200, body: created })]);
    // The server answers; a 1 ms limit per attempt makes every attempt time out.
    const slow = createTaskwireClient({
      url,
      timeoutMs: 1,
      retries: 1,
      retryBaseDelayMs: 1,
      fetch: async (input, init) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return globalThis.fetch(input, init);
      },
    });
    const timedOut = (await slow.createTask({ title: 'x' }).catch((e: unknown) => e)) as TaskwireError;
    expect(timedOut.code).toBe('TIMEOUT');

    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const aborted = (await createTaskwireClient({ url })
      .createTask({ title: 'x' }, { signal: controller.signal })
      .catch((e: unknown) => e)) as TaskwireError;
    expect(aborted.code).toBe('ABORTED');
    expect(received.filter((r) => r.body.variables?.input !== undefined).length).toBe(0);
  });
});

describe('createTaskwireClient document ids', () => {
  it('sends the SHA-256 of the document instead of its text', async () => {
    const { url, received } = await scriptedServer([{ status: 200, body: { data: { tags: [] } } }]);
    await createTaskwireClient({ url }).tags();
    const sha = createHash('sha256').update(operations.tags.source).digest('hex');
    expect(received[0]?.body.query).toBeUndefined();
    expect(received[0]?.body.extensions?.persistedQuery).toEqual({ version: 1, sha256Hash: sha });
  });

  it('sends the text with the id once when the server does not know the id (automatic persisted queries)', async () => {
    const { url, received } = await scriptedServer([
      {
        status: 200,
        body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
      },
      { status: 200, body: created },
    ]);
    await createTaskwireClient({ url }).createTask({ title: 'Pay rent' });
    expect(received).toHaveLength(2);
    expect(received[1]?.body.query).toBe(operations.createTask.source);
    expect(received[1]?.body.extensions?.persistedQuery?.sha256Hash).toBe(
      received[0]?.body.extensions?.persistedQuery?.sha256Hash,
    );
    expect(received[1]?.headers['idempotency-key']).toBe(received[0]?.headers['idempotency-key']);
  });
});

describe('createTaskwireClient pages', () => {
  it('iterates every page of a connection, passing each endCursor as `after`', async () => {
    const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({
      status: 200,
      body: {
        data: {
          tasks: { edges: ids.map((id) => ({ node: { id } })), pageInfo: { hasNextPage, endCursor }, totalCount: 3 },
        },
      },
    });
    const { url, received } = await scriptedServer([page(['a', 'b'], 'c2', true), page(['c'], 'c3', false)]);
    const client = createTaskwireClient({ url });
    const seen: string[] = [];
    for await (const p of client.pages('tasks', { first: 2, filter: { overdue: true } })) {
      seen.push(...p.edges.map((edge) => edge.node.id));
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(received.map((r) => r.body.variables)).toEqual([
      { first: 2, filter: { overdue: true } },
      { first: 2, filter: { overdue: true }, after: 'c2' },
    ]);
  });
});
