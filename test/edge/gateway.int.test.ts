/**
 * The gateway's edge, as an outside client probes it (issue 15): malformed and abusive requests
 * over HTTP and graphql-ws each get their documented code and a 4xx, none reaches a subgraph;
 * one socket survives errors with its live `reminderDue` subscription; security headers; no
 * query plans for clients; bounded operation-name labels in /metrics.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOperationNames } from '@taskwire/platform/metrics';
import { startStack, type Stack } from '../stack.js';
import { eventually, graphqlRequest, tokenFor } from '../support.js';

/** Operations per graphql-ws connection before the rate limit refuses (per minute, as a burst). */
const wsBurst = 12;

let stack: Stack;
let token: string;
let origin: string;
/** The gateway's ops port, where its /metrics is. */
let opsOrigin: string;

beforeAll(async () => {
  stack = await startStack({ env: { WS_MESSAGES_PER_MINUTE: String(wsBurst), WS_MESSAGE_BURST: String(wsBurst) } });
  origin = new URL(stack.gatewayUrl).origin;
  opsOrigin = stack.gatewayOpsUrl;
  token = await tokenFor(randomUUID());
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** Sum of one metric's samples in the gateway's /metrics (0 when it has none yet). */
async function metricSum(name: string, labels: RegExp = /.*/): Promise<number> {
  const text = await (await fetch(`${opsOrigin}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(/^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/gm)) {
    if (m[1] === name && labels.test(m[2] ?? '')) sum += Number(m[3]);
  }
  return sum;
}

/** Fetches the gateway made to any subgraph so far. */
const subgraphFetches = () => metricSum('gateway_subgraph_fetch_duration_seconds_count');

interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One raw HTTP exchange (node:http, so paths and bodies go out exactly as written). */
function send(request: RawRequest): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent: false, // a connection per row: a refused upload may leave its connection unusable
        method: request.method ?? 'POST',
        path: request.path ?? '/graphql',
        headers: {
          ...(request.method === 'GET' ? {} : { 'content-type': 'application/json' }),
          authorization: `Bearer ${token}`,
          ...request.headers,
        },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    // A server that answers before reading the whole body (413) may reset the upload: the answer counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(request.body);
  });
}

const post = (query: string, variables?: unknown, extra: Record<string, unknown> = {}) => ({
  body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...extra }),
});

/** `n` aliases of one field (not `__typename`, which GraphQL Armor lets through). */
const aliases = (n: number) => `me { ${Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ')} }`;
const fragmentChain = (n: number) =>
  `query Chain { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join(' ')} fragment F${n} on Query { __typename }`;
const nested = (depth: number) =>
  `{ tasks { edges { node { ${'history { edges { node { task { '.repeat(depth)}id${' } } } }'.repeat(depth)} } } } }`;
const times = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(' ');
const createTask = 'mutation Create($i: CreateTaskInput!) { createTask(input: $i) { id } }';
const unknownId = '01890000-0000-7000-8000-000000000000';

interface Row {
  name: string;
  request: RawRequest;
  status: number;
  /** The `extensions.code` of the first error; null for a non-GraphQL route. */
  code: string | null;
  /** What the message must say (what was expected). */
  message?: RegExp;
}

const httpRows: Row[] = [
  { name: 'syntax error', request: post('{ me { id }'), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'unknown field', request: post('{ nope }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'unknown enum value in variables',
    request: post(createTask, { i: { title: 'x', priority: 'CRITICAL' } }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /CRITICAL|Priority/,
  },
  {
    name: 'unknown input field in variables',
    request: post(createTask, { i: { title: 'x', colour: 'red' } }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /colour/,
  },
  {
    name: 'variable of the wrong type',
    request: post('query Page($n: Int) { tasks(first: $n) { totalCount } }', { n: 'ten' }),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /\$n/,
  },
  {
    name: 'missing required variable',
    request: post(createTask, {}),
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /\$i/,
  },
  {
    name: 'operationName the document lacks',
    request: post('query A { me { id } }', undefined, { operationName: 'B' }),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /"B".*"A"/,
  },
  {
    name: 'several operations and no operationName',
    request: post('query A { me { id } } query B { me { id } }'),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /operationName/,
  },
  {
    name: 'subscription over HTTP',
    request: post('subscription { reminderDue { id } }'),
    status: 400,
    code: 'BAD_REQUEST',
    message: /graphql-ws/,
  },
  {
    name: 'mutation over GET',
    request: {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { deleteTag(id: "1") }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'GET without a preflight-forcing header (CSRF)',
    request: { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ me { id } }')}` },
    status: 400,
    code: 'BAD_REQUEST',
    message: /Cross-Site Request Forgery/,
  },
  {
    name: 'text/plain POST (CSRF)',
    request: { headers: { 'content-type': 'text/plain' }, ...post('{ me { id } }') },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'body not JSON', request: { body: '{"query": ' }, status: 400, code: 'BAD_REQUEST', message: /JSON/ },
  { name: 'no query', request: { body: '{"variables": {}}' }, status: 400, code: 'BAD_REQUEST', message: /query/ },
  {
    name: 'variables not an object',
    request: { body: JSON.stringify({ query: '{ me { id } }', variables: 'x' }) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'batched array body',
    request: { body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]) },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'declared oversized body',
    request: post('{ me { id } }', { pad: 'x'.repeat(200_000) }),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'chunked oversized body',
    request: { headers: { 'transfer-encoding': 'chunked' }, ...post('{ me { id } }', { pad: 'x'.repeat(200_000) }) },
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'malformed percent-encoding in the GraphQL query string',
    request: {
      method: 'GET',
      path: '/graphql?query=%7B%20me%20%E0%A4%A',
      headers: { 'apollo-require-preflight': 'true' },
    },
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'malformed percent-encoding in a web app path',
    request: { method: 'GET', path: '/tasks/%E0%A4%A' },
    status: 400,
    code: null,
  },
  {
    name: '3,000 aliases (token limit)',
    request: post(`{ ${aliases(3_000)} }`),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
    message: /tokens/,
  },
  { name: '31 aliases', request: post(`{ ${aliases(31)} }`), status: 400, code: 'MAX_ALIASES_LIMIT' },
  {
    name: 'chain of 2,000 fragments (token limit, no stack overflow)',
    request: post(fragmentChain(2_000)),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'chain of 60 fragments',
    request: post(fragmentChain(60)),
    status: 400,
    code: 'MAX_FRAGMENTS_LIMIT',
    message: /maximum is 50/,
  },
  {
    name: 'fragments spread twice per level (2^14 fields)',
    request: post(
      `{ ...F0 } ${times(14, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)} fragment F14 on Query { __typename }`,
    ),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: /spread fewer fragments/,
  },
  {
    name: '21 root fields',
    request: post(`{ ${Array.from({ length: 21 }, (_, i) => `t${i}: tags { id }`).join(' ')} }`),
    status: 400,
    code: 'MAX_ROOT_FIELDS_LIMIT',
  },
  {
    name: '51 directives',
    request: post(`{ me { ${'id @include(if: true) '.repeat(51)}} }`),
    status: 400,
    code: 'MAX_DIRECTIVES_LIMIT',
  },
  { name: 'too deep', request: post(nested(3)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /deep/ },
  {
    name: '30 × nextOccurrences(count: 50)',
    request: post(
      `{ task(id: "${unknownId}") { ${Array.from({ length: 30 }, (_, i) => `n${i}: nextOccurrences(count: 50)`).join(' ')} } }`,
    ),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: /exceeds the maximum of 10000/,
  },
  {
    name: '20 × tasks(first: 200) with totalCount',
    request: post(`{ ${Array.from({ length: 20 }, (_, i) => `t${i}: tasks(first: 200) { totalCount }`).join(' ')} }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'forged token',
    request: { headers: { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln' }, ...post('{ me { id } }') },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /^the access token is not valid \(malformed, altered or not issued by this service\); sign in again$/,
  },
];

describe('the gateway refuses every malformed or abusive request with its code, before any subgraph', () => {
  it('answers each HTTP row with its status and code, never a 5xx or INTERNAL_SERVER_ERROR', async () => {
    expect(httpRows.length).toBeGreaterThanOrEqual(20);
    const before = await subgraphFetches();
    const seen: Array<{ name: string; status: number; code: string | null; message: string }> = [];
    for (const row of httpRows) {
      const response = await send(row.request).catch((error: Error) => ({ status: -1, text: String(error) }));
      let code: string | null = null;
      let message = response.text;
      if (row.code !== null && response.status > 0) {
        const body = JSON.parse(response.text) as {
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
        };
        code = body.errors?.[0]?.extensions?.code ?? null;
        message = body.errors?.[0]?.message ?? '';
        expect(response.text, row.name).not.toContain('INTERNAL_SERVER_ERROR');
      }
      seen.push({ name: row.name, status: response.status, code, message });
    }
    expect(seen.map(({ name, status, code }) => ({ name, status, code }))).toEqual(
      httpRows.map(({ name, status, code }) => ({ name, status, code })),
    );
    for (const [i, row] of httpRows.entries()) {
      expect(seen[i]!.message.length, row.name).toBeGreaterThan(0);
      if (row.message) expect(seen[i]!.message, row.name).toMatch(row.message);
    }
    expect(await subgraphFetches()).toBe(before);
  });

  it('answers the same mistakes on the WebSocket as that operation’s error, and the socket stays open', async () => {
    const client = wsClient(token);
    const wsRows: Array<{
      name: string;
      payload: { query: string; operationName?: string; variables?: object };
      code: string;
    }> = [
      { name: 'syntax error', payload: { query: 'subscription { reminderDue { id }' }, code: 'GRAPHQL_PARSE_FAILED' },
      {
        name: 'unknown field',
        payload: { query: 'subscription { reminderDue { nope } }' },
        code: 'GRAPHQL_VALIDATION_FAILED',
      },
      {
        name: 'unknown enum value in variables',
        payload: { query: createTask, variables: { i: { title: 'x', priority: 'CRITICAL' } } },
        code: 'BAD_USER_INPUT',
      },
      {
        name: 'operationName the document lacks',
        payload: { query: 'subscription A { reminderDue { id } }', operationName: 'B' },
        code: 'OPERATION_RESOLUTION_FAILURE',
      },
      { name: '31 aliases', payload: { query: `{ ${aliases(31)} }` }, code: 'MAX_ALIASES_LIMIT' },
      { name: 'chain of 2,000 fragments', payload: { query: fragmentChain(2_000) }, code: 'GRAPHQL_PARSE_FAILED' },
      {
        name: '30 × nextOccurrences(count: 50)',
        payload: {
          query: `{ task(id: "${unknownId}") { ${Array.from({ length: 30 }, (_, i) => `n${i}: nextOccurrences(count: 50)`).join(' ')} } }`,
        },
        code: 'QUERY_TOO_COMPLEX',
      },
    ];
    const before = await subgraphFetches();
    try {
      for (const row of wsRows) {
        const outcome = await runOnSocket(client.client, row.payload);
        expect({ name: row.name, code: outcome.errors[0]?.extensions?.code }).toEqual({
          name: row.name,
          code: row.code,
        });
        expect(JSON.stringify(outcome.errors), row.name).not.toContain('INTERNAL_SERVER_ERROR');
      }
      expect(client.closeCodes).toEqual([]);
      expect(await subgraphFetches()).toBe(before);
    } finally {
      await client.client.dispose();
    }
  });
});

function wsClient(accessToken: string): { client: Client; closeCodes: number[]; closeReasons: string[] } {
  const closeCodes: number[] = [];
  const closeReasons: string[] = [];
  const client = createClient({
    url: stack.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${accessToken}` },
    on: {
      closed: (event) => {
        closeCodes.push((event as { code: number }).code);
        closeReasons.push((event as { reason: string }).reason);
      },
    },
  });
  return { client, closeCodes, closeReasons };
}

type FormattedErrors = Array<{ message: string; extensions?: { code?: string } }>;

/** Runs one operation on the socket to its end: its data, or its errors (from `next` or `error`). */
function runOnSocket(
  client: Client,
  payload: { query: string; operationName?: string; variables?: object },
): Promise<{ data?: unknown; errors: FormattedErrors }> {
  return new Promise((resolve) => {
    let result: { data?: unknown; errors: FormattedErrors } = { errors: [] };
    client.subscribe(payload as { query: string }, {
      next: (value) => {
        result = { data: value.data, errors: (value.errors ?? []) as FormattedErrors };
      },
      error: (error) =>
        resolve({ errors: Array.isArray(error) ? (error as FormattedErrors) : [{ message: String(error) }] }),
      complete: () => resolve(result),
    });
  });
}

describe('one WebSocket survives errors', () => {
  it('keeps a live reminderDue subscription after a failing query, a bad mutation and a rate-limit refusal', async () => {
    const { client, closeCodes } = wsClient(token);
    const events: unknown[] = [];
    const subscriptionErrors: unknown[] = [];
    client.subscribe(
      { query: 'subscription Due { reminderDue { id task { id title } } }' },
      {
        next: (value) => void events.push(value),
        error: (e) => void subscriptionErrors.push(e),
        complete: () => undefined,
      },
    );
    try {
      await eventually(async () => ((await metricSum('gateway_subscription_upstreams')) >= 1 ? true : undefined), {
        what: 'the upstream subscription',
      });
      const failing = await runOnSocket(client, { query: `{ task(id: "${unknownId}") { id } }` });
      expect(failing.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(failing.errors)).not.toContain('INTERNAL_SERVER_ERROR');
      const badMutation = await runOnSocket(client, {
        query: createTask,
        variables: { i: { title: 'x', priority: 'CRITICAL' } },
      });
      expect(badMutation.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // The rest of the connection's burst, then one more: refused as that operation's error.
      let refusal: FormattedErrors = [];
      for (let i = 0; i < wsBurst && refusal.length === 0; i += 1) {
        const outcome = await runOnSocket(client, { query: '{ __typename }' });
        if (outcome.errors[0]?.extensions?.code === 'TOO_MANY_REQUESTS') refusal = outcome.errors;
      }
      expect(refusal[0]?.message).toMatch(/too many operations on this connection/);
      expect(closeCodes).toEqual([]);

      // The subscription still delivers: a reminder of this user fires now.
      const created = await graphqlRequest(stack.gatewayUrl, createTask, { i: { title: 'still listening' } }, token);
      const taskId = created.data.createTask.id as string;
      await eventually(
        async () => {
          const added = await graphqlRequest(
            stack.gatewayUrl,
            'mutation($id: ID!, $at: DateTime!) { addReminder(input: { taskId: $id, remindAt: $at }) { id } }',
            { id: taskId, at: new Date(Date.now() + 1_000).toISOString() },
            token,
          );
          return added.data?.addReminder ? true : undefined; // planning learns of the task from an event
        },
        { what: 'the reminder to be added' },
      );
      await eventually(async () => (events.length > 0 ? true : undefined), {
        what: 'the reminderDue event',
        timeoutMs: 30_000,
      });
      expect(events[0]).toMatchObject({ data: { reminderDue: { task: { id: taskId, title: 'still listening' } } } });
      expect(subscriptionErrors).toEqual([]);
      expect(closeCodes).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});

describe('the WebSocket flood guard', () => {
  it('closes a socket that floods messages with 4429 and a reason that says only that', async () => {
    const socket = new WebSocket(stack.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once('message', resolve)); // connection_ack
    for (let i = 0; i < 10 * wsBurst && socket.readyState === socket.OPEN; i += 1)
      socket.send(JSON.stringify({ type: 'ping' }));
    expect(await closed).toEqual({ code: 4429, reason: 'too many messages' });
  });
});

describe('headers and metrics', () => {
  it('sends CSP, frame, content-type and referrer headers on / and /playground', async () => {
    for (const path of ['/', '/playground', '/graphql?query=%7B__typename%7D']) {
      const response = await fetch(`${origin}${path}`);
      await response.body?.cancel();
      expect(response.headers.get('content-security-policy'), path).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('returns no query plan for Apollo-Query-Plan-Experimental outside development', async () => {
    const response = await graphqlRequest(stack.gatewayUrl, '{ tags { id } }', {}, token, {
      'apollo-query-plan-experimental': '1',
    });
    expect(response.errors).toBeUndefined();
    expect(JSON.stringify(response)).not.toMatch(/queryPlan/i);
  });

  it('keeps operation-name labels bounded after 1,000 distinct names', async () => {
    const otherBefore = await metricSum('gateway_graphql_requests_total', /operation="other"/);
    const names = Array.from({ length: 1_000 }, (_, i) => `Probe${i}_${randomUUID().slice(0, 8)}`);
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(
        names
          .slice(i, i + 20)
          .map((name) => graphqlRequest(stack.gatewayUrl, `query ${name} { __typename }`, {}, token)),
      );
    }
    const text = await (await fetch(`${opsOrigin}/metrics`)).text();
    const labels = new Set(
      [...text.matchAll(/^gateway_graphql_requests_total\{[^}]*operation="([^"]*)"/gm)].map((m) => m[1]!),
    );
    for (const label of labels)
      expect(clientOperationNames.has(label) || ['other', 'anonymous'].includes(label), label).toBe(true);
    expect(labels.has('other')).toBe(true);
    expect((await metricSum('gateway_graphql_requests_total', /operation="other"/)) - otherBefore).toBe(1_000);
    expect(text).not.toContain('Probe');
  });
});
