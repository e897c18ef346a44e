/**
 * Recurrence end to end: through the gateway, with the recurrence consumer in the stack
 * (in-process), and with the real entry point as a separate process that is SIGKILLed twice
 * while completions stream in.
 */
import type { ChildProcess } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTasksDatabase, type TasksDatabase } from '@taskwire/tasks';
import { startGroupsAtEnd, startStack, type Stack } from './stack.js';
import { eventually, graphqlRequest, killProcess, spawnService, uniqueSuffix } from './support.js';

async function signUp(stack: Stack): Promise<string> {
  const res = await graphqlRequest(stack.gatewayUrl, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
    i: {
      email: `rec-${uniqueSuffix()}@example.com`,
      password: 'correct horse battery 9',
      name: 'Rec',
      timeZone: 'Europe/Berlin',
    },
  });
  expect(res.errors).toBeUndefined();
  return res.data.signUp.token as string;
}

async function gql<T = any>(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await graphqlRequest<T>(stack.gatewayUrl, query, variables, token);
  if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

const createRecurring = `mutation($i: CreateTaskInput!) { createTask(input: $i) { id seriesId occurrence } }`;

/** Id of the latest task.completed event of `taskId` in the tasks outbox. */
async function lastCompletedEventId(db: Kysely<TasksDatabase>, taskId: string): Promise<string> {
  const row = await db
    .selectFrom('outbox')
    .select('event_id')
    .where('key', '=', taskId)
    .where('type', '=', 'task.completed')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.event_id;
}

describe('recurrence through the gateway', () => {
  let stack: Stack;
  let db: Kysely<TasksDatabase>;
  beforeAll(async () => {
    stack = await startStack();
    db = createTasksDatabase(stack.databaseUrl, 2);
  });
  afterAll(async () => {
    await db?.destroy();
    await stack?.stop();
  });

  it('completing a recurring task creates the next instance with its due time, tags, relative reminders and events', async () => {
    const token = await signUp(stack);
    // Daily at 09:00 Berlin from Sat 2027-03-27 (CET); the next one is Sun 03-28, the day clocks go forward.
    const { createTask } = await gql(stack, token, createRecurring, {
      i: {
        title: 'Stretch',
        description: 'ten minutes',
        priority: 'HIGH',
        dueAt: '2027-03-27T08:00:00Z',
        recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
      },
    });
    const firstId = createTask.id as string;
    expect(createTask.seriesId).toBe(firstId);
    expect(createTask.occurrence).toBe(1);
    await gql(stack, token, `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["health", "morning"]) { id } }`, {
      id: firstId,
    });
    await gql(stack, token, `mutation($id: ID!) { addReminder(input: { taskId: $id, offsetMinutes: 30 }) { id } }`, {
      id: firstId,
    });

    await gql(stack, token, `mutation($id: ID!) { completeTask(id: $id) { status } }`, { id: firstId });

    const seriesQuery = `query($s: ID!) { tasks(filter: { seriesId: $s }, sort: { field: DUE_AT }, first: 10) { totalCount edges { node {
        id title description priority status dueAt occurrence seriesId recurrence { rrule timeZone anchor }
        tags { name } reminders { offsetMinutes remindAt state }
        history(first: 20) { edges { node { type actor { id } } } } } } } }`;
    let last: unknown;
    const next = await eventually(
      async () => {
        const data = await gql(stack, token, seriesQuery, { s: firstId });
        last = data;
        const node = data.tasks.edges.find((e: any) => e.node.occurrence === 2)?.node;
        // Tags and reminders come from planning-sync, the history from the audit-writer.
        if (!node || node.tags.length < 2 || node.reminders.length < 1) return undefined;
        if (!node.history.edges.some((e: any) => e.node.type === 'task.created')) return undefined;
        return { data, node };
      },
      { timeoutMs: 30_000, what: 'the next instance with tags, reminders and history' },
    ).catch((error) => {
      throw new Error(`${(error as Error).message}; last: ${JSON.stringify(last)}`);
    });
    expect(next.data.tasks.totalCount).toBe(2);
    const node = next.node;
    expect(node).toMatchObject({
      title: 'Stretch',
      description: 'ten minutes',
      priority: 'HIGH',
      status: 'OPEN',
      seriesId: firstId,
      occurrence: 2,
      recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
    });
    expect(new Date(node.dueAt).toISOString()).toBe('2027-03-28T07:00:00.000Z'); // 09:00 CEST
    expect(node.tags.map((t: { name: string }) => t.name).sort()).toEqual(['health', 'morning']);
    expect(node.reminders).toHaveLength(1);
    expect(node.reminders[0].offsetMinutes).toBe(30);
    expect(new Date(node.reminders[0].remindAt).toISOString()).toBe('2027-03-28T06:30:00.000Z');
    const created = node.history.edges.find((e: any) => e.node.type === 'task.created').node;
    expect(created.actor).toBeNull(); // created by the system

    const log = await gql(
      stack,
      token,
      `query($id: ID!) { auditLog(filter: { taskId: $id, types: ["task.created"] }) { edges { node { type changes { field newValue } } } } }`,
      { id: node.id },
    );
    expect(log.auditLog.edges).toHaveLength(1);
    const fields = Object.fromEntries(
      log.auditLog.edges[0].node.changes.map((c: any) => [c.field, JSON.parse(c.newValue)]),
    );
    expect(fields).toMatchObject({ seriesId: firstId, occurrence: 2, dueAt: '2027-03-28T07:00:00.000Z' });

    // The preview of the new instance continues the series.
    const preview = await gql(stack, token, `query($id: ID!) { task(id: $id) { nextOccurrences(count: 2) } }`, {
      id: node.id,
    });
    expect(preview.task.nextOccurrences.map((d: string) => new Date(d).toISOString())).toEqual([
      '2027-03-29T07:00:00.000Z',
      '2027-03-30T07:00:00.000Z',
    ]);
  });

  it('complete → reopen → complete leaves exactly one next instance', async () => {
    const token = await signUp(stack);
    const { createTask } = await gql(stack, token, createRecurring, {
      i: {
        title: 'Water plants',
        dueAt: '2027-05-03T07:00:00Z',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', timeZone: 'Europe/Berlin' },
      },
    });
    const id = createTask.id as string;
    const count = async () =>
      (
        await gql(
          stack,
          token,
          `query($s: ID!) { tasks(filter: { seriesId: $s }) { totalCount edges { node { id occurrence dueAt } } } }`,
          { s: id },
        )
      ).tasks;

    await gql(stack, token, `mutation($id: ID!) { completeTask(id: $id) { status } }`, { id });
    const first = await eventually(async () => ((await count()).totalCount === 2 ? count() : undefined), {
      timeoutMs: 30_000,
      what: 'the next instance',
    });
    const successor = first.edges.find((e: any) => e.node.occurrence === 2).node;
    expect(new Date(successor.dueAt).toISOString()).toBe('2027-05-06T07:00:00.000Z'); // Thursday 09:00 CEST

    const reopened = await gql(stack, token, `mutation($id: ID!) { reopenTask(id: $id) { status } }`, { id });
    expect(reopened.reopenTask.status).toBe('OPEN');
    await gql(stack, token, `mutation($id: ID!) { completeTask(id: $id) { status } }`, { id });
    // Wait until the consumer has handled the second completion (its inbox claim), then count.
    const secondEvent = await lastCompletedEventId(db, id);
    await eventually(
      async () => {
        const claim = await db
          .selectFrom('processed_events')
          .select('event_id')
          .where('consumer', '=', `recurrence-${stack.suffix}`)
          .where('event_id', '=', secondEvent)
          .executeTakeFirst();
        return claim ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'the recurrence consumer to handle the second completion' },
    );
    const after = await count();
    expect(after.totalCount).toBe(2);
    expect(after.edges.map((e: any) => e.node.id).sort()).toEqual([id, successor.id].sort());
  });
});

describe('recurrence consumer killed with SIGKILL mid-stream', () => {
  const total = 300;
  let stack: Stack;
  let db: Kysely<TasksDatabase>;
  const group = `recurrence-kill-${uniqueSuffix()}`;
  const children: ChildProcess[] = [];

  /** The real entry point (consumers/src/recurrence/main.ts) as its own process; resolves when /readyz is 200. */
  async function spawnConsumer(): Promise<ChildProcess> {
    const child = await spawnService({
      entry: 'consumers/src/recurrence/main.ts',
      name: 'recurrence',
      env: {
        DATABASE_URL: stack.databaseUrl,
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
        LOG_LEVEL: 'warn',
        CONSUMER_GROUP: group,
        // The killed member holds its partitions until the session times out.
        RECURRENCE_SESSION_TIMEOUT_MS: '6000',
      },
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    stack = await startStack({ without: ['recurrence'] });
    db = createTasksDatabase(stack.databaseUrl, 2);
    // Like the stack's own groups: skip earlier tests' events on the shared topic.
    await startGroupsAtEnd(stack.kafkaBrokers, 'task-events', [group]);
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => killProcess(child)));
    await db?.destroy();
    await stack?.stop();
  });

  async function successors(): Promise<number> {
    const r = await db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('occurrence', '>', 1)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it(`${total} completions while the consumer is killed twice: every task has exactly one successor`, async () => {
    const token = await signUp(stack);
    let consumer = await spawnConsumer();

    const ids: string[] = [];
    for (let i = 0; i < total; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, total - i) }, (_, j) =>
          gql(stack, token, createRecurring, {
            i: {
              title: `Series ${i + j}`,
              dueAt: new Date(Date.UTC(2027, 0, 1 + ((i + j) % 28), 9)).toISOString(),
              recurrence: {
                rrule: (i + j) % 2 ? 'FREQ=DAILY' : 'FREQ=MONTHLY',
                timeZone: 'UTC',
                anchor: (i + j) % 3 ? 'SCHEDULE' : 'COMPLETION',
              },
            },
          }),
        ),
      );
      ids.push(...batch.map((b) => b.createTask.id as string));
    }

    const complete = (id: string) => gql(stack, token, `mutation($id: ID!) { completeTask(id: $id) { id } }`, { id });
    const kills: number[] = [];
    for (let i = 0; i < total; i += 10) {
      await Promise.all(ids.slice(i, i + 10).map(complete));
      if (i + 10 === 100 || i + 10 === 200) {
        // Kill once the consumer is busy with the stream (or after a short bounded wait).
        await eventually(async () => ((await successors()) > 0 || kills.length > 0 ? true : undefined), {
          timeoutMs: 10_000,
          what: 'consumer progress',
        }).catch(() => undefined);
        kills.push(await successors());
        await killProcess(consumer);
        consumer = await spawnConsumer();
      }
    }

    await eventually(async () => ((await successors()) >= total ? true : undefined), {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `${total} next instances`,
    });
    // Let the last consumer drain anything still in flight before checking for duplicates.
    await eventually(
      async () => {
        const r = await db
          .selectFrom('processed_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('consumer', '=', group)
          .executeTakeFirstOrThrow();
        const completed = await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('type', '=', 'task.completed')
          .executeTakeFirstOrThrow();
        return Number(r.n) >= Number(completed.n) ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'every completion claimed in the inbox' },
    );

    const perSeries = await sql<{ series_id: string; successors: string; first_completed: boolean }>`
      select series_id, count(*) filter (where occurrence > 1) as successors, bool_or(occurrence = 1 and status = 'COMPLETED') as first_completed
      from tasks group by series_id`.execute(db);
    expect(perSeries.rows).toHaveLength(total);
    expect(perSeries.rows.filter((r) => Number(r.successors) !== 1)).toEqual([]);
    expect(perSeries.rows.every((r) => r.first_completed)).toBe(true);
    const createdEvents = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('type', '=', 'task.created')
      .where(sql<boolean>`envelope->'data'->>'predecessorId' is not null`)
      .executeTakeFirstOrThrow();
    expect(Number(createdEvents.n)).toBe(total);
    const visible = await gql(stack, token, `{ tasks(filter: { status: OPEN }, first: 1) { totalCount } }`);
    expect(visible.tasks.totalCount).toBe(total);
    expect(kills).toHaveLength(2);
    console.log(
      `recurrence SIGKILL test: killed at ${kills.join(' and ')} successors; ${total} series, each with exactly one successor`,
    );
    await killProcess(consumer);
  });
});
