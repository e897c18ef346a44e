/**
 * Benchmark: federated `reminderDue` subscriptions, BENCH_SUBSCRIBERS (default 10,000)
 * concurrent graphql-ws clients on ONE gateway process (bounded; loopback only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire KAFKA_BROKERS=127.0.0.1:29092 npx tsx bench/subscriptions.ts
 *
 * Creates a private database, starts the tasks and planning subgraphs and the gateway as
 * separate processes (their real entry points; accounts and audit are not needed: tokens are
 * signed here with a key the services trust), creates one task per user (BENCH_USERS,
 * default 1,000) and opens the subscribers, spread evenly over the users, each selecting
 * `reminderDue { id firedAt reminder { id state } task { id title priority } }` — `title`
 * and `priority` come from the tasks subgraph, so every event runs an entity fetch through
 * the gateway's plan. Then, BENCH_ROUNDS times (default 3), it publishes one `reminder.due`
 * per user to `reminder-events` (the envelope the scheduler writes; firedAt = send time)
 * and waits until every subscriber has its event. Prints the gateway's RSS (idle, with the
 * subscribers open, after the rounds), the time to open them, per round the time until the
 * last subscriber had its reminder and the delivery latency p50/p99 (firedAt → client),
 * then closes the clients, checks that the gateway holds no upstream subscription or
 * subgraph socket, stops the processes and drops the database. Client, gateway, subgraphs,
 * PostgreSQL and Kafka share this machine's cores.
 *
 * Note: the fake firings go to the shared `reminder-events` topic with random user ids;
 * other planning replicas and notifiers see them as events of users they do not know.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { z } from 'zod';
import { generateKeyPairPem, importSigningKeys, signAccessToken } from '@taskwire/platform/auth';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { gatewaySecretHeader, generateGatewaySecret } from '@taskwire/platform/gateway-secret';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { buildEvent } from '@taskwire/platform/events';
import { assertLoopback, createBenchDatabase, freePort, startDeadline, waitHealthy } from './support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    BENCH_SUBSCRIBERS: z.coerce.number().int().min(1).max(15_000).default(10_000),
    BENCH_USERS: z.coerce.number().int().min(1).max(5_000).default(1_000),
    BENCH_ROUNDS: z.coerce.number().int().min(1).max(10).default(3),
    /** `planning`: select only planning's fields (no entity fetch per event), to isolate the fan-out. */
    BENCH_SELECTION: z.enum(['federated', 'planning']).default('federated'),
  }),
);
if (config.BENCH_SUBSCRIBERS / config.BENCH_USERS > 100)
  throw new Error('at most 100 subscribers per user (the gateway cap)');

const children: ChildProcess[] = [];
function startProcess(entry: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['--max-old-space-size=2048', ...nodeArgs, '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function metrics(origin: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line.trim());
    if (m) values.set(m[1]!, (values.get(m[1]!) ?? 0) + Number(m[3]));
  }
  return values;
}

async function until(what: string, timeoutMs: number, probe: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

assertLoopback([config.DATABASE_URL, ...config.KAFKA_BROKERS]);
const hardStop = startDeadline(600, () => {
  for (const child of children) child.kill('SIGKILL');
});
const database = await createBenchDatabase(config.DATABASE_URL, 'bench_subs');
const databaseUrl = database.url;

const clients: Client[] = [];
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'bench-subscriptions' });
const producer = createEventProducer(kafka);
try {
  const pem = await generateKeyPairPem();
  const keys = await importSigningKeys(pem);
  const [tasksPort, planningPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const [tasksOpsPort, planningOpsPort, gatewayOpsPort] = [await freePort(), await freePort(), await freePort()];
  // The bench writes tasks straight to the tasks subgraph, as the gateway would.
  const gatewaySecret = generateGatewaySecret();
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const common = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
    LOG_LEVEL: 'warn',
    JWT_PUBLIC_KEY: pem.publicKeyPem,
    GATEWAY_SECRET: gatewaySecret,
  };
  // No relays or projections: the bench writes tasks directly and publishes firings itself.
  startProcess('subgraphs/tasks/src/main.ts', {
    ...common,
    PORT: String(tasksPort),
    OPS_PORT: String(tasksOpsPort),
    OUTBOX_RELAY_ENABLED: 'false',
    TAG_PROJECTION_ENABLED: 'false',
  });
  startProcess('subgraphs/planning/src/main.ts', {
    ...common,
    PORT: String(planningPort),
    OPS_PORT: String(planningOpsPort),
    OUTBOX_RELAY: 'false',
  });
  await waitHealthy(origin(tasksOpsPort), 90_000);
  await waitHealthy(origin(planningOpsPort), 90_000);
  const gatewayProcess = startProcess(
    'gateway/src/main.ts',
    {
      PORT: String(gatewayPort),
      OPS_PORT: String(gatewayOpsPort),
      LOG_LEVEL: 'warn',
      GATEWAY_SECRET: gatewaySecret,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      ACCOUNTS_URL: 'http://127.0.0.1:9/graphql',
      TASKS_URL: `${origin(tasksPort)}/graphql`,
      PLANNING_URL: `${origin(planningPort)}/graphql`,
      AUDIT_URL: 'http://127.0.0.1:9/graphql',
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_BURST: '100000000',
      WEB_DIST_DIR: path.join(os.tmpdir(), 'bench-no-web'),
      PLAYGROUND_BUILD_ON_START: 'false',
    },
    process.env.BENCH_GATEWAY_CPU_PROF_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_GATEWAY_CPU_PROF_DIR}`]
      : [],
  );
  await waitHealthy(origin(gatewayOpsPort), 90_000);
  // planning's /readyz includes its reminder-events feed.
  await until(
    'planning to join reminder-events',
    60_000,
    async () => (await fetch(`${origin(planningOpsPort)}/readyz`)).ok,
  );

  // Users, their tokens and one task each (straight to the tasks subgraph).
  const users = await Promise.all(
    Array.from({ length: config.BENCH_USERS }, async () => {
      const id = randomUUID();
      return { id, token: await signAccessToken(keys, id, { ttlSeconds: 3_600 }), taskId: '' };
    }),
  );
  for (let i = 0; i < users.length; i += 50) {
    await Promise.all(
      users.slice(i, i + 50).map(async (u, j) => {
        const response = await fetch(`${origin(tasksPort)}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${u.token}`,
            [gatewaySecretHeader]: gatewaySecret,
          },
          body: JSON.stringify({
            query: `mutation($t: String!) { createTask(input: { title: $t, priority: HIGH }) { id } }`,
            variables: { t: `bench task ${i + j}` },
          }),
        });
        const body = (await response.json()) as { data?: { createTask: { id: string } }; errors?: unknown };
        if (!body.data) throw new Error(`createTask failed: ${JSON.stringify(body.errors)}`);
        u.taskId = body.data.createTask.id;
      }),
    );
  }

  const idle = await metrics(origin(gatewayOpsPort));
  const received: Array<Array<{ at: number; firedAt: number; taskId: string }>> = [];
  const query =
    config.BENCH_SELECTION === 'federated'
      ? `subscription { reminderDue { id firedAt reminder { id state } task { id title priority } } }`
      : `subscription { reminderDue { id firedAt reminder { id state } task { id } } }`;
  console.log(`selection: ${query}`);
  const openStarted = Date.now();
  let failures = 0;
  for (let i = 0; i < config.BENCH_SUBSCRIBERS; i += 500) {
    const batch = [];
    for (let k = i; k < Math.min(config.BENCH_SUBSCRIBERS, i + 500); k++) {
      const user = users[k % users.length]!;
      const mine: Array<{ at: number; firedAt: number; taskId: string }> = [];
      received.push(mine);
      batch.push(
        new Promise<void>((resolve) => {
          const client = createClient({
            url: `ws://127.0.0.1:${gatewayPort}/graphql`,
            webSocketImpl: WebSocket,
            retryAttempts: 0,
            connectionParams: { authorization: `Bearer ${user.token}` },
            on: { connected: () => resolve() },
          });
          clients.push(client);
          client.subscribe<{ reminderDue: { firedAt: string; task: { id: string } } }>(
            { query },
            {
              next: (r) => {
                const at = Date.now();
                if (!r.data) {
                  failures++;
                  return;
                }
                mine.push({ at, firedAt: Date.parse(r.data.reminderDue.firedAt), taskId: r.data.reminderDue.task.id });
              },
              error: () => {
                failures++;
                resolve();
              },
              complete: () => undefined,
            },
          );
        }),
      );
    }
    await Promise.all(batch);
  }
  await until(
    `${config.BENCH_SUBSCRIBERS} open subscriptions`,
    120_000,
    async () =>
      ((await metrics(origin(gatewayOpsPort))).get('gateway_subscriptions_open') ?? 0) >= config.BENCH_SUBSCRIBERS,
  );
  const openMs = Date.now() - openStarted;
  const open = await metrics(origin(gatewayOpsPort));
  console.log(
    `subscribers: ${config.BENCH_SUBSCRIBERS} over ${config.BENCH_USERS} users; opened in ${(openMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `gateway: ${open.get('gateway_subscription_upstreams')} upstream subscriptions on ${open.get('gateway_subscription_subgraph_sockets')} subgraph sockets`,
  );
  console.log(
    `gateway RSS: idle ${mb(idle.get('process_resident_memory_bytes')!)}, with subscribers ${mb(open.get('process_resident_memory_bytes')!)} (${((open.get('process_resident_memory_bytes')! - idle.get('process_resident_memory_bytes')!) / config.BENCH_SUBSCRIBERS / 1024).toFixed(1)} KB per subscriber)`,
  );

  await producer.connect();
  for (let round = 1; round <= config.BENCH_ROUNDS; round++) {
    const before = received.map((r) => r.length);
    const sentAt = Date.now();
    const messages = users.map((u) => {
      const firedAt = new Date().toISOString();
      const envelope = buildEvent('reminder.due', {
        topic: 'reminder-events',
        key: u.id,
        actor: null,
        subject: u.taskId,
        userId: u.id,
        data: {
          firingId: randomUUID(),
          taskId: u.taskId,
          firedAt,
          lateMs: 0,
          reminder: {
            id: randomUUID(),
            taskId: u.taskId,
            remindAt: firedAt,
            offsetMinutes: null,
            state: 'FIRED',
            firedAt,
            snoozedUntil: null,
          },
        },
      }).envelope;
      return { key: u.id, value: JSON.stringify(envelope) };
    });
    await producer.send({ topic: 'reminder-events', acks: -1, messages });
    await until(`round ${round} to reach every subscriber`, 120_000, () =>
      received.every((r, i) => r.length > before[i]!),
    );
    const fresh = received.map((r, i) => r.slice(before[i]));
    const wrong = fresh.filter((f, i) => f.length !== 1 || f[0]!.taskId !== users[i % users.length]!.taskId).length;
    const latencies = fresh.map((f) => f[0]!.at - f[0]!.firedAt).sort((a, b) => a - b);
    const lastAt = Math.max(...fresh.map((f) => f[0]!.at));
    console.log(
      `round ${round}: ${users.length} reminders → ${fresh.length} deliveries in ${lastAt - sentAt} ms (send to last delivery); latency p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms; wrong or duplicate: ${wrong}`,
    );
    // Anything extra would arrive right behind: give it a moment before the next round.
    await new Promise((r) => setTimeout(r, 500));
  }
  const after = await metrics(origin(gatewayOpsPort));
  console.log(
    `gateway RSS after ${config.BENCH_ROUNDS} rounds: ${mb(after.get('process_resident_memory_bytes')!)}; drops ${after.get('gateway_subscription_drops_total') ?? 0}; client errors ${failures}`,
  );
  const eventSeconds = after.get('gateway_subscription_event_seconds_sum') ?? 0;
  const events = after.get('gateway_subscription_event_seconds_count') ?? 0;
  const cpuSeconds = (after.get('process_cpu_seconds_total') ?? 0) - (open.get('process_cpu_seconds_total') ?? 0);
  console.log(
    `gateway: ${events} upstream events resolved through the plan, mean ${((eventSeconds / Math.max(1, events)) * 1000).toFixed(1)} ms each (concurrent); gateway CPU during the rounds ${cpuSeconds.toFixed(1)} s`,
  );

  await Promise.all(clients.splice(0).map(async (c) => c.dispose()));
  await until('zero upstreams and subgraph sockets', 30_000, async () => {
    const m = await metrics(origin(gatewayOpsPort));
    return (
      m.get('gateway_subscriptions_open') === 0 &&
      m.get('gateway_subscription_upstreams') === 0 &&
      m.get('gateway_subscription_subgraph_sockets') === 0
    );
  });
  console.log('after closing: 0 open subscriptions, 0 upstream subscriptions, 0 subgraph sockets');
  void gatewayProcess;
} finally {
  await Promise.all(clients.map(async (c) => c.dispose()));
  await producer.disconnect().catch(() => undefined);
  for (const child of children) {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
  await database.drop();
  hardStop.clear();
}
