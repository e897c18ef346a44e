/**
 * Benchmark of the tasks subgraph's search (bounded; 127.0.0.1 servers only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire KAFKA_BROKERS=127.0.0.1:29092 \
 *     npx tsx bench/tasks-search.ts
 *
 * 1. Seeds, in a dedicated database, BENCH_TOTAL tasks (default 1,000,000) of which
 *    BENCH_MAIN (default 100,000) belong to one user and the rest to 100-task users, with
 *    `insert … select generate_series` (titles from word lists so full text has realistic
 *    selectivity; 70 % timed due, 10 % all-day, 20 % completed), plus the tag projection
 *    (each of the main user's tasks carries one of 20 tags with probability 30 %). ANALYZE.
 * 2. Starts the tasks subgraph in this process and times sequential GraphQL requests over
 *    HTTP (BENCH_REQUESTS per shape after a warm-up) as the main user: the default list
 *    (50, CREATED_AT DESC), the same with totalCount, the second page (cursor), a combined
 *    filter, full-text searches and the tag filter. Prints p50/p95/p99.
 * 3. Tag-projection lag: publishes BENCH_LAG_EVENTS `task.tagged` events one by one on a
 *    private copy of `task-events` (so nobody else's consumers see the bench's events) read
 *    by the service's projection consumer, and measures, per event, the time from just
 *    before the producer send (acks=all) to the task appearing in `tasks(filter: { tags })`
 *    (GraphQL polled every 2 ms).
 * 4. With BENCH_PLANNING=1 (default): the same lag from planning's `setTaskTags` mutation —
 *    planning's transaction and outbox, its relay publishing to the shared `task-events`, and
 *    the projection consumer (a fresh group positioned at the topic's end before it starts).
 *    Planning learns of the bench's tasks by applying their `task.created` events with the
 *    planning-sync handler directly (no Kafka round trip for that set-up).
 *
 * Removes its database and topics afterwards (BENCH_KEEP=1 keeps the database).
 * Hard limit: BENCH_TIMEOUT_SECONDS (default 600).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { generateKeyPairPem, importSigningKeys, signAccessToken } from '@taskwire/platform/auth';
import { envFields, loadConfigOrExit, parseConfig } from '@taskwire/platform/config';
import { gatewaySecretHeader, generateGatewaySecret } from '@taskwire/platform/gateway-secret';
import { buildEvent } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createTasksDatabase } from '@taskwire/tasks';
import { tasksConfigSchema, startTasksService } from '@taskwire/tasks/server';
import { migrateTasks } from '@taskwire/tasks/migrate';
import {
  bulkPositionSql,
  ensureInboxes,
  searchUserTasks,
  taskCreatedEvent,
  findTaskForUser,
} from '@taskwire/tasks/testing';
import { planningConfigSchema, startPlanningService } from '@taskwire/planning/server';
import { migratePlanning } from '@taskwire/planning/migrate';
import { handle as planningSyncHandle } from '@taskwire/consumers/planning-sync/handler';
import { assertLoopback, createBenchDatabase, startDeadline } from './support.js';

const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    BENCH_TOTAL: z.coerce.number().int().min(10_000).max(2_000_000).default(1_000_000),
    BENCH_MAIN: z.coerce.number().int().min(1_000).max(1_000_000).default(100_000),
    BENCH_REQUESTS: z.coerce.number().int().min(10).max(5_000).default(300),
    BENCH_LAG_EVENTS: z.coerce.number().int().min(10).max(2_000).default(300),
    BENCH_TIMEOUT_SECONDS: z.coerce.number().int().min(30).max(1_800).default(600),
    BENCH_KEEP: z.enum(['0', '1']).default('0'),
    /** Also measure the lag from planning's setTaskTags (planning subgraph + its relay, shared task-events). */
    BENCH_PLANNING: z.enum(['0', '1']).default('1'),
  }),
);
assertLoopback([config.DATABASE_URL, ...config.KAFKA_BROKERS]);
startDeadline(config.BENCH_TIMEOUT_SECONDS);

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const fmt = (x: number) => x.toFixed(1).padStart(7);

const database = await createBenchDatabase(config.DATABASE_URL, 'bench_tasks');
const dbName = database.name;
const benchUrl = database.url;
// The bench calls the subgraphs directly, as the gateway does.
const gatewaySecret = generateGatewaySecret();
const topic = `task-events-bench-${randomUUID().slice(0, 8)}`;
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'bench-tasks-search' });
const mainUser = randomUUID();

async function seed(): Promise<void> {
  const db = createTasksDatabase(benchUrl, 2);
  const others = config.BENCH_TOTAL - config.BENCH_MAIN;
  const verbs = `array['write','review','prepare','call','email','plan','fix','book','pay','order','check','update','draft','send','read','clean','buy','schedule','finish','submit']`;
  const objects = `array['quarterly report','client proposal','team meeting','server upgrade','website copy','tax return','garden hedge','car service','dentist visit','flight tickets','invoice','budget','roadmap','newsletter','birthday gift','insurance','contract','slides','backlog','grocery list']`;
  try {
    const started = process.hrtime.bigint();
    // Deterministic pseudo-random spread from g (no random() so reruns are comparable).
    const insert = (from: number, to: number, userExpr: string) => sql`
      insert into tasks (id, user_id, title, description, priority, status, completed_at, due_at, due_date, time_zone, created_at, updated_at, project_id, position)
      select gen_random_uuid(), ${sql.raw(userExpr)},
        initcap((${sql.raw(verbs)})[1 + (g * 7) % 20]) || ' ' || (${sql.raw(objects)})[1 + (g * 13) % 20] || ' #' || g,
        case when g % 3 = 0 then 'notes about ' || (${sql.raw(objects)})[1 + (g * 17) % 20] || ' and ' || (${sql.raw(verbs)})[1 + (g * 11) % 20] end,
        (g * 31) % 4,
        case when g % 5 = 0 then 'COMPLETED' else 'OPEN' end,
        case when g % 5 = 0 then now() - ((g * 37) % 1000) * interval '1 hour' end,
        case when g % 10 < 7 then now() + (((g * 101) % 2000) - 500) * interval '1 hour' end,
        case when g % 10 = 7 then (now() + (((g * 53) % 120) - 30) * interval '1 day')::date end,
        'UTC',
        now() - (${config.BENCH_TOTAL} - g) * interval '10 seconds',
        now() - (${config.BENCH_TOTAL} - g) * interval '10 seconds' + ((g * 7) % 100) * interval '1 minute',
        (select p.id from projects p where p.owner_id = ${sql.raw(userExpr)} and p.is_inbox),
        ${bulkPositionSql(sql`g`)}
      from generate_series(${from}::int, ${to}::int) g`;
    const batch = 100_000;
    // Every task is in its owner's Inbox (the same user expressions as below).
    const otherUsers = Array.from({ length: Math.floor(others / 100) + 1 }, (_, i) => `other-${i}`);
    await ensureInboxes(db, [mainUser, ...otherUsers]);
    for (let from = 1; from <= config.BENCH_MAIN; from += batch) {
      await insert(from, Math.min(config.BENCH_MAIN, from + batch - 1), `'${mainUser}'`).execute(db);
    }
    for (let from = 1; from <= others; from += batch) {
      await insert(from, Math.min(others, from + batch - 1), `'other-' || (g / 100)`).execute(db);
      process.stdout.write(
        `  seeded ${Math.min(others, from + batch - 1) + config.BENCH_MAIN} tasks (${(ms(started) / 1000).toFixed(0)} s)\r`,
      );
    }
    log('');
    await sql`
      insert into task_tags (task_id, tag_id, user_id, tag_name, tag_name_lower, event_id)
      select id, 'tag-' || n, user_id, 'Tag' || n, 'tag' || n, gen_random_uuid()
      from (select id, user_id, abs(hashtext(id::text)) % 100 as h, abs(hashtext(id::text)) % 20 as n from tasks) t
      where h < 30`.execute(db);
    await sql`vacuum analyze tasks`.execute(db);
    await sql`vacuum analyze task_tags`.execute(db);
    const counts = await sql<{ total: string; main: string; tags: string }>`
      select (select count(*) from tasks) as total, (select count(*) from tasks where user_id = ${mainUser}) as main,
             (select count(*) from task_tags where user_id = ${mainUser}) as tags`.execute(db);
    const c = counts.rows[0]!;
    log(
      `seeded ${c.total} tasks (${c.main} for the main user, ${c.tags} of its tag rows) in ${(ms(started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: 6, replicationFactor: 1 },
      { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  let service: Awaited<ReturnType<typeof startTasksService>> | undefined;
  let planning: Awaited<ReturnType<typeof startPlanningService>> | undefined;
  const producer = createEventProducer(kafka);
  try {
    await migrateTasks(benchUrl);
    await seed();

    const projectionGroup = `bench-tag-projection-${randomUUID().slice(0, 8)}`;
    const projectionTopics = [topic];
    if (config.BENCH_PLANNING === '1') {
      // Start the projection's group at the end of the shared topic: only events from now on.
      const offsets = await admin.fetchTopicOffsets('task-events');
      await admin.setOffsets({
        groupId: projectionGroup,
        topic: 'task-events',
        partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
      });
      projectionTopics.push('task-events');
    }
    const pem = await generateKeyPairPem();
    const keys = await importSigningKeys(pem);
    const token = await signAccessToken(keys, mainUser, { ttlSeconds: 3600 });
    service = await startTasksService(
      parseConfig(tasksConfigSchema, {
        PORT: '0',
        OPS_PORT: '0',
        GATEWAY_SECRET: gatewaySecret,
        DATABASE_URL: benchUrl,
        KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
        LOG_LEVEL: 'warn',
        JWT_PUBLIC_KEY: pem.publicKeyPem,
        OUTBOX_RELAY_ENABLED: 'false',
        TAG_PROJECTION_ENABLED: 'true',
        TASK_SUBSCRIPTIONS_ENABLED: 'false',
      }),
      { tagProjection: { name: projectionGroup, topics: projectionTopics } },
    );
    const url = service.url;
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          [gatewaySecretHeader]: gatewaySecret,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
      return body.data;
    };

    const list = `query($filter: TaskFilter, $sort: TaskSort, $first: Int, $after: String) {
      tasks(filter: $filter, sort: $sort, first: $first, after: $after) { edges { cursor node { id title priority status dueAt dueDate isOverdue } } pageInfo { hasNextPage endCursor } } }`;
    const withCount = list.replace('pageInfo {', 'totalCount pageInfo {');
    const page1 = await gql(list, { first: 50 });
    const now = Date.now();
    const shapes: Array<[string, string, Record<string, unknown>]> = [
      ['default list (first 50)', list, { first: 50 }],
      ['default list + totalCount', withCount, { first: 50 }],
      ['default list, page 2 (cursor)', list, { first: 50, after: page1.tasks.pageInfo.endCursor }],
      [
        'combined filter (open, HIGH/URGENT, due next 30 d, by due)',
        list,
        {
          first: 50,
          filter: {
            status: 'OPEN',
            priorities: ['HIGH', 'URGENT'],
            dueAfter: new Date(now).toISOString(),
            dueBefore: new Date(now + 30 * 86_400_000).toISOString(),
          },
          sort: { field: 'DUE_AT', direction: 'ASC' },
        },
      ],
      [
        'overdue, by priority',
        list,
        { first: 50, filter: { overdue: true }, sort: { field: 'PRIORITY', direction: 'DESC' } },
      ],
      ['full text "quarterly rep" (ranked)', list, { first: 50, filter: { search: 'quarterly rep' } }],
      ['full text "invoice" (ranked, ~5 % of rows)', list, { first: 50, filter: { search: 'invoice' } }],
      [
        'full text "invoice" sorted by due',
        list,
        { first: 50, filter: { search: 'invoice' }, sort: { field: 'DUE_AT', direction: 'ASC' } },
      ],
      ['tag filter (one of 20 tags)', list, { first: 50, filter: { tags: ['tag3'] } }],
      [
        'tag filter + open + by due',
        list,
        { first: 50, filter: { tags: ['Tag3', 'tag4'], status: 'OPEN' }, sort: { field: 'DUE_AT', direction: 'ASC' } },
      ],
    ];
    log(`\nsearch latency, ${config.BENCH_REQUESTS} sequential requests per shape (ms).`);
    log(
      `HTTP = GraphQL request to the subgraph; direct = searchUserTasks() in process (validation + SQL, no GraphQL/HTTP).`,
    );
    log(`${'shape'.padEnd(62)}  HTTP p50     p95     p99 | direct p50     p95     p99  rows`);
    const direct = createTasksDatabase(benchUrl, 2);
    try {
      for (const [name, query, variables] of shapes) {
        let rows = 0;
        for (let i = 0; i < 20; i++) rows = (await gql(query, variables)).tasks.edges.length;
        const http: number[] = [];
        for (let i = 0; i < config.BENCH_REQUESTS; i++) {
          const t0 = process.hrtime.bigint();
          await gql(query, variables);
          http.push(ms(t0));
        }
        const inProcess: number[] = [];
        const deps = { db: direct, now: () => new Date() };
        for (let i = 0; i < config.BENCH_REQUESTS; i++) {
          const t0 = process.hrtime.bigint();
          const page = await searchUserTasks(deps, mainUser, variables);
          if (query === withCount) await page.totalCount();
          inProcess.push(ms(t0));
        }
        const h = percentiles(http);
        const d = percentiles(inProcess);
        log(
          `${name.padEnd(62)} ${fmt(h.p50)} ${fmt(h.p95)} ${fmt(h.p99)} |    ${fmt(d.p50)} ${fmt(d.p95)} ${fmt(d.p99)}  ${rows}`,
        );
      }
    } finally {
      await direct.destroy();
    }

    // Tag-projection lag.
    await producer.connect();
    const ids = (await gql(list, { first: 200, sort: { field: 'TITLE' } })).tasks.edges.map(
      (e: any) => e.node.id as string,
    );
    const publishTag = async (taskId: string, name: string) => {
      const event = buildEvent('task.tagged', {
        topic,
        actor: mainUser,
        subject: taskId,
        userId: mainUser,
        data: { taskId, tag: { id: `lag-${name}`, name, color: null } },
      }).envelope;
      await producer.send({ topic, acks: -1, messages: [{ key: taskId, value: JSON.stringify(event) }] });
    };
    const visible = async (name: string, taskId: string, timeoutMs: number): Promise<boolean> => {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const data = await gql(
          `query($t: [String!]) { tasks(filter: { tags: $t }, first: 5) { edges { node { id } } } }`,
          { t: [name] },
        );
        if (data.tasks.edges.some((e: any) => e.node.id === taskId)) return true;
        await new Promise((r) => setTimeout(r, 2));
      }
      return false;
    };
    // Warm-up: the consumer has joined its group when a first event comes through.
    const warm = `warm-${randomUUID().slice(0, 6)}`;
    await publishTag(ids[0], warm);
    if (!(await visible(warm, ids[0], 60_000)))
      throw new Error('tag projection did not apply the warm-up event within 60 s');
    const lags: number[] = [];
    for (let i = 0; i < config.BENCH_LAG_EVENTS; i++) {
      const name = `lag-${i}-${randomUUID().slice(0, 6)}`;
      const taskId = ids[i % ids.length]!;
      const t0 = process.hrtime.bigint();
      await publishTag(taskId, name);
      if (!(await visible(name, taskId, 10_000))) throw new Error(`event ${i} not visible within 10 s`);
      lags.push(ms(t0));
    }
    const p = percentiles(lags);
    log(
      `\ntag-projection lag, ${lags.length} task.tagged events one at a time, producer send → visible in filter.tags (ms):`,
    );
    log(
      `  p50 ${p.p50.toFixed(1)}  p95 ${p.p95.toFixed(1)}  p99 ${p.p99.toFixed(1)}  mean ${p.mean.toFixed(1)}  max ${Math.max(...lags).toFixed(1)}`,
    );

    if (config.BENCH_PLANNING === '1') {
      await migratePlanning(benchUrl);
      planning = await startPlanningService(
        parseConfig(planningConfigSchema, {
          PORT: '0',
          OPS_PORT: '0',
          GATEWAY_SECRET: gatewaySecret,
          DATABASE_URL: benchUrl,
          KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
          LOG_LEVEL: 'warn',
          JWT_PUBLIC_KEY: pem.publicKeyPem,
          OUTBOX_RELAY: 'true',
        }),
      );
      // Planning's projection of the bench's tasks, as planning-sync would write it.
      const tasksDb = createTasksDatabase(benchUrl, 1);
      try {
        for (const id of ids) {
          const row = await findTaskForUser(tasksDb, mainUser, id);
          const event = taskCreatedEvent(row!, { actor: mainUser }).envelope;
          await planning.db.transaction().execute((trx) => planningSyncHandle(trx, event));
        }
      } finally {
        await tasksDb.destroy();
      }
      const planningUrl = planning.url;
      const setTags = async (taskId: string, names: string[]) => {
        const res = await fetch(planningUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            [gatewaySecretHeader]: gatewaySecret,
          },
          body: JSON.stringify({
            query: 'mutation($t: ID!, $n: [String!]!) { setTaskTags(taskId: $t, names: $n) { id } }',
            variables: { t: taskId, n: names },
          }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(`setTaskTags failed: ${JSON.stringify(body.errors)}`);
      };
      const warmName = `pwarm-${randomUUID().slice(0, 6)}`;
      await setTags(ids[0], [warmName]);
      if (!(await visible(warmName, ids[0], 60_000)))
        throw new Error('setTaskTags warm-up not visible in filter.tags within 60 s');
      const planningLags: number[] = [];
      for (let i = 0; i < config.BENCH_LAG_EVENTS; i++) {
        const name = `plag-${i}-${randomUUID().slice(0, 6)}`;
        const taskId = ids[(i + 1) % ids.length]!;
        const t0 = process.hrtime.bigint();
        await setTags(taskId, [name]);
        if (!(await visible(name, taskId, 10_000))) throw new Error(`setTaskTags ${i} not visible within 10 s`);
        planningLags.push(ms(t0));
      }
      const q = percentiles(planningLags);
      log(
        `\ntag-projection lag from planning's setTaskTags, ${planningLags.length} calls one at a time, mutation sent → visible in filter.tags (ms):`,
      );
      log(
        `  p50 ${q.p50.toFixed(1)}  p95 ${q.p95.toFixed(1)}  p99 ${q.p99.toFixed(1)}  mean ${q.mean.toFixed(1)}  max ${Math.max(...planningLags).toFixed(1)}`,
      );
    }
  } finally {
    await producer.disconnect().catch(() => {});
    await planning?.stop();
    await service?.stop();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => {});
    await admin.disconnect();
    if (config.BENCH_KEEP === '1') {
      log(`kept database ${dbName}`);
      await database.close();
    } else await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
