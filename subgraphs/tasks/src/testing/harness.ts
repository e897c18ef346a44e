/**
 * Test helpers for the tasks subgraph's integration tests (not a test file itself).
 */
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { buildEvent, decodeEnvelope, type EventEnvelope } from '@taskwire/platform/events';
import { createKafka } from '@taskwire/platform/kafka';
import { parseConfig } from '@taskwire/platform/config';
import {
  createTestDatabase,
  eventually,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
  uniqueSuffix,
} from '../../../../test/support.js';
import { uuidv7 } from 'uuidv7';
import { sql, type Kysely } from 'kysely';
import { handleUserEvent } from '../modules/user-projection/user-projection.handler.js';
import type { Executor } from '@taskwire/platform/database';
import type { TasksDatabase } from '../db/database.js';
import { tasksConfigSchema } from '../env.js';
import type { NewTaskRow } from '../modules/task/task.model.js';
import { ensureInbox } from '../modules/project/project.repository.js';
import { startTasksService, type TasksService, type TasksServiceOptions } from '../service.js';

export interface TestUser {
  id: string;
  token: string;
  /** GraphQL request as this user. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): ReturnType<typeof graphqlRequest<T>>;
}

export async function startTestTasksService(
  env: {
    relay?: boolean;
    tagProjection?: boolean;
    userProjection?: boolean;
    subscriptions?: boolean;
    sharesPerDay?: number;
  } = {},
  options: TasksServiceOptions = {},
): Promise<{ service: TasksService; databaseUrl: string; newUser(): Promise<TestUser> }> {
  const databaseUrl = await createTestDatabase('tasks');
  const config = parseConfig(tasksConfigSchema, {
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    LOG_LEVEL: 'silent',
    JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
    OUTBOX_RELAY_ENABLED: String(env.relay ?? false),
    TAG_PROJECTION_ENABLED: String(env.tagProjection ?? false),
    USER_PROJECTION_ENABLED: String(env.userProjection ?? false),
    TASK_SUBSCRIPTIONS_ENABLED: String(env.subscriptions ?? false),
    PROJECT_SHARES_PER_DAY: String(env.sharesPerDay ?? 50),
  });
  const service = await startTasksService(config, options);
  const newUser = async (): Promise<TestUser> => {
    const id = randomUUID();
    const token = await tokenFor(id);
    return { id, token, gql: (query, variables = {}) => graphqlRequest(service.url, query, variables, token) };
  };
  return { service, databaseUrl, newUser };
}

/**
 * Reads `topic` from its current end with a fresh consumer group, so only events produced
 * after this call are seen (the group's offsets are set to the high watermarks before joining).
 */
export async function collectEvents(
  topic = 'task-events',
): Promise<{ events: EventEnvelope[]; forUser(userId: string): EventEnvelope[]; stop(): Promise<void> }> {
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `tasks-test-${uniqueSuffix()}` });
  const groupId = `tasks-test-${uniqueSuffix()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
    });
  } finally {
    await admin.disconnect();
  }
  const events: EventEnvelope[] = [];
  const consumer: Consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      try {
        events.push(decodeEnvelope(message.value));
      } catch {
        // others' malformed test messages are not ours to judge
      }
    },
  });
  return {
    events,
    forUser: (userId) => events.filter((e) => e.userId === userId),
    stop: () => consumer.disconnect(),
  };
}

/** Creates a private topic (and its .dlq) for a test. */
export async function createPrivateTopic(prefix: string): Promise<string> {
  const topic = `${prefix}-${uniqueSuffix()}`;
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `tasks-test-${uniqueSuffix()}` });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 3, replicationFactor: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export const taskFields = `
  id title description priority status dueAt dueDate completedAt createdAt updatedAt isOverdue
  recurrence { rrule timeZone anchor } seriesId occurrence timeZone owner { id } project { id }`;

/** A task row as fixtures write it: the project is the user's Inbox unless one is given. */
export type TestTaskRow = Omit<NewTaskRow, 'project_id' | 'assignee_id' | 'created_by'> &
  Partial<Pick<NewTaskRow, 'project_id' | 'assignee_id' | 'created_by'>>;

/** The id of the user's Inbox, created when missing (fixtures that write rows directly). */
export async function inboxIdFor(db: Executor<TasksDatabase>, userId: string): Promise<string> {
  return (await ensureInbox(db, userId, uuidv7())).inbox.id;
}

/** `row` with its project (the given one, else its user's Inbox), created by its user, unassigned. */
export async function withInbox(db: Executor<TasksDatabase>, row: TestTaskRow): Promise<NewTaskRow> {
  return {
    ...row,
    project_id: row.project_id ?? (await inboxIdFor(db, row.user_id)),
    assignee_id: row.assignee_id ?? null,
    created_by: row.created_by ?? row.user_id,
  };
}

/**
 * Inboxes for many users at once (bulk fixtures and benchmarks), as the service creates them
 * on first use; users who have one keep it. Rows written with SQL then take
 * `(select id from projects where owner_id = … and is_inbox)` as their project.
 */
export async function ensureInboxes(db: Executor<TasksDatabase>, userIds: readonly string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 10_000) {
    await sql`
      with created as (
        insert into projects (id, owner_id, name, is_inbox)
        select gen_random_uuid(), u, 'Inbox', true from unnest(${userIds.slice(i, i + 10_000)}::text[]) as u
        on conflict (owner_id) where is_inbox do nothing
        returning id, owner_id)
      insert into project_members (project_id, user_id, role, position)
      select id, owner_id, 'OWNER', 0 from created`.execute(db);
  }
}

/**
 * Applies a `user.updated` of `userId` with this address to the tasks service's user projection,
 * through its real handler (as if it had arrived on `user-events`).
 */
export async function projectUser(
  db: Kysely<TasksDatabase>,
  userId: string,
  email: string,
  emailVerified: boolean,
): Promise<void> {
  const now = new Date().toISOString();
  const user = { id: userId, email, name: email, timeZone: 'UTC', createdAt: now, updatedAt: now, emailVerified };
  const { envelope } = buildEvent('user.updated', {
    actor: userId,
    subject: userId,
    userId,
    data: { user, changes: [] },
  });
  await db.transaction().execute((trx) => handleUserEvent(trx, envelope));
}

/** Applies `user.deleted` of `userId` to the tasks service's user projection (its real handler). */
export async function projectUserDeleted(db: Kysely<TasksDatabase>, userId: string): Promise<void> {
  const now = new Date().toISOString();
  const user = { id: userId, email: 'gone@example.com', name: 'gone', timeZone: 'UTC', createdAt: now, updatedAt: now };
  const { envelope } = buildEvent('user.deleted', { actor: userId, subject: userId, userId, data: { user } });
  await db.transaction().execute((trx) => handleUserEvent(trx, envelope));
}

/** Waits until `collector` has seen `n` events of `type` about `subject` (whose events they are: `forUser`). */
export async function eventsOf(
  collector: Pick<Awaited<ReturnType<typeof collectEvents>>, 'events'>,
  subject: string,
  type: string,
  n = 1,
  forUser?: string,
): Promise<Array<EventEnvelope & { data: any }>> {
  return eventually(
    () => {
      const found = collector.events.filter(
        (e) => e.subject === subject && e.type === type && (forUser === undefined || e.userId === forUser),
      );
      return found.length >= n ? found : undefined;
    },
    { what: `${n} × ${type} for ${subject}`, timeoutMs: 20_000 },
  );
}

/** The extensions of a GraphQL result's first error (its `code`, `field`, …), if any. */
export const codeOf = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  result.errors?.[0]?.extensions;
