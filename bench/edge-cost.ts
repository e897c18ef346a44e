/**
 * Benchmark: the server CPU time of the most expensive request of each shape that the gateway's
 * limits still accept (gateway/src/limits.ts, docs/api.md "Limits"), against the 250 ms bound
 * (bounded; loopback only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire KAFKA_BROKERS=127.0.0.1:29092 \
 *     npx tsx bench/edge-cost.ts
 *
 * Creates a private database, starts the tasks, planning and audit subgraphs and the gateway as
 * separate processes (their real entry points; accounts is not needed: tokens are signed here
 * with a key the services trust), gives one user BENCH_TASKS tasks (default 2,000; every one
 * recurring, so `nextOccurrences` has a rule to expand), then sends each shape BENCH_REPEAT
 * times (default 5) one after the other. Before sending, each shape must be accepted by the
 * gateway (no error); its cost as the gateway estimates it is printed. The server CPU time of
 * one request is the CPU time (user + system, from /proc/<pid>/stat) that the gateway and the
 * subgraph processes used together during the repetitions, divided by BENCH_REPEAT;
 * PostgreSQL's own CPU time is not in it. Exits with code 1 when a shape exceeds the bound.
 * Hard limit: 300 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse } from 'graphql';
import { z } from 'zod';
import { generateKeyPairPem, importSigningKeys, signAccessToken } from '@taskwire/platform/auth';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { migrateAudit } from '@taskwire/audit/migrate';
import { assertCostWithin } from '@taskwire/gateway/limits';
import { gatewaySecretHeader, generateGatewaySecret } from '@taskwire/platform/gateway-secret';
import { assertLoopback, createBenchDatabase, freePort, startDeadline, waitHealthy } from './support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    BENCH_TASKS: z.coerce.number().int().min(200).max(10_000).default(2_000),
    BENCH_REPEAT: z.coerce.number().int().min(1).max(50).default(5),
  }),
);
const boundMs = 250;
/** The gateway's default cost budget (gateway/src/env.ts MAX_QUERY_COST). */
const maxCost = 10_000;

const children: ChildProcess[] = [];
function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  // Fields after the command name (which may contain spaces): utime and stime are 14th and 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

const times = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(' ');

/** Each shape at the largest size the limits accept (30 aliases, 20 root fields, depth 12, cost 10,000). */
function shapes(taskId: string, sparseTaskId: string): Array<{ name: string; query: string }> {
  return [
    {
      name: 'nextOccurrences: 4 × count 50 on one task',
      query: `{ task(id: "${taskId}") { ${times(4, (i) => `n${i}: nextOccurrences(count: 50)`)} } }`,
    },
    {
      name: 'nextOccurrences: 4 × count 50, leap days on Mondays',
      query: `{ task(id: "${sparseTaskId}") { ${times(4, (i) => `n${i}: nextOccurrences(count: 50)`)} } }`,
    },
    {
      name: 'nextOccurrences: count 5 on 45 tasks',
      query: `{ tasks(first: 45) { edges { node { id nextOccurrences(count: 5) } } } }`,
    },
    {
      name: 'totalCount: 3 root fields of 200 (the most the budget admits)',
      query: `{ ${times(3, (i) => `t${i}: tasks(first: 200) { totalCount }`)} }`,
    },
    {
      name: 'tasks list: first 200, scalar fields',
      query: `{ tasks(first: 200) { edges { cursor node { id title description priority status dueAt dueDate createdAt updatedAt isOverdue timeZone recurrence { rrule timeZone anchor } } } pageInfo { hasNextPage endCursor } } }`,
    },
    {
      name: 'tasks list: first 80 with tags, reminders, history',
      query: `{ tasks(first: 80) { edges { node { id title tags { id name } reminders { id state } history(first: 3) { edges { node { type } } } } } } }`,
    },
    {
      name: 'search: 20 root fields, first 20',
      query: `{ ${times(20, (i) => `s${i}: tasks(first: 20, filter: { search: "bench ${i}" }) { edges { node { id title } } }`)} }`,
    },
    {
      name: 'audit log: 20 root fields, first 20',
      query: `{ ${times(20, (i) => `a${i}: auditLog(first: 20) { edges { node { id type changes { field } } } }`)} }`,
    },
  ];
}

assertLoopback([config.DATABASE_URL, ...config.KAFKA_BROKERS]);
startDeadline(300, () => {
  for (const child of children) child.kill('SIGKILL');
});
const database = await createBenchDatabase(config.DATABASE_URL, 'bench_edge');
let failed = false;
try {
  const pem = await generateKeyPairPem();
  const keys = await importSigningKeys(pem);
  const [tasksPort, planningPort, auditPort, gatewayPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const [tasksOps, planningOps, auditOps, gatewayOps] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  // Subgraphs answer only the gateway (docs/operations.md "Gateway secret"); health is on their ops ports.
  const gatewaySecret = generateGatewaySecret();
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const common = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
    LOG_LEVEL: 'warn',
    JWT_PUBLIC_KEY: pem.publicKeyPem,
    GATEWAY_SECRET: gatewaySecret,
  };
  // The audit subgraph reads through a role its migrations create (the audit-writer's job in production).
  await migrateAudit(database.url);
  const servers = {
    tasks: startProcess('subgraphs/tasks/src/main.ts', {
      ...common,
      PORT: String(tasksPort),
      OPS_PORT: String(tasksOps),
      OUTBOX_RELAY_ENABLED: 'false',
      TAG_PROJECTION_ENABLED: 'false',
      USER_PROJECTION_ENABLED: 'false',
      TASK_SUBSCRIPTIONS_ENABLED: 'false',
    }),
    planning: startProcess('subgraphs/planning/src/main.ts', {
      ...common,
      PORT: String(planningPort),
      OPS_PORT: String(planningOps),
      OUTBOX_RELAY: 'false',
    }),
    audit: startProcess('subgraphs/audit/src/main.ts', {
      ...common,
      PORT: String(auditPort),
      OPS_PORT: String(auditOps),
    }),
  };
  for (const port of [tasksOps, planningOps, auditOps]) await waitHealthy(origin(port), 90_000);
  const gateway = startProcess('gateway/src/main.ts', {
    PORT: String(gatewayPort),
    OPS_PORT: String(gatewayOps),
    GATEWAY_SECRET: gatewaySecret,
    LOG_LEVEL: 'warn',
    JWT_PUBLIC_KEY: pem.publicKeyPem,
    ACCOUNTS_URL: 'http://127.0.0.1:9/graphql',
    TASKS_URL: `${origin(tasksPort)}/graphql`,
    PLANNING_URL: `${origin(planningPort)}/graphql`,
    AUDIT_URL: `${origin(auditPort)}/graphql`,
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_BURST: '100000000',
    WEB_DIST_DIR: path.join(os.tmpdir(), 'bench-no-web'),
    PLAYGROUND_BUILD_ON_START: 'false',
  });
  await waitHealthy(origin(gatewayOps), 90_000);
  const processes = { gateway, ...servers };

  const token = await signAccessToken(keys, randomUUID(), { ttlSeconds: 3_600 });
  const post = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      // The secret is ignored by the gateway and needed by the subgraph this also seeds directly.
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [gatewaySecretHeader]: gatewaySecret,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };

  // The user's tasks, straight to the tasks subgraph: every one recurring (a daily rule).
  let firstTaskId = '';
  for (let i = 0; i < config.BENCH_TASKS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, config.BENCH_TASKS - i) }, async (_, j) => {
        const created = await post(
          `${origin(tasksPort)}/graphql`,
          `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
          {
            i: {
              title: `bench ${(i + j) % 20} task ${i + j}`,
              description: 'a task of the edge-cost benchmark',
              dueAt: new Date(Date.now() + 86_400_000).toISOString(),
              recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin' },
            },
          },
        );
        if (!created.data) throw new Error(`createTask failed: ${JSON.stringify(created.errors)}`);
        firstTaskId ||= created.data.createTask.id as string;
      }),
    );
  }

  // A sparse rule: the engine walks about 28 years per occurrence.
  const sparse = await post(
    `${origin(tasksPort)}/graphql`,
    `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
    {
      i: {
        title: 'leap-day Mondays',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', timeZone: 'Europe/Berlin' },
      },
    },
  );
  if (!sparse.data) throw new Error(`createTask failed: ${JSON.stringify(sparse.errors)}`);
  const schemaSdl = readFileSync(path.join(repoRoot, 'schema/api.graphql'), 'utf8');
  const schema = buildSchema(schemaSdl);
  console.log(
    `${config.BENCH_TASKS} tasks, ${config.BENCH_REPEAT} sequential requests per shape, loopback, separate processes, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log('server CPU per request (gateway + tasks + planning + audit; PostgreSQL not included):');
  for (const shape of shapes(firstTaskId, sparse.data.createTask.id as string)) {
    const cost = assertCostWithin(maxCost, { schema, document: parse(shape.query) });
    const warm = await post(`${origin(gatewayPort)}/graphql`, shape.query);
    if (warm.errors) throw new Error(`${shape.name}: refused or failed: ${JSON.stringify(warm.errors).slice(0, 500)}`);
    const pids = Object.values(processes).map((p) => p.pid!);
    const before = pids.map(cpuSeconds);
    const started = performance.now();
    for (let r = 0; r < config.BENCH_REPEAT; r += 1) await post(`${origin(gatewayPort)}/graphql`, shape.query);
    const wallMs = (performance.now() - started) / config.BENCH_REPEAT;
    const perProcessMs = pids.map((pid, k) => ((cpuSeconds(pid) - before[k]!) * 1000) / config.BENCH_REPEAT);
    const totalMs = perProcessMs.reduce((a, b) => a + b, 0);
    const over = totalMs > boundMs;
    failed ||= over;
    console.log(
      `${over ? 'OVER ' : 'ok   '} ${shape.name.padEnd(52)} cost ${String(cost).padStart(5)}  CPU ${totalMs.toFixed(0).padStart(4)} ms / ${boundMs} ms  (${Object.keys(
        processes,
      )
        .map((name, k) => `${name} ${perProcessMs[k]!.toFixed(0)}`)
        .join(', ')})  wall ${wallMs.toFixed(0)} ms`,
    );
  }
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
if (failed) process.exit(1);
