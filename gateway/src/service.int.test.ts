import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  eventually,
  graphqlRequest,
  testGatewaySecret,
  testKeys,
  uniqueSuffix,
} from '../../test/support.js';
import { generateKeyPairPem, importSigningKeys, jwksDocument, signAccessToken } from '@taskwire/platform/auth';
import { parseConfig } from '@taskwire/platform/config';
import { accountsConfigSchema, startAccountsService, type AccountsService } from '@taskwire/accounts/server';
import { gatewayConfigSchema } from './env.js';
import { startGateway, type GatewayService } from './service.js';
import { subscriptionsHook } from './subscriptions/server.js';

const signUp = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token user { id email name timeZone } } }`;
const signIn = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token user { id } } }`;
const me = `query Me { me { id email name timeZone } }`;
const password = 'Tr0ub4dor&3-long';
const nowhere = 'http://127.0.0.1:9/graphql'; // discard port: nothing listens

let accounts: AccountsService;
let gateway: GatewayService;
const extra: Array<{ stop(): Promise<void> }> = [];

function gatewayEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
    LOG_LEVEL: process.env.GATEWAY_TEST_LOG_LEVEL ?? 'silent',
    ACCOUNTS_URL: accounts.url,
    TASKS_URL: nowhere,
    PLANNING_URL: nowhere,
    AUDIT_URL: nowhere,
    JWKS_URL: accounts.jwksUrl,
    WEB_DIST_DIR: path.join(os.tmpdir(), `no-web-${uniqueSuffix()}`),
    ...overrides,
  };
}

async function startExtraGateway(overrides: Record<string, string>): Promise<GatewayService> {
  const g = await startGateway(parseConfig(gatewayConfigSchema, gatewayEnv(overrides)));
  extra.push(g);
  return g;
}

/** Requests the accounts subgraph has served so far (from its own /metrics). */
async function accountsRequestCount(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', accounts.opsUrl))).text();
  return [...text.matchAll(/^graphql_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
}

/** A stand-in subgraph: answers /healthz, and /graphql with what `respond` returns for the request body. */
async function startStub(
  respond: (res: http.ServerResponse, body: string) => void,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      respond(res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const stub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
  extra.push(stub);
  return stub;
}

async function newUser(label = 'user') {
  const email = `${label}-${uniqueSuffix()}@example.com`;
  const result = await graphqlRequest(gateway.url, signUp, { input: { email, password, name: label } });
  expect(result.errors).toBeUndefined();
  return { email, id: result.data.signUp.user.id as string, token: result.data.signUp.token as string };
}

beforeAll(async () => {
  const { pem } = await testKeys();
  accounts = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      DATABASE_URL: await createTestDatabase('gateway'),
      // No Kafka here: accounts' consumer of project-events stays off.
      PROJECT_EVENTS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '3',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '50',
    }),
  );
  gateway = await startGateway(parseConfig(gatewayConfigSchema, gatewayEnv()));
});

afterAll(async () => {
  for (const s of extra) await s.stop();
  await gateway?.stop();
  await accounts?.stop();
});

describe('gateway in front of the accounts subgraph', () => {
  it('signs up, signs in and answers me through the gateway', async () => {
    const email = `Mixed.Case-${uniqueSuffix()}@Example.com`;
    const up = await graphqlRequest(gateway.url, signUp, {
      input: { email, password, name: 'Ann', timeZone: 'Europe/Berlin' },
    });
    expect(up.errors).toBeUndefined();
    const inn = await graphqlRequest(gateway.url, signIn, { input: { email: email.toLowerCase(), password } });
    expect(inn.errors).toBeUndefined();
    expect(inn.data.signIn.user.id).toBe(up.data.signUp.user.id);
    const mine = await graphqlRequest(gateway.url, me, {}, inn.data.signIn.token);
    expect(mine).toEqual({
      data: { me: { id: up.data.signUp.user.id, email, name: 'Ann', timeZone: 'Europe/Berlin' } },
    });
    const anonymous = await graphqlRequest(gateway.url, me);
    expect(anonymous).toEqual({ data: { me: null } });
    const anonymousUpdate = await graphqlRequest(
      gateway.url,
      `mutation { updateProfile(input: { name: "X" }) { id } }`,
    );
    expect(anonymousUpdate.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const update = await graphqlRequest(
      gateway.url,
      `mutation { updateProfile(input: { timeZone: "Pacific/Auckland" }) { timeZone } }`,
      {},
      inn.data.signIn.token,
    );
    expect(update).toEqual({ data: { updateProfile: { timeZone: 'Pacific/Auckland' } } });
  });

  it('refetches the JWKS when a token names an unknown key (rotation)', async () => {
    const user = await newUser('rotation');
    const oldKeys = (await testKeys()).keys;
    const newKeys = await importSigningKeys(await generateKeyPairPem());
    let served: { keys: object[] } = { keys: [oldKeys.publicJwk] };
    let fetches = 0;
    const jwksServer = http.createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    extra.push({ stop: () => new Promise<void>((r) => jwksServer.close(() => r())) });
    const g = await startExtraGateway({
      JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`,
    });
    expect((await graphqlRequest(g.url, me, {}, user.token)).data.me.id).toBe(user.id);
    expect((await graphqlRequest(g.url, me, {}, user.token)).data.me.id).toBe(user.id);
    expect(fetches).toBe(1); // cached
    served = { keys: [oldKeys.publicJwk, ...jwksDocument(newKeys).keys] };
    const rotated = await signAccessToken(newKeys, user.id);
    // jose refetches on an unknown kid at most every 5 s; until then the token is refused.
    const answer = await eventually(
      async () => {
        const r = await graphqlRequest(g.url, `{ __typename }`, {}, rotated);
        return r.errors ? undefined : r;
      },
      { timeoutMs: 15_000, intervalMs: 500, what: 'the rotated key to be accepted' },
    );
    expect(answer.data).toEqual({ __typename: 'Query' });
    expect(fetches).toBe(2);
  });

  it('answers bad credentials and bad input with the contract codes and fields', async () => {
    const user = await newUser('codes');
    const wrong = await graphqlRequest(gateway.url, signIn, {
      input: { email: user.email, password: 'Wrong-Password-1' },
    });
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'e-mail or password is wrong',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const unknown = await graphqlRequest(gateway.url, signIn, {
      input: { email: `nobody-${uniqueSuffix()}@example.com`, password },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'e-mail or password is wrong',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const duplicate = await graphqlRequest(gateway.url, signUp, {
      input: { email: user.email.toUpperCase(), password, name: 'Again' },
    });
    expect(duplicate.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const weak = await graphqlRequest(gateway.url, signUp, {
      input: { email: `weak-${uniqueSuffix()}@example.com`, password: 'password', name: 'W' },
    });
    expect(weak.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const zone = await graphqlRequest(gateway.url, signUp, {
      input: { email: `tz-${uniqueSuffix()}@example.com`, password, name: 'Z', timeZone: 'GMT+25' },
    });
    expect(zone.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.timeZone' });
  });

  it('refuses expired, tampered, wrong-key and malformed tokens with UNAUTHENTICATED before any subgraph call', async () => {
    const user = await newUser('tokens');
    const { keys } = await testKeys();
    const expired = await signAccessToken(keys, user.id, { ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
    const [header, payload, signature] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000001' })).toString('base64url'),
      signature,
    ].join('.');
    const wrongKey = await signAccessToken(await importSigningKeys(await generateKeyPairPem()), user.id);
    const before = await accountsRequestCount();
    for (const token of [expired, tampered, wrongKey, 'not-a-jwt']) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: me }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const basic = await graphqlRequest(gateway.url, me, {}, null, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await accountsRequestCount()).toBe(before);
    // Valid again after all that: the JWKS cache was not poisoned by the unknown kid.
    expect((await graphqlRequest(gateway.url, me, {}, user.token)).data.me.id).toBe(user.id);
  });

  it('refuses a query past the depth limit and one over the cost limit without reaching a subgraph', async () => {
    const user = await newUser('limits');
    const before = await accountsRequestCount();
    const deep = `{ tasks { edges { node { history { edges { node { task { history { edges { node { task { history { edges { node { id } } } } } } } } } } } } } } }`;
    const tooDeep = await graphqlRequest(gateway.url, deep, {}, user.token);
    expect(tooDeep.data).toBeUndefined();
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors?.[0]?.message).toMatch(/nests 15 levels deep; the maximum is 12/);
    const costly = `query Costly { tasks(first: 500) { edges { node { id history(first: 500) { edges { node { id } } } } } } }`;
    const tooCostly = await graphqlRequest(gateway.url, costly, {}, user.token);
    expect(tooCostly.data).toBeUndefined();
    expect(tooCostly.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 10_000 });
    expect(tooCostly.errors?.[0]?.extensions?.cost).toBeGreaterThan(10_000);
    // Variables count too.
    const byVariable = await graphqlRequest(
      gateway.url,
      `query($n: Int) { tasks(first: $n) { edges { node { history(first: $n) { edges { node { id } } } } } } }`,
      { n: 1000 },
      user.token,
    );
    expect(byVariable.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(await accountsRequestCount()).toBe(before);
    // Introspection is not held to the depth limit (GraphiQL's query nests deeper).
    const introspection = await graphqlRequest(
      gateway.url,
      `{ __schema { types { name fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } }`,
    );
    expect(introspection.errors).toBeUndefined();
  });

  it('refuses oversized bodies with 413', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { padding: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('limits the request rate per user', async () => {
    const limited = await startExtraGateway({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' });
    const user = await newUser('rate');
    const other = await newUser('rate-other');
    for (let i = 0; i < 3; i += 1)
      expect((await graphqlRequest(limited.url, me, {}, user.token)).data.me.id).toBe(user.id);
    const before = await accountsRequestCount();
    const response = await fetch(limited.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query: me }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(body.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(await accountsRequestCount()).toBe(before);
    // Another user has their own budget.
    expect((await graphqlRequest(limited.url, me, {}, other.token)).data.me.id).toBe(other.id);
  });

  it('passes the sign-in limit of the accounts subgraph through with its retry-after', async () => {
    const user = await newUser('brute');
    for (let i = 0; i < 3; i += 1) {
      await graphqlRequest(gateway.url, signIn, { input: { email: user.email, password: `Wrong-password-${i}` } });
    }
    const locked = await graphqlRequest(gateway.url, signIn, { input: { email: user.email, password } });
    expect(locked.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('masks subgraph failures: no stack trace, SQL or internal message reaches the client', async () => {
    const leaky = await startStub((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: { task: null },
          errors: [
            {
              message: 'relation "tasks" does not exist: SELECT * FROM tasks',
              path: ['task'],
              extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at pg/lib/client.js:1'] },
            },
          ],
        }),
      );
    });
    const broken = await startStub((res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Error: connect ECONNREFUSED 10.0.0.5:5432\n    at TCPConnectWrap.afterConnect');
    });
    const user = await newUser('mask');
    for (const stub of [leaky, broken]) {
      const g = await startExtraGateway({ TASKS_URL: stub.url });
      const response = await fetch(g.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ query: `{ task(id: "t1") { id title } }` }),
      });
      const text = await response.text();
      expect(text).not.toMatch(/SELECT|stacktrace|ECONNREFUSED|pg\/lib|relation|serviceName/);
      const body = JSON.parse(text);
      expect(body.errors[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
  });

  it('answers queries on the WebSocket as over HTTP: coded errors kept, others masked, the socket stays open', async () => {
    const tasks = await startStub((res, body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const error = body.includes('leak')
        ? { message: 'relation "tasks" does not exist: SELECT * FROM tasks', path: ['task'] }
        : { message: 'task t9 not found', path: ['task'], extensions: { code: 'NOT_FOUND' } };
      res.end(JSON.stringify({ data: { task: null }, errors: [error] }));
    });
    const g = await startGateway(
      parseConfig(
        gatewayConfigSchema,
        gatewayEnv({ TASKS_URL: tasks.url, RATE_LIMIT_BURST: '4', RATE_LIMIT_PER_MINUTE: '1' }),
      ),
      { onHttpServer: subscriptionsHook() },
    );
    extra.push(g);
    const user = await newUser('socket');
    const closes: number[] = [];
    // One socket for the whole test (not lazy): an error that closed it would show in `closes`.
    const client = createClient({
      url: g.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      onNonLazyError: () => undefined,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${user.token}` },
      on: { closed: (e) => void closes.push((e as { code: number }).code) },
    });
    const send = (query: string) =>
      new Promise<{ next?: any; error?: any }>((resolve) => {
        let next: unknown;
        client.subscribe(
          { query },
          { next: (r) => void (next = r), error: (error) => resolve({ error }), complete: () => resolve({ next }) },
        );
      });

    expect((await send(me)).next.data.me.id).toBe(user.id);
    expect((await send(`{ task(id: "t9") { id } }`)).next.errors).toEqual([
      { message: 'task t9 not found', path: ['task'], extensions: { code: 'NOT_FOUND' } },
    ]);
    const leaked = await send(`{ task(id: "leak") { id } }`);
    expect(JSON.stringify(leaked)).not.toMatch(/SELECT|relation/);
    expect(leaked.next.errors).toEqual([
      { message: 'Internal server error', path: ['task'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    const invalid = await send(`{ me { nope } }`);
    expect(invalid.error).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
    expect((await send(me)).next.data.me.id).toBe(user.id);
    // The burst of 4 is spent: the rate limit's refusal arrives as a coded error, too.
    const limited = await send(me);
    expect(limited.next.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(closes).toEqual([]);
    await client.dispose();
  });

  it('answers /metrics only on the ops port: 404 on the API port, where the SPA fallback does not take it', async () => {
    const ops = await fetch(new URL('/metrics', gateway.opsUrl));
    expect(ops.status).toBe(200);
    expect(ops.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ops.text()).toMatch(/^# TYPE gateway_graphql_requests_total counter$/m);
    expect(new URL(gateway.opsUrl).port).not.toBe(new URL(gateway.url).port);
    for (const path of ['/metrics', '/metrics?x=1']) {
      const api = await fetch(new URL(path, gateway.url));
      expect(api.status, path).toBe(404);
      expect(await api.text(), path).not.toMatch(/gateway_graphql_requests_total|<html/);
    }
    // The ops port is only the ops routes.
    expect((await fetch(new URL('/graphql', gateway.opsUrl))).status).toBe(404);
  });

  it('is ready on its own state (supergraph loaded, listening), not on the subgraphs, on the ops port and on the API port', async () => {
    expect((await fetch(new URL('/healthz', gateway.opsUrl))).status).toBe(200);
    expect((await fetch(new URL('/healthz', gateway.url))).status).toBe(200);
    // This gateway's tasks, planning and audit URLs answer nothing: it is ready all the same
    // (one subgraph's outage must not take every gateway pod out of service).
    const ready = await fetch(new URL('/readyz', gateway.opsUrl));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).checks).toEqual({ listening: true });
    expect((await fetch(new URL('/readyz', gateway.url))).status).toBe(200);
  });

  it('returns query plans for Apollo-Query-Plan-Experimental only when EXPOSE_QUERY_PLANS is set (development)', async () => {
    const user = await newUser('plans');
    const ask = (url: string) => graphqlRequest(url, me, {}, user.token, { 'apollo-query-plan-experimental': '1' });
    const hidden = await ask(gateway.url);
    expect(hidden.data?.me?.id).toBe(user.id);
    expect((hidden as { extensions?: unknown }).extensions).toBeUndefined();
    const development = await startExtraGateway({ EXPOSE_QUERY_PLANS: 'true' });
    const shown = (await ask(development.url)) as { extensions?: { __queryPlanExperimental?: string } };
    expect(shown.extensions?.__queryPlanExperimental).toContain('Fetch(service: "accounts")');
  });

  it('exports request, subgraph-fetch and error metrics', async () => {
    const user = await newUser('metrics');
    await graphqlRequest(gateway.url, me, {}, user.token);
    const text = await (await fetch(new URL('/metrics', gateway.opsUrl))).text();
    expect(text).toMatch(/gateway_graphql_requests_total\{[^}]*operation="Me"[^}]*\} \d+/);
    expect(text).toMatch(/gateway_graphql_request_duration_seconds_count\{[^}]*operation="Me"[^}]*\} \d+/);
    expect(text).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="accounts"[^}]*\} \d+/);
    expect(text).toMatch(/gateway_graphql_errors_total\{[^}]*code="UNAUTHENTICATED"[^}]*\} \d+/);
    expect(text).toMatch(/gateway_graphql_errors_total\{[^}]*code="QUERY_TOO_COMPLEX"[^}]*\} \d+/);
  });

  it("labels only our clients' operation names, in the gateway and in the subgraph, and counts HTTP status classes", async () => {
    const user = await newUser('labels');
    await graphqlRequest(gateway.url, me, {}, user.token);
    await graphqlRequest(gateway.url, `query Probe${Date.now()} { me { id } }`, {}, user.token);
    await graphqlRequest(gateway.url, `query Probe${Date.now()} { me { id`, {}, user.token); // does not parse
    const own = await (await fetch(new URL('/metrics', gateway.opsUrl))).text();
    expect(own).toMatch(/gateway_graphql_requests_total\{[^}]*operation="other"[^}]*\} \d+/);
    expect(own).toMatch(/gateway_graphql_errors_total\{[^}]*code="GRAPHQL_PARSE_FAILED"[^}]*\} \d+/);
    expect(own).not.toMatch(/operation="Probe/);
    expect(own).toMatch(/taskwire_http_requests_total\{[^}]*status_class="2xx"[^}]*\} \d+/);
    expect(own).toMatch(/taskwire_http_requests_total\{[^}]*status_class="4xx"[^}]*\} \d+/);
    // The gateway names its fetch `Me__accounts__0`; the subgraph counts it as the client's `Me`.
    const subgraph = await (await fetch(new URL('/metrics', accounts.opsUrl))).text();
    expect(subgraph).toMatch(/graphql_request_duration_seconds_count\{[^}]*operation="Me"[^}]*\} \d+/);
    expect(subgraph).toMatch(/graphql_request_duration_seconds_count\{[^}]*operation="other"[^}]*\} \d+/);
    expect(subgraph).not.toMatch(/operation="(Me__|Probe)/);
    expect(subgraph).toMatch(/taskwire_http_requests_total\{[^}]*status_class="2xx"[^}]*\} \d+/);
  });

  it('serves the web app at / with an SPA fallback, and a placeholder before it is built', async () => {
    const placeholder = await fetch(new URL('/', gateway.url));
    expect(placeholder.status).toBe(200);
    expect(await placeholder.text()).toContain('/playground');
    const dist = mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
    writeFileSync(path.join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
    const g = await startExtraGateway({ WEB_DIST_DIR: dist });
    expect(await (await fetch(new URL('/tasks/123', g.url))).text()).toContain('<title>app</title>');
    const asset = await fetch(new URL('/assets/app-abc.js', g.url));
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(new URL('/assets/missing.js', g.url))).status).toBe(404);
    expect((await fetch(new URL('/..%2f..%2fetc/passwd', g.url))).status).not.toBe(500);
  });

  it('hands the HTTP server and API schema to the onHttpServer hook before listening', async () => {
    let seen: { listening: boolean; hasMe: boolean } | undefined;
    let cleaned = false;
    const g = await startGateway(parseConfig(gatewayConfigSchema, gatewayEnv()), {
      onHttpServer(server, ctx) {
        seen = { listening: server.listening, hasMe: Boolean(ctx.schema.getQueryType()?.getFields().me) };
        expect(Object.keys(ctx.serviceMap()).sort()).toEqual(['accounts', 'audit', 'planning', 'tasks']);
        expect(ctx.createContext({ user: null, token: null, clientAddress: '127.0.0.1' })).toMatchObject({
          token: null,
          traceparent: null,
        });
        return () => {
          cleaned = true;
        };
      },
    });
    await g.stop();
    expect(seen).toEqual({ listening: false, hasMe: true });
    expect(cleaned).toBe(true);
  });
});
