/**
 * User events end to end on the real PostgreSQL and Kafka: accounts publishes `user-events`
 * through its outbox; the tasks subgraph and the notifier each keep their own projection and
 * follow a user's e-mail and time-zone change; a reminder mail goes to the new address.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeUserEmail, createAccountsDatabase, deleteUser } from '@taskwire/accounts';
import { parseConfig } from '@taskwire/platform/config';
import { buildEvent } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { accountsConfigSchema, startAccountsService, type AccountsService } from '@taskwire/accounts/server';
import { createTasksDatabase } from '@taskwire/tasks';
import { tasksConfigSchema, startTasksService, type TasksService } from '@taskwire/tasks/server';
import { findUserIdByEmail, findUserProfile } from '@taskwire/tasks/testing';
import { notifierConfigSchema } from '@taskwire/consumers/notifier/env';
import { createNotifier, type Notifier } from '@taskwire/consumers/notifier/consumer';
import { migrateNotifier } from '@taskwire/consumers/notifier/db/database';
import { startGroupsAtEnd } from './stack.js';
import {
  createTestDatabase,
  eventually,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  uniqueSuffix,
} from './support.js';

const password = 'Tr0ub4dor&3-long';
const signUp = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`;
const createTask = `mutation($input: CreateTaskInput!) { createTask(input: $input) { timeZone } }`;

let accounts: AccountsService;
let tasks: TasksService;
let notifier: Notifier;
let accountsDb: ReturnType<typeof createAccountsDatabase>;
let tasksDb: ReturnType<typeof createTasksDatabase>;
const mails: Array<{ to: unknown; subject: string; messageId: string }> = [];

beforeAll(async () => {
  const databaseUrl = await createTestDatabase('users');
  const brokers = testKafkaBrokers();
  const suffix = uniqueSuffix();
  const { pem } = await testKeys();
  const base = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    LOG_LEVEL: 'warn',
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
  };
  const tasksGroup = `tasks-user-projection-${suffix}`;
  const notifierGroup = `notifier-${suffix}`;
  // Only this file's events matter: new groups start at the topics' ends.
  await startGroupsAtEnd(brokers, 'user-events', [tasksGroup, notifierGroup]);
  await startGroupsAtEnd(brokers, 'reminder-events', [notifierGroup]);

  accounts = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      ...base,
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      PROJECT_EVENTS_ENABLED: 'false',
    }),
  );
  tasks = await startTasksService(
    parseConfig(tasksConfigSchema, {
      ...base,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      OUTBOX_RELAY_ENABLED: 'false',
      TAG_PROJECTION_ENABLED: 'false',
      TASK_SUBSCRIPTIONS_ENABLED: 'false',
    }),
    { userProjection: { name: tasksGroup } },
  );
  await migrateNotifier(databaseUrl);
  notifier = createNotifier(
    parseConfig(notifierConfigSchema, {
      ...base,
      CONSUMER_GROUP: notifierGroup,
      REMINDER_EMAIL_GRACE_SECONDS: '0',
      NOTIFIER_POLL_MS: '100',
    }),
    {
      transport: {
        sendMail: async (mail: { to: unknown; subject: string; messageId: string }) => {
          mails.push({ to: mail.to, subject: mail.subject, messageId: mail.messageId });
          return {};
        },
        close: () => undefined,
      } as never,
    },
  );
  await notifier.start();
  accountsDb = createAccountsDatabase(databaseUrl);
  tasksDb = createTasksDatabase(databaseUrl, 2);
  await eventually(async () => (notifier.ready() ? true : undefined), { what: 'notifier in its group' });
}, 90_000);

afterAll(async () => {
  await notifier?.stop();
  await tasks?.stop();
  await accounts?.stop();
  await accountsDb?.destroy();
  await tasksDb?.destroy();
});

const recipientOf = (userId: string) =>
  notifier.db.selectFrom('recipient').selectAll().where('user_id', '=', userId).executeTakeFirst();

describe('user-events: accounts → tasks and notifier projections', () => {
  it('both follow an e-mail and time-zone change; the reminder mail goes to the new address; deletion is followed too', async () => {
    const firstEmail = `proj-${uniqueSuffix()}@example.com`;
    const up = await graphqlRequest(accounts.url, signUp, {
      input: { email: firstEmail, password, name: 'Pro Jection', timeZone: 'Europe/Berlin' },
    });
    expect(up.errors).toBeUndefined();
    const userId = up.data.signUp.user.id as string;
    const token = up.data.signUp.token as string;

    // user.created reaches both projections.
    await eventually(async () => ((await findUserIdByEmail(tasksDb, firstEmail)) === userId ? true : undefined), {
      what: 'tasks projects user.created',
      timeoutMs: 30_000,
    });
    await eventually(async () => ((await recipientOf(userId))?.email === firstEmail ? true : undefined), {
      what: 'notifier projects user.created',
      timeoutMs: 30_000,
    });
    const berlin = await graphqlRequest(tasks.url, createTask, { input: { title: 'Before' } }, token);
    expect(berlin.data.createTask.timeZone).toBe('Europe/Berlin');

    // The change, through accounts: its domain function for the e-mail, GraphQL for the zone.
    const newEmail = `moved-${uniqueSuffix()}@example.com`;
    await changeUserEmail(accountsDb, userId, newEmail, { actor: userId });
    const profile = await graphqlRequest(
      accounts.url,
      `mutation { updateProfile(input: { timeZone: "Asia/Tokyo" }) { timeZone } }`,
      {},
      token,
    );
    expect(profile.data.updateProfile.timeZone).toBe('Asia/Tokyo');

    const tasksRow = await eventually(
      async () => {
        const row = await findUserProfile(tasksDb, userId);
        return row?.email === newEmail && row.time_zone === 'Asia/Tokyo' ? row : undefined;
      },
      { what: 'tasks follows user.updated', timeoutMs: 30_000 },
    );
    expect(tasksRow.deleted_at).toBeNull();
    expect(await findUserIdByEmail(tasksDb, newEmail.toUpperCase())).toBe(userId);
    expect(await findUserIdByEmail(tasksDb, firstEmail)).toBeUndefined();
    const tokyo = await graphqlRequest(tasks.url, createTask, { input: { title: 'After' } }, token);
    expect(tokyo.data.createTask.timeZone).toBe('Asia/Tokyo');
    await eventually(
      async () => {
        const row = await recipientOf(userId);
        return row?.email === newEmail && row.time_zone === 'Asia/Tokyo' ? true : undefined;
      },
      { what: 'notifier follows user.updated', timeoutMs: 30_000 },
    );

    // A reminder falls due (as planning's scheduler publishes it): the mail goes to the new address.
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `users-test-${uniqueSuffix()}` });
    const producer = createEventProducer(kafka);
    await producer.connect();
    const firedAt = new Date().toISOString();
    const taskId = randomUUID();
    const due = buildEvent('reminder.due', {
      actor: null,
      subject: taskId,
      userId,
      data: {
        firingId: randomUUID(),
        taskId,
        taskTitle: 'Call the bank',
        firedAt,
        lateMs: 0,
        reminder: {
          id: randomUUID(),
          taskId,
          remindAt: firedAt,
          offsetMinutes: null,
          state: 'FIRED',
          firedAt,
          snoozedUntil: null,
        },
      },
    });
    try {
      await producer.send({
        topic: due.topic,
        acks: -1,
        messages: [{ key: due.key, value: JSON.stringify(due.envelope) }],
      });
    } finally {
      await producer.disconnect();
    }
    const mail = await eventually(
      async () => mails.find((m) => m.messageId === `<reminder-${due.envelope.data.firingId}@taskwire>`),
      { what: 'the reminder mail', timeoutMs: 30_000 },
    );
    expect(mail.to).toEqual({ name: 'Pro Jection', address: newEmail });
    expect(mail.subject).toBe('Reminder: Call the bank');

    // user.deleted: both projections forget the address and keep a tombstone.
    expect(await deleteUser(accountsDb, userId, { actor: userId })).not.toBeNull();
    await eventually(async () => ((await findUserProfile(tasksDb, userId))?.deleted_at ? true : undefined), {
      what: 'tasks follows user.deleted',
      timeoutMs: 30_000,
    });
    expect(await findUserIdByEmail(tasksDb, newEmail)).toBeUndefined();
    const tombstone = await eventually(
      async () => {
        const row = await recipientOf(userId);
        return row?.deleted_at ? row : undefined;
      },
      { what: 'notifier follows user.deleted', timeoutMs: 30_000 },
    );
    expect(tombstone).toMatchObject({ email: null, name: null, time_zone: null });
  }, 120_000);
});
