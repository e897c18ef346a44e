/**
 * Issue 15, items 4 and 6, at the subgraphs: no side doors. Each subgraph is called directly,
 * as an outside client would, over HTTP and (planning) WebSocket. Every malformed or abusive
 * request gets its code and status, never a 5xx or INTERNAL_SERVER_ERROR, and a refused one
 * never reaches the subgraph's GraphQL execution (its own request counter on the ops port
 * stays put). Then the client address: decided once at the gateway (TRUSTED_PROXY_HOPS), so a
 * forged X-Forwarded-For neither escapes the sign-in throttle nor locks out the owner.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsConfigSchema, startAccountsService } from '@taskwire/accounts/server';
import { migrateAudit } from '@taskwire/audit/migrate';
import { auditConfigSchema, startAuditService } from '@taskwire/audit/server';
import { gatewayConfigSchema } from '@taskwire/gateway/env';
import { startGateway, type GatewayService } from '@taskwire/gateway/service';
import { planningConfigSchema, startPlanningService } from '@taskwire/planning/server';
import { parseConfig } from '@taskwire/platform/config';
import { clientAddressHeader, gatewaySecretHeader } from '@taskwire/platform/gateway-secret';
import { startTasksService, tasksConfigSchema } from '@taskwire/tasks/server';
import {
  createTestDatabase,
  GatewayTestWebSocket,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
} from '../support.js';

/** The secret being retired: during a rotation the subgraphs accept both. */
const oldSecret = 'old-gateway-secret-fedcba9876543210';
const retiredSecret = 'retired-gateway-secret-00000000000000';
const maxSubscriptions = 2;

type Subgraph = 'accounts' | 'tasks' | 'planning' | 'audit';
const urls = {} as Record<Subgraph, { url: string; opsUrl: string }>;
const stops: Array<() => Promise<void>> = [];
let token: string;

beforeAll(async () => {
  const { pem } = await testKeys();
  const base = {
    DATABASE_URL: await createTestDatabase('edge_subgraphs'),
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    LOG_LEVEL: 'silent',
    JWT_PUBLIC_KEY: pem.publicKeyPem,
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: `${testGatewaySecret}, ${oldSecret}`,
  };
  const accounts = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      ...base,
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      OUTBOX_RELAY_ENABLED: 'false',
      PROJECT_EVENTS_ENABLED: 'false',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '50',
    }),
  );
  stops.push(() => accounts.stop());
  const tasks = await startTasksService(
    parseConfig(tasksConfigSchema, {
      ...base,
      OUTBOX_RELAY_ENABLED: 'false',
      TAG_PROJECTION_ENABLED: 'false',
      USER_PROJECTION_ENABLED: 'false',
    }),
  );
  stops.push(() => tasks.stop());
  const planning = await startPlanningService(
    parseConfig(planningConfigSchema, {
      ...base,
      OUTBOX_RELAY: 'false',
      MAX_SUBSCRIPTIONS_PER_USER: String(maxSubscriptions),
    }),
  );
  stops.push(() => planning.stop());
  await migrateAudit(base.DATABASE_URL);
  const audit = await startAuditService(parseConfig(auditConfigSchema, base));
  stops.push(() => audit.stop());
  Object.assign(urls, { accounts, tasks, planning, audit });
  token = await tokenFor(randomUUID());
}, 120_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

/** GraphQL requests the subgraph has executed so far, from its own /metrics on the ops port. */
async function executedRequests(subgraph: Subgraph): Promise<number> {
  const text = await (await fetch(`${urls[subgraph].opsUrl}/metrics`)).text();
  return [...text.matchAll(/^graphql_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
}

const json = { 'content-type': 'application/json' };
const bearer = () => ({ authorization: `Bearer ${token}` });
const asGateway = { [gatewaySecretHeader]: testGatewaySecret };
const post = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const big = (bytes: number) => post(`{ __typename }`, { pad: 'x'.repeat(bytes) });

interface HttpRow {
  name: string;
  subgraph: Subgraph;
  method?: 'GET' | 'POST';
  path?: string;
  /** Query string for GET. */
  search?: string;
  headers?: () => Record<string, string>;
  body?: string;
  status: number;
  /** `extensions.code` of the first error, or null for a non-GraphQL answer (404). */
  code: string | null;
}

const forbidden = { status: 403, code: 'FORBIDDEN' };

const httpRows: HttpRow[] = [
  {
    name: 'query without the secret',
    subgraph: 'accounts',
    headers: () => json,
    body: post('{ me { id } }'),
    ...forbidden,
  },
  {
    name: 'signUp mutation without the secret',
    subgraph: 'accounts',
    headers: () => json,
    body: post('mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
      i: { email: `side-${randomUUID()}@example.com`, password: 'correct horse battery 9', name: 'S' },
    }),
    ...forbidden,
  },
  {
    name: 'text/plain signUp (CSRF shape) without the secret',
    subgraph: 'accounts',
    headers: () => ({ 'content-type': 'text/plain' }),
    body: post(
      'mutation { signUp(input: {email: "csrf@example.com", password: "correct horse battery 9", name: "C"}) { token } }',
    ),
    ...forbidden,
  },
  {
    name: 'query with a valid token but no secret',
    subgraph: 'tasks',
    headers: () => ({ ...json, ...bearer() }),
    body: post('{ tasks(first: 1) { totalCount } }'),
    ...forbidden,
  },
  {
    name: 'createTask with a valid token but no secret',
    subgraph: 'tasks',
    headers: () => ({ ...json, ...bearer() }),
    body: post('mutation { createTask(input: { title: "side door" }) { id } }'),
    ...forbidden,
  },
  {
    name: 'tags with a valid token but no secret',
    subgraph: 'planning',
    headers: () => ({ ...json, ...bearer() }),
    body: post('{ tags { id } }'),
    ...forbidden,
  },
  {
    name: 'auditLog with a valid token but no secret',
    subgraph: 'audit',
    headers: () => ({ ...json, ...bearer() }),
    body: post('{ auditLog { edges { node { type } } } }'),
    ...forbidden,
  },
  {
    name: 'introspection without the secret',
    subgraph: 'audit',
    headers: () => json,
    body: post('{ __schema { types { name } } }'),
    ...forbidden,
  },
  {
    name: '_service SDL without the secret',
    subgraph: 'tasks',
    headers: () => json,
    body: post('{ _service { sdl } }'),
    ...forbidden,
  },
  {
    name: '_entities without the secret',
    subgraph: 'accounts',
    headers: () => ({ ...json, ...bearer() }),
    body: post('query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }', {
      r: [{ __typename: 'User', id: randomUUID() }],
    }),
    ...forbidden,
  },
  {
    name: 'a wrong secret',
    subgraph: 'planning',
    headers: () => ({ ...json, ...bearer(), [gatewaySecretHeader]: 'not-the-secret-but-just-as-long-000000' }),
    body: post('{ tags { id } }'),
    ...forbidden,
  },
  {
    name: 'an empty secret',
    subgraph: 'tasks',
    headers: () => ({ ...json, [gatewaySecretHeader]: '' }),
    body: post('{ __typename }'),
    ...forbidden,
  },
  {
    name: 'a secret no longer in the rotation list',
    subgraph: 'audit',
    headers: () => ({ ...json, [gatewaySecretHeader]: retiredSecret }),
    body: post('{ __typename }'),
    ...forbidden,
  },
  {
    name: 'the secret with extra characters',
    subgraph: 'accounts',
    headers: () => ({ ...json, [gatewaySecretHeader]: `${testGatewaySecret}x` }),
    body: post('{ __typename }'),
    ...forbidden,
  },
  {
    name: 'GET query without the secret',
    subgraph: 'accounts',
    method: 'GET',
    search: '?query=%7B__typename%7D',
    ...forbidden,
  },
  {
    name: 'a client address chosen by the client, without the secret',
    subgraph: 'accounts',
    headers: () => ({ ...json, [clientAddressHeader]: '203.0.113.99', 'x-forwarded-for': '203.0.113.98' }),
    body: post('mutation { signIn(input: {email: "a@example.com", password: "x"}) { token } }'),
    ...forbidden,
  },
  {
    name: 'an oversized body without the secret (refused before it is read)',
    subgraph: 'audit',
    headers: () => json,
    body: big(400_000),
    ...forbidden,
  },
  {
    name: 'text/plain POST with the secret (CSRF prevention)',
    subgraph: 'accounts',
    headers: () => ({ 'content-type': 'text/plain', ...asGateway }),
    body: post('{ __typename }'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'form-encoded POST with the secret (CSRF prevention)',
    subgraph: 'planning',
    headers: () => ({ 'content-type': 'application/x-www-form-urlencoded', ...asGateway }),
    body: 'query=%7B__typename%7D',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'simple GET with the secret, no preflight header (CSRF prevention)',
    subgraph: 'tasks',
    method: 'GET',
    search: '?query=%7B__typename%7D',
    headers: () => asGateway,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an oversized body with the secret',
    subgraph: 'tasks',
    headers: () => ({ ...json, ...asGateway }),
    body: big(300_000),
    status: 413,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body that is not JSON, with the secret',
    subgraph: 'audit',
    headers: () => ({ ...json, ...asGateway }),
    body: '{"query": ',
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: '/metrics on the API port', subgraph: 'accounts', method: 'GET', path: '/metrics', status: 404, code: null },
  { name: '/healthz on the API port', subgraph: 'planning', method: 'GET', path: '/healthz', status: 404, code: null },
];

describe('a subgraph called directly (HTTP)', () => {
  it.each(httpRows)('$subgraph: $name → $status $code', async (row) => {
    const before = await executedRequests(row.subgraph);
    const url = new URL(row.path ?? '/graphql', urls[row.subgraph].url);
    const response = await fetch(`${url.origin}${url.pathname}${row.search ?? ''}`, {
      method: row.method ?? 'POST',
      headers: row.headers?.() ?? {},
      ...(row.body === undefined ? {} : { body: row.body }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(row.status);
    expect(text).not.toContain('INTERNAL_SERVER_ERROR');
    if (row.code) {
      const body = JSON.parse(text) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe(row.code);
      expect(body.errors[0]!.message.length).toBeGreaterThan(10);
    }
    expect(await executedRequests(row.subgraph), 'the request reached GraphQL execution').toBe(before);
  });

  it('answers the gateway, with the current or the outgoing secret of a rotation', async () => {
    for (const subgraph of Object.keys(urls) as Subgraph[]) {
      const before = await executedRequests(subgraph);
      for (const secret of [testGatewaySecret, oldSecret]) {
        const r = await graphqlRequest(urls[subgraph].url, '{ __typename }', {}, null, {
          [gatewaySecretHeader]: secret,
        });
        expect(r, `${subgraph} with ${secret}`).toEqual({ data: { __typename: 'Query' } });
      }
      // The counter the refusal rows read does count what reaches execution.
      expect(await executedRequests(subgraph)).toBe(before + 2);
    }
  });

  it('keeps its metric labels bounded whatever the operation names (the gateway derives them from the client)', async () => {
    const labels = async () => {
      const text = await (await fetch(`${urls.audit.opsUrl}/metrics`)).text();
      return new Set(
        [...text.matchAll(/^graphql_request_duration_seconds_count\{[^}]*operation="([^"]*)"/gm)].map((m) => m[1]),
      );
    };
    for (let i = 0; i < 200; i += 1) {
      const r = await graphqlRequest(
        urls.audit.url,
        `query Client${i}${randomUUID().slice(0, 8)}__audit__0 { __typename }`,
      );
      expect(r.errors).toBeUndefined();
    }
    const after = await labels();
    // `Client…__audit__0` is the gateway's name for a fetch of the client's `Client…`, not a known client operation.
    expect(after.has('other')).toBe(true);
    expect([...after].filter((l) => l!.includes('Client'))).toEqual([]);
    expect(after.size).toBeLessThan(10);
  });

  it('serves /healthz, /readyz and /metrics on the ops port without any secret', async () => {
    for (const subgraph of Object.keys(urls) as Subgraph[]) {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        // planning is ready once its reminder feed owns its partitions.
        const status = () => fetch(`${urls[subgraph].opsUrl}${path}`).then((r) => r.status);
        await expect.poll(status, { timeout: 30_000, message: `${subgraph} ${path}` }).toBe(200);
      }
      // The ops port serves nothing else.
      const graphql = await fetch(`${urls[subgraph].opsUrl}/graphql`, {
        method: 'POST',
        headers: json,
        body: post('{ __typename }'),
      });
      expect(graphql.status).toBe(404);
    }
  });
});

/** The HTTP status the WebSocket upgrade got (101 when the socket opened). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!socket.readyState || socket.readyState === WebSocket.CLOSED) return;
      reject(error);
    });
  });
}

describe("planning's WebSocket called directly", () => {
  const wsUrl = () => urls.planning.url.replace(/^http/, 'ws');

  it.each<{ name: string; headers: Record<string, string>; status: number }>([
    { name: 'no secret', headers: {}, status: 403 },
    { name: 'a wrong secret', headers: { [gatewaySecretHeader]: retiredSecret }, status: 403 },
    { name: 'a client address but no secret', headers: { [clientAddressHeader]: '203.0.113.7' }, status: 403 },
    { name: 'the secret', headers: asGateway, status: 101 },
  ])('upgrade with $name → $status', async ({ headers, status }) => {
    expect(await upgradeStatus(wsUrl(), headers)).toBe(status);
  });

  it(`refuses a user's subscription past ${maxSubscriptions} with TOO_MANY_REQUESTS, and keeps the others`, async () => {
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: GatewayTestWebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    type Outcome = { errors?: Array<{ message: string; extensions?: { code?: string } }>; complete?: true };
    const outcomes: Outcome[] = [];
    const leave: Array<() => void> = [];
    const open = (i: number) => {
      outcomes[i] = {};
      leave.push(
        client.subscribe(
          { query: 'subscription { reminderDue { id } }' },
          {
            // A refused subscription is one `next` with the error, then `complete`.
            next: (result) => void (outcomes[i]!.errors = result.errors as Outcome['errors']),
            error: (error) => void (outcomes[i]!.errors = error as Outcome['errors']),
            complete: () => void (outcomes[i]!.complete = true),
          },
        ),
      );
    };
    try {
      for (let i = 0; i < maxSubscriptions; i += 1) open(i);
      // The hub counts a subscription once its source is open: wait for the ones within the cap.
      await expect.poll(() => subscriptionsOpen(), { timeout: 10_000 }).toBe(maxSubscriptions);
      open(maxSubscriptions);
      await expect.poll(() => outcomes[maxSubscriptions]!.complete, { timeout: 10_000 }).toBe(true);
      const errors = outcomes[maxSubscriptions]!.errors!;
      expect(errors[0]!.extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect(errors[0]!.message).toContain(`at most ${maxSubscriptions} per user`);
      // The subscriptions within the cap are still open.
      expect(outcomes.slice(0, maxSubscriptions)).toEqual([{}, {}]);
      expect(await subscriptionsOpen()).toBe(maxSubscriptions);
    } finally {
      for (const l of leave) l();
      await client.dispose();
    }
  });
});

/** planning's open reminderDue subscriptions, from its own gauge on the ops port. */
async function subscriptionsOpen(): Promise<number> {
  const text = await (await fetch(`${urls.planning.opsUrl}/metrics`)).text();
  return Number(/^planning_reminder_subscriptions(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('the client address, decided once at the gateway', () => {
  const signUp = 'mutation($i: SignUpInput!) { signUp(input: $i) { user { id } } }';
  const signIn = 'mutation($i: SignInInput!) { signIn(input: $i) { token user { id } } }';
  const password = 'correct horse battery 9';
  const gateways: GatewayService[] = [];

  /** A gateway in front of this file's subgraphs, trusting `hops` proxies. */
  async function gatewayWithHops(hops: number): Promise<string> {
    const { pem } = await testKeys();
    const g = await startGateway(
      parseConfig(gatewayConfigSchema, {
        PORT: '0',
        OPS_PORT: '0',
        LOG_LEVEL: 'silent',
        GATEWAY_SECRET: testGatewaySecret,
        JWT_PUBLIC_KEY: pem.publicKeyPem,
        ACCOUNTS_URL: urls.accounts.url,
        TASKS_URL: urls.tasks.url,
        PLANNING_URL: urls.planning.url,
        AUDIT_URL: urls.audit.url,
        TRUSTED_PROXY_HOPS: String(hops),
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_BURST: '10000',
      }),
    );
    gateways.push(g);
    return g.url;
  }
  afterAll(async () => {
    for (const g of gateways) await g.stop();
  });

  async function newAccount(gateway: string): Promise<{ email: string; id: string }> {
    const email = `owner-${randomUUID()}@example.com`;
    const up = await graphqlRequest(gateway, signUp, { i: { email, password, name: 'Owner' } });
    expect(up.errors).toBeUndefined();
    return { email, id: up.data.signUp.user.id as string };
  }

  const signInFrom = (gateway: string, email: string, pass: string, forwardedFor: string) =>
    graphqlRequest(gateway, signIn, { i: { email, password: pass } }, null, { 'x-forwarded-for': forwardedFor });

  it('five wrong passwords from address X, then the right password from address Y: signed in', async () => {
    const gateway = await gatewayWithHops(1);
    const owner = await newAccount(gateway);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await signInFrom(gateway, owner.email, `Wrong-password-${i}`, '198.51.100.10');
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const x = await signInFrom(gateway, owner.email, password, '198.51.100.10');
    expect(x.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    const y = await signInFrom(gateway, owner.email, password, '198.51.100.20');
    expect(y.errors).toBeUndefined();
    expect(y.data.signIn.user.id).toBe(owner.id);
  });

  it('a forged X-Forwarded-For entry left of the trusted hop is ignored', async () => {
    const gateway = await gatewayWithHops(1);
    const owner = await newAccount(gateway);
    for (let i = 0; i < 5; i += 1)
      await signInFrom(gateway, owner.email, `Wrong-password-${i}`, `10.9.9.${i}, 198.51.100.30`);
    // The attacker claims yet another address; the ingress still saw 198.51.100.30.
    const forged = await signInFrom(gateway, owner.email, password, '10.9.9.99, 198.51.100.30');
    expect(forged.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('without trusted proxies, rotating X-Forwarded-For does not escape the throttle', async () => {
    const gateway = await gatewayWithHops(0);
    const owner = await newAccount(gateway);
    for (let i = 0; i < 5; i += 1) await signInFrom(gateway, owner.email, `Wrong-password-${i}`, `10.8.8.${i}`);
    const rotated = await signInFrom(gateway, owner.email, password, '10.8.8.200');
    expect(rotated.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(rotated.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
