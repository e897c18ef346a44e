import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@taskwire/platform/events';
import { createLogger } from '@taskwire/platform/logger';
import {
  createTestDatabase,
  eventually,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
} from '../../../test/support.js';
import type { PlanningDatabase } from './db/database.js';
import { planningConfigSchema } from './env.js';
import { isFiringAcknowledged } from './modules/reminder/reminder.repository.js';
import { createReminderScheduler, type ReminderScheduler } from './scheduler/scheduler.js';
import { startPlanningService, type PlanningService } from './service.js';
import { newId, projectTask, type TaskFixture } from './testing.js';

let service: PlanningService;
let db: Kysely<PlanningDatabase>;
let scheduler: ReminderScheduler;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase('planning');
  const config = planningConfigSchema.parse({
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
    DATABASE_URL: databaseUrl,
    JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
    LOG_LEVEL: 'error',
    KAFKA_BROKERS: testKafkaBrokers().join(','), // the reminderDue feed reads reminder-events
    OUTBOX_RELAY: 'false', // events are read from the outbox table here
    TASK_PROJECTION_WAIT_MS: '1000',
  });
  service = await startPlanningService(config);
  db = service.db;
  scheduler = createReminderScheduler({
    db,
    databaseUrl,
    logger: createLogger('scheduler-test', 'silent'),
    batchSize: 100,
  });
  await scheduler.start();
});

afterAll(async () => {
  await scheduler?.stop();
  await service?.stop();
});

async function newUser() {
  const id = newId();
  return { id, token: await tokenFor(id) };
}

async function createTask(userId: string, fields: Partial<TaskFixture> = {}): Promise<TaskFixture> {
  const task: TaskFixture = { id: newId(), userId, ...fields };
  await projectTask(db, task);
  return task;
}

async function outboxEvents(subject: string, type?: string): Promise<EventEnvelope[]> {
  let q = db
    .selectFrom('outbox')
    .select(['envelope', 'topic', 'key'])
    .where(sql`envelope->>'subject'`, '=', subject)
    .orderBy('id');
  if (type) q = q.where('type', '=', type);
  const rows = await q.execute();
  return rows.map((r) => r.envelope as EventEnvelope);
}

const gql = (token: string | null, query: string, variables: Record<string, unknown> = {}) =>
  graphqlRequest(service.url, query, variables, token);
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const entitiesQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { id tags { name color } reminders { id remindAt offsetMinutes state } } } }`;

describe('service', () => {
  // First, so that the relay publishes only this test's event to the shared topics.
  it('runs the outbox relay for schema planning: events reach Kafka', async () => {
    const relayed = await startPlanningService(
      planningConfigSchema.parse({
        PORT: '0',
        OPS_PORT: '0',
        GATEWAY_SECRET: testGatewaySecret,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
        LOG_LEVEL: 'error',
        OUTBOX_RELAY: 'true',
      }),
    );
    try {
      const readyz = () => fetch(`${relayed.opsUrl}/readyz`).then((r) => r.status);
      await eventually(async () => ((await readyz()) === 200 ? true : undefined), { what: '/readyz 200' });
      const u = await newUser();
      const task = await createTask(u.id);
      const r = await graphqlRequest(
        relayed.url,
        `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["relayed"]) { id } }`,
        { t: task.id },
        u.token,
      );
      expect(r.errors).toBeUndefined();
      await eventually(
        async () => {
          const rows = await db.selectFrom('outbox').select('published_at').where('key', '=', task.id).execute();
          return rows.length === 1 && rows[0]!.published_at ? true : undefined;
        },
        { what: 'the task.tagged outbox row to be published' },
      );
    } finally {
      await relayed.stop();
    }
  });
});

describe('tags', () => {
  it('creates tags with unique case-insensitive names and #rrggbb colours', async () => {
    const u = await newUser();
    const created = await gql(u.token, `mutation { createTag(name: "  Work ", color: "#A1B2C3") { id name color } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data.createTag).toMatchObject({ name: 'Work', color: '#a1b2c3' });

    const dup = await gql(u.token, `mutation { createTag(name: "work") { id } }`);
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const badColor = await gql(u.token, `mutation { createTag(name: "x", color: "red") { id } }`);
    expect(badColor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'color' });
    expect(badColor.errors?.[0]?.message).toContain('"red"');
    const empty = await gql(u.token, `mutation { createTag(name: "   ") { id } }`);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const long = await gql(u.token, `mutation($n: String!) { createTag(name: $n) { id } }`, { n: 'x'.repeat(51) });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });

    // Another user may use the same name; each sees only their own tags.
    const other = await newUser();
    expect((await gql(other.token, `mutation { createTag(name: "WORK") { name } }`)).data.createTag.name).toBe('WORK');
    expect((await gql(u.token, `{ tags { name } }`)).data.tags).toEqual([{ name: 'Work' }]);
    expect((await gql(null, `{ tags { name } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('setTaskTags creates missing tags and emits task.tagged/untagged only for real differences', async () => {
    const u = await newUser();
    const task = await createTask(u.id);
    const set = (names: string[]) =>
      gql(u.token, `mutation($t: ID!, $n: [String!]!) { setTaskTags(taskId: $t, names: $n) { id tags { name } } }`, {
        t: task.id,
        n: names,
      });

    const first = await set(['home', 'Urgent', 'HOME']);
    expect(first.errors).toBeUndefined();
    expect(first.data.setTaskTags.tags.map((t: { name: string }) => t.name)).toEqual(['home', 'Urgent']);
    let tagged = await outboxEvents(task.id, 'task.tagged');
    expect(tagged.map((e) => (e.data as any).tag.name).sort()).toEqual(['Urgent', 'home']);
    expect(tagged[0]).toMatchObject({ actor: u.id, userId: u.id, subject: task.id, version: 1 });
    expect((tagged[0]!.data as any).taskId).toBe(task.id);

    // Same set, other spelling: nothing changes, nothing is emitted.
    await set(['URGENT', 'Home']);
    expect(await outboxEvents(task.id)).toHaveLength(2);

    const third = await set(['urgent', 'errands']);
    expect(third.data.setTaskTags.tags.map((t: { name: string }) => t.name)).toEqual(['errands', 'Urgent']);
    tagged = await outboxEvents(task.id, 'task.tagged');
    const untagged = await outboxEvents(task.id, 'task.untagged');
    expect(tagged.map((e) => (e.data as any).tag.name).sort()).toEqual(['Urgent', 'errands', 'home']);
    expect(untagged.map((e) => (e.data as any).tag.name)).toEqual(['home']);

    const bad = await set(['ok', ' ']);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'names[1]' });
  });

  it('deleteTag takes the tag off every task, one task.untagged each', async () => {
    const u = await newUser();
    const [a, b] = [await createTask(u.id), await createTask(u.id)];
    for (const t of [a, b]) {
      const r = await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["shared", "keep"]) { id } }`, {
        t: t.id,
      });
      expect(r.errors).toBeUndefined();
    }
    const tagId = (await gql(u.token, `{ tags { id name } }`)).data.tags.find((t: any) => t.name === 'shared').id;
    const other = await newUser();
    expect(
      (await gql(other.token, `mutation($id: ID!) { deleteTag(id: $id) }`, { id: tagId })).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');

    expect((await gql(u.token, `mutation($id: ID!) { deleteTag(id: $id) }`, { id: tagId })).data.deleteTag).toBe(tagId);
    for (const t of [a, b]) {
      const untagged = await outboxEvents(t.id, 'task.untagged');
      expect(untagged.map((e) => (e.data as any).tag)).toEqual([{ id: tagId, name: 'shared', color: null }]);
    }
    const entities = await gql(u.token, entitiesQuery, {
      reps: [
        { __typename: 'Task', id: a.id },
        { __typename: 'Task', id: b.id },
      ],
    });
    expect(entities.data._entities.map((e: any) => e.tags.map((t: any) => t.name))).toEqual([['keep'], ['keep']]);
    expect((await gql(u.token, `{ tags { name } }`)).data.tags).toEqual([{ name: 'keep' }]);
  });

  it('Task.tags and Task.reminders resolve per user through _entities', async () => {
    const u = await newUser();
    const task = await createTask(u.id, { dueAt: inHours(5) });
    await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["a"]) { id } }`, { t: task.id });
    await gql(u.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 30 }) { id } }`, {
      t: task.id,
    });
    const mine = await gql(u.token, entitiesQuery, { reps: [{ __typename: 'Task', id: task.id }] });
    expect(mine.data._entities[0].tags).toEqual([{ name: 'a', color: null }]);
    expect(mine.data._entities[0].reminders).toHaveLength(1);
    const other = await newUser();
    const theirs = await gql(other.token, entitiesQuery, { reps: [{ __typename: 'Task', id: task.id }] });
    expect(theirs.data._entities[0]).toMatchObject({ tags: [], reminders: [] });
    const anonymous = await gql(null, entitiesQuery, { reps: [{ __typename: 'Task', id: task.id }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('task ownership through the projection', () => {
  it("answers NOT_FOUND for another user's task or reminder", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const task = await createTask(owner.id, { dueAt: inHours(3) });
    const reminder = (
      await gql(owner.token, `mutation($t: ID!) { addReminder(input: { taskId: $t, offsetMinutes: 10 }) { id } }`, {
        t: task.id,
      })
    ).data.addReminder;

    const started = Date.now();
    const tags = await gql(intruder.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["x"]) { id } }`, {
      t: task.id,
    });
    expect(tags.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(Date.now() - started).toBeLessThan(900); // a known task of someone else is not waited for
    const add = await gql(
      intruder.token,
      `mutation($t: ID!) { addReminder(input: { taskId: $t, remindAt: "${inHours(1)}" }) { id } }`,
      { t: task.id },
    );
    expect(add.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const op of [
      `mutation($id: ID!) { snoozeReminder(id: $id, until: "${inHours(1)}") { id } }`,
      `mutation($id: ID!) { dismissReminder(id: $id) { id } }`,
      `mutation($id: ID!) { acknowledgeReminder(id: $id) { id } }`,
    ]) {
      const r = await gql(intruder.token, op, { id: reminder.id });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(r.errors?.[0]?.message).not.toContain(owner.id);
    }
    // Nothing leaked into the owner's data, no events for the intruder.
    expect((await outboxEvents(task.id)).every((e) => e.actor === owner.id)).toBe(true);
  });

  it('waits briefly for a task that is not in the projection yet, then NOT_FOUND', async () => {
    const u = await newUser();
    const task: TaskFixture = { id: newId(), userId: u.id };
    // The task.created event lands 300 ms after the request: the mutation waits for it.
    const late = new Promise<void>((resolve) => setTimeout(() => void projectTask(db, task).then(resolve), 300));
    const r = await gql(
      u.token,
      `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["fresh"]) { id tags { name } } }`,
      { t: task.id },
    );
    await late;
    expect(r.errors).toBeUndefined();
    expect(r.data.setTaskTags.tags).toEqual([{ name: 'fresh' }]);

    const started = Date.now();
    const missing = await gql(u.token, `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["x"]) { id } }`, {
      t: newId(),
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('reminders', () => {
  const add = (token: string, input: Record<string, unknown>) =>
    gql(
      token,
      `mutation($i: AddReminderInput!) { addReminder(input: $i) { id remindAt offsetMinutes state firedAt snoozedUntil task { id } } }`,
      { i: input },
    );

  it('rejects bad input naming the field', async () => {
    const u = await newUser();
    const noDue = await createTask(u.id);
    const withDue = await createTask(u.id, { dueAt: inHours(2) });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ taskId: withDue.id }, 'input.remindAt'],
      [{ taskId: withDue.id, remindAt: inHours(1), offsetMinutes: 5 }, 'input.offsetMinutes'],
      [{ taskId: withDue.id, offsetMinutes: -1 }, 'input.offsetMinutes'],
      [{ taskId: withDue.id, offsetMinutes: 525_601 }, 'input.offsetMinutes'],
      [{ taskId: withDue.id, remindAt: 'tomorrow' }, 'input.remindAt'],
      [{ taskId: withDue.id, remindAt: '2026-12-01T09:00:00' }, 'input.remindAt'],
      [{ taskId: withDue.id, remindAt: new Date(Date.now() - 60_000).toISOString() }, 'input.remindAt'],
      [{ taskId: noDue.id, offsetMinutes: 15 }, 'input.offsetMinutes'],
    ];
    for (const [input, field] of cases) {
      const r = await add(u.token, input);
      expect(r.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const r = await add(u.token, { taskId: withDue.id, remindAt: inHours(1) });
    const snooze = await gql(
      u.token,
      `mutation($id: ID!) { snoozeReminder(id: $id, until: "2020-01-01T00:00:00Z") { id } }`,
      { id: r.data.addReminder.id },
    );
    expect(snooze.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const ack = await gql(u.token, `mutation($id: ID!) { acknowledgeReminder(id: $id) { id } }`, {
      id: r.data.addReminder.id,
    });
    expect(ack.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('refuses a date that does not exist (2027-02-30) as createTask does, storing nothing', async () => {
    const u = await newUser();
    const task = await createTask(u.id, { dueAt: inHours(2) });
    const impossible = '2027-02-30T09:00:00Z';
    const added = await add(u.token, { taskId: task.id, remindAt: impossible });
    expect(added.data).toBeNull();
    expect(added.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.remindAt' });
    expect(added.errors?.[0]?.message).toContain('"2027-02-30T09:00:00Z" (no such day: February 2027 has 28 days)');
    expect(await outboxEvents(task.id, 'reminder.added')).toEqual([]);
    expect(await db.selectFrom('reminder').select('id').where('task_id', '=', task.id).execute()).toEqual([]);

    const r = await add(u.token, { taskId: task.id, remindAt: inHours(1) });
    const snooze = await gql(
      u.token,
      `mutation($id: ID!, $u: DateTime!) { snoozeReminder(id: $id, until: $u) { id } }`,
      {
        id: r.data.addReminder.id,
        u: impossible,
      },
    );
    expect(snooze.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'until' });
    expect(snooze.errors?.[0]?.message).toContain('no such day');
    expect(await outboxEvents(task.id, 'reminder.snoozed')).toEqual([]);
    const row = await db.selectFrom('reminder').selectAll().where('id', '=', r.data.addReminder.id).executeTakeFirst();
    expect(row?.snoozed_until).toBeNull();
  });

  it('adds absolute and relative reminders, snoozes and dismisses them, each with its event', async () => {
    const u = await newUser();
    const due = inHours(10);
    const task = await createTask(u.id, { dueAt: due });
    const abs = await add(u.token, { taskId: task.id, remindAt: inHours(1) });
    const rel = await add(u.token, { taskId: task.id, offsetMinutes: 60 });
    expect(abs.errors).toBeUndefined();
    expect(rel.data.addReminder).toMatchObject({ offsetMinutes: 60, state: 'SCHEDULED', task: { id: task.id } });
    expect(new Date(rel.data.addReminder.remindAt).getTime()).toBe(new Date(due).getTime() - 3_600_000);
    const added = await outboxEvents(task.id, 'reminder.added');
    expect(added.map((e) => (e.data as any).reminder.id)).toEqual([abs.data.addReminder.id, rel.data.addReminder.id]);
    expect((added[1]!.data as any).reminder).toMatchObject({
      taskId: task.id,
      offsetMinutes: 60,
      state: 'SCHEDULED',
      firedAt: null,
    });

    const until = inHours(2);
    const snoozed = await gql(
      u.token,
      `mutation($id: ID!, $u: DateTime!) { snoozeReminder(id: $id, until: $u) { state snoozedUntil } }`,
      { id: abs.data.addReminder.id, u: until },
    );
    expect(snoozed.data.snoozeReminder).toEqual({ state: 'SCHEDULED', snoozedUntil: new Date(until).toISOString() });
    const snoozeEvents = await outboxEvents(task.id, 'reminder.snoozed');
    expect(snoozeEvents).toHaveLength(1);
    expect((snoozeEvents[0]!.data as any).previousRemindAt).toBe(abs.data.addReminder.remindAt);

    const dismissed = await gql(u.token, `mutation($id: ID!) { dismissReminder(id: $id) { state } }`, {
      id: rel.data.addReminder.id,
    });
    expect(dismissed.data.dismissReminder.state).toBe('DISMISSED');
    await gql(u.token, `mutation($id: ID!) { dismissReminder(id: $id) { state } }`, { id: rel.data.addReminder.id });
    expect(await outboxEvents(task.id, 'reminder.dismissed')).toHaveLength(1);
  });

  it('fires through the scheduler: firing row, reminder.fired + reminder.due, acknowledge, snooze fires again', async () => {
    const u = await newUser();
    const task = await createTask(u.id, { dueAt: inHours(1) });
    const remindAt = new Date(Date.now() + 1_500).toISOString();
    const r = (await add(u.token, { taskId: task.id, remindAt })).data.addReminder;
    const fired = await eventually(
      async () => {
        const row = await db.selectFrom('reminder').selectAll().where('id', '=', r.id).executeTakeFirst();
        return row?.state === 'FIRED' ? row : undefined;
      },
      { what: 'the reminder to fire', timeoutMs: 10_000 },
    );
    expect(fired.fired_at!.getTime()).toBeGreaterThanOrEqual(new Date(remindAt).getTime());
    // The scheduler was asleep until later reminders (or its 30 s idle cap): the NOTIFY from
    // addReminder re-armed its timer for this one.
    expect(fired.fired_at!.getTime() - new Date(remindAt).getTime()).toBeLessThan(2_000);
    const firings = await db.selectFrom('reminder_firing').selectAll().where('reminder_id', '=', r.id).execute();
    expect(firings).toHaveLength(1);
    const firedEvents = await outboxEvents(task.id, 'reminder.fired');
    expect(firedEvents).toHaveLength(1);
    expect(firedEvents[0]).toMatchObject({ actor: null, userId: u.id });
    expect((firedEvents[0]!.data as any).firingId).toBe(firings[0]!.id);
    const dueRows = await db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'reminder.due')
      .where(sql`envelope->'data'->>'firingId'`, '=', firings[0]!.id)
      .execute();
    expect(dueRows).toHaveLength(1);
    expect(dueRows[0]).toMatchObject({ topic: 'reminder-events', key: u.id });
    expect((dueRows[0]!.envelope as any).data).toMatchObject({
      taskId: task.id,
      // From planning's task projection, kept from the task's events.
      taskTitle: `task ${task.id.slice(0, 8)}`,
      reminder: { id: r.id, state: 'FIRED' },
    });

    expect(await isFiringAcknowledged(db, firings[0]!.id)).toBe(false);
    const ack = await gql(u.token, `mutation($id: ID!) { acknowledgeReminder(id: $id) { state firedAt } }`, {
      id: r.id,
    });
    expect(ack.data.acknowledgeReminder.state).toBe('ACKNOWLEDGED');
    expect(
      (await gql(u.token, `mutation($id: ID!) { acknowledgeReminder(id: $id) { state } }`, { id: r.id })).data
        .acknowledgeReminder.state,
    ).toBe('ACKNOWLEDGED');
    expect(await isFiringAcknowledged(db, firings[0]!.id)).toBe(true);
    // One reminder.acknowledged per firing answered, keyed by user like reminder.due.
    const acknowledged = await outboxEvents(task.id, 'reminder.acknowledged');
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]).toMatchObject({ actor: u.id, userId: u.id, subject: task.id });
    expect(acknowledged[0]!.data).toEqual({
      reminderId: r.id,
      firingId: firings[0]!.id,
      taskId: task.id,
      acknowledgedAt: expect.any(String),
    });
    const ackRow = db.selectFrom('outbox').select(['topic', 'key']).where('event_id', '=', acknowledged[0]!.id);
    expect(await ackRow.executeTakeFirst()).toEqual({ topic: 'reminder-events', key: u.id });

    const until = new Date(Date.now() + 1_000).toISOString();
    await gql(u.token, `mutation($id: ID!, $u: DateTime!) { snoozeReminder(id: $id, until: $u) { state } }`, {
      id: r.id,
      u: until,
    });
    const again = await eventually(
      async () => {
        const rows = await db
          .selectFrom('reminder_firing')
          .selectAll()
          .where('reminder_id', '=', r.id)
          .orderBy('seq')
          .execute();
        return rows.length === 2 ? rows : undefined;
      },
      { what: 'the snoozed reminder to fire again', timeoutMs: 10_000 },
    );
    expect(again[1]!.id).not.toBe(again[0]!.id);
    expect(again[1]!.fired_at.getTime()).toBeGreaterThanOrEqual(new Date(until).getTime());
    expect(await isFiringAcknowledged(db, again[1]!.id)).toBe(false);
    // Dismissing the fired reminder answers the second firing.
    await gql(u.token, `mutation($id: ID!) { dismissReminder(id: $id) { state } }`, { id: r.id });
    expect((await outboxEvents(task.id, 'reminder.acknowledged')).map((e) => (e.data as any).firingId)).toEqual([
      firings[0]!.id,
      again[1]!.id,
    ]);
  });
});
