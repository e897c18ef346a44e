/**
 * Benchmark: `{ me { id name } }` through the gateway vs straight to the accounts subgraph
 * (bounded; loopback only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire npx tsx bench/gateway-me.ts
 *
 * Creates a private database on that server, starts the accounts subgraph and the gateway as
 * separate processes (their real entry points, as in production; the gateway's other
 * subgraph URLs point nowhere, `me` only needs accounts), signs up one user and drives both
 * endpoints with autocannon from this process: BENCH_CONNECTIONS (default 50) connections
 * for BENCH_SECONDS (default 10) each, after a 2 s warm-up each. Prints requests/s and p99
 * latency of both and their ratio, then stops the processes and drops the database.
 * Client, gateway and subgraph share this machine's cores, so absolute figures understate a
 * deployment; the ratio is the point.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { generateKeyPairPem } from '@taskwire/platform/auth';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { gatewaySecretHeader, generateGatewaySecret } from '@taskwire/platform/gateway-secret';
import { assertLoopback, createBenchDatabase, freePort, startDeadline, waitHealthy } from './support.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(200).default(50),
    BENCH_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  }),
);

const children: ChildProcess[] = [];
function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

assertLoopback([config.DATABASE_URL]);
startDeadline(config.BENCH_SECONDS * 2 + 90, () => {
  for (const child of children) child.kill('SIGKILL');
});
const database = await createBenchDatabase(config.DATABASE_URL, 'bench_gateway');
const databaseUrl = database.url;

const pem = await generateKeyPairPem();
const [accountsPort, accountsOpsPort, gatewayPort, gatewayOpsPort] = [
  await freePort(),
  await freePort(),
  await freePort(),
  await freePort(),
];
const accountsOrigin = `http://127.0.0.1:${accountsPort}`;
const accountsOps = `http://127.0.0.1:${accountsOpsPort}`;
// The bench calls accounts directly too, as the gateway does.
const gatewaySecret = generateGatewaySecret();
const gatewayOrigin = `http://127.0.0.1:${gatewayPort}`;
/** The gateway's /healthz and /metrics (its ops port). */
const gatewayOps = `http://127.0.0.1:${gatewayOpsPort}`;
const nowhere = 'http://127.0.0.1:9/graphql';
const accounts = { url: `${accountsOrigin}/graphql` };
const gateway = { url: `${gatewayOrigin}/graphql` };

try {
  startProcess('subgraphs/accounts/src/main.ts', {
    PORT: String(accountsPort),
    OPS_PORT: String(accountsOpsPort),
    GATEWAY_SECRET: gatewaySecret,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    JWT_PRIVATE_KEY: pem.privateKeyPem,
    JWT_PUBLIC_KEY: pem.publicKeyPem,
  });
  await waitHealthy(accountsOps, 60_000);
  startProcess('gateway/src/main.ts', {
    PORT: String(gatewayPort),
    OPS_PORT: String(gatewayOpsPort),
    LOG_LEVEL: 'warn',
    GATEWAY_SECRET: gatewaySecret,
    ACCOUNTS_URL: accounts.url,
    TASKS_URL: nowhere,
    PLANNING_URL: nowhere,
    AUDIT_URL: nowhere,
    JWKS_URL: `${accountsOrigin}/.well-known/jwks.json`,
    // One user hammering on purpose: lift the per-user rate limit for the run.
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_BURST: '100000000',
    WEB_DIST_DIR: path.join(os.tmpdir(), 'bench-no-web'),
    PLAYGROUND_BUILD_ON_START: 'false',
  });
  await waitHealthy(gatewayOps, 60_000);
  const signUp = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }',
      variables: { input: { email: `bench-${Date.now()}@example.com`, password: 'Bench-Password-1', name: 'Bench' } },
    }),
  });
  const token = ((await signUp.json()) as { data: { signUp: { token: string } } }).data.signUp.token;
  const body = JSON.stringify({ query: '{ me { id name } }' });
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    [gatewaySecretHeader]: gatewaySecret,
  };

  // Sanity: both answer the same.
  for (const url of [gateway.url, accounts.url]) {
    const answer = await (await fetch(url, { method: 'POST', headers, body })).json();
    if (!(answer as { data?: { me?: { id?: string } } }).data?.me?.id)
      throw new Error(`unexpected answer from ${url}: ${JSON.stringify(answer)}`);
  }

  const run = async (url: string, seconds: number) =>
    autocannon({ url, method: 'POST', headers, body, connections: config.BENCH_CONNECTIONS, duration: seconds });

  // CPU seconds each server process used (from its /metrics): robust against other load on the box.
  const cpuSeconds = async (origin: string) => {
    const text = await (await fetch(`${origin}/metrics`)).text();
    return Number(/^process_cpu_seconds_total\{[^}]*\} ([\d.e+-]+)/m.exec(text)?.[1] ?? NaN);
  };
  const results: Record<string, AutocannonResult> = {};
  const cpuPerRequestMs: Record<string, { gateway: number; accounts: number }> = {};
  for (const [label, url] of [
    ['gateway', gateway.url],
    ['accounts (direct)', accounts.url],
  ] as const) {
    await run(url, 2); // warm-up (JIT, connection pools, JWKS cache)
    const before = { gateway: await cpuSeconds(gatewayOps), accounts: await cpuSeconds(accountsOps) };
    results[label] = await run(url, config.BENCH_SECONDS);
    const after = { gateway: await cpuSeconds(gatewayOps), accounts: await cpuSeconds(accountsOps) };
    const total = results[label].requests.total;
    cpuPerRequestMs[label] = {
      gateway: ((after.gateway - before.gateway) * 1000) / total,
      accounts: ((after.accounts - before.accounts) * 1000) / total,
    };
  }

  const g = results['gateway']!;
  const d = results['accounts (direct)']!;
  const row = (label: string, r: AutocannonResult) =>
    `${label.padEnd(20)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx + r.timeouts}`;
  process.stdout.write(
    [
      `{ me { id name } }: ${config.BENCH_CONNECTIONS} connections, ${config.BENCH_SECONDS} s each, loopback, separate processes, ${os.cpus().length} cores shared by client and servers, load average ${os.loadavg()[0]!.toFixed(1)}`,
      row('gateway', g),
      row('accounts (direct)', d),
      `CPU per request: via gateway ${cpuPerRequestMs['gateway']!.gateway.toFixed(2)} ms gateway + ${cpuPerRequestMs['gateway']!.accounts.toFixed(2)} ms accounts; direct ${cpuPerRequestMs['accounts (direct)']!.accounts.toFixed(2)} ms accounts`,
      `ratio gateway/direct: throughput ${(g.requests.average / d.requests.average).toFixed(2)}, p99 ${(g.latency.p99 / Math.max(1, d.latency.p99)).toFixed(2)}x`,
      '',
    ].join('\n'),
  );
} finally {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await database.drop();
}
