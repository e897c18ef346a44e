/**
 * The whole Taskwire stack in the test process, against the run's PostgreSQL and Kafka, on
 * a fresh database and with consumer groups of its own (so stacks of different test files
 * and other tests' consumers never steal each other's partitions). Consumers start from the
 * latest offsets and the harness waits until every one has joined its group, so every event
 * produced by the test is seen.
 *
 * Processes killed on purpose (SIGKILL tests) are not started here: those tests spawn them.
 */
import { Kafka, logLevel } from 'kafkajs';
import { parseConfig } from '@taskwire/platform/config';
import { accountsConfigSchema, startAccountsService } from '@taskwire/accounts/server';
import { migrateAccounts } from '@taskwire/accounts/migrate';
import { tasksConfigSchema, startTasksService } from '@taskwire/tasks/server';
import { migrateTasks } from '@taskwire/tasks/migrate';
import { planningConfigSchema, startPlanningService, createReminderScheduler } from '@taskwire/planning/server';
import { migratePlanning } from '@taskwire/planning/migrate';
import { createPlanningDatabase } from '@taskwire/planning';
import { auditConfigSchema, startAuditService } from '@taskwire/audit/server';
import { migrateAudit } from '@taskwire/audit/migrate';
import { auditWriterConfigSchema } from '@taskwire/consumers/audit-writer/env';
import { createAuditWriter } from '@taskwire/consumers/audit-writer/consumer';
import { planningSyncConfigSchema } from '@taskwire/consumers/planning-sync/env';
import { createPlanningSyncConsumer } from '@taskwire/consumers/planning-sync/consumer';
import { recurrenceConfigSchema } from '@taskwire/consumers/recurrence/env';
import { createRecurrenceConsumer } from '@taskwire/consumers/recurrence/consumer';
import { notifierConfigSchema } from '@taskwire/consumers/notifier/env';
import { createNotifier } from '@taskwire/consumers/notifier/consumer';
import { migrateNotifier } from '@taskwire/consumers/notifier/db/database';
import { gatewayConfigSchema } from '@taskwire/gateway/env';
import { startGateway } from '@taskwire/gateway/service';
import { subscriptionsHook, type SubscriptionOptions } from '@taskwire/gateway/subscriptions/server';
import { createLogger } from '@taskwire/platform/logger';
import {
  createTestDatabase,
  eventually,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  uniqueSuffix,
} from './support.js';

/** Commits offsets at the current high watermarks for groups that have none yet. */
export async function startGroupsAtEnd(brokers: string[], topic: string, groupIds: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'taskwire-test-stack', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const groupId of groupIds) {
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

export interface Stack {
  /** http://127.0.0.1:<port>/graphql of the gateway (the UI is served at its origin). */
  gatewayUrl: string;
  /** http://127.0.0.1:<opsPort> of the gateway: its /metrics (not on the API port), /healthz, /readyz. */
  gatewayOpsUrl: string;
  /**
   * A gateway that runs any document (TRUSTED_DOCUMENTS=off) over the same subgraphs: the
   * gateway itself unless the stack was started with TRUSTED_DOCUMENTS=enforce, when the test's
   * own queries (setup, assertions) need a second one.
   */
  openGatewayUrl: string;
  /** Each subgraph's GraphQL endpoint, for tests that call a subgraph directly. */
  subgraphUrls: Record<'accounts' | 'tasks' | 'planning' | 'audit', string>;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Suffix of this stack's consumer group ids. */
  suffix: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra environment for every service (e.g. REMINDER_EMAIL_GRACE_SECONDS). */
  env?: Record<string, string>;
  logLevel?: string;
  /** In-process consumers to leave out (a test that spawns its own, e.g. to SIGKILL it). */
  without?: Array<'recurrence' | 'notifier'>;
  /** Limits of the gateway's federated subscriptions. */
  subscriptions?: SubscriptionOptions;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const databaseUrl = await createTestDatabase('stack');
  const kafkaBrokers = testKafkaBrokers();
  const suffix = uniqueSuffix();
  const { pem } = await testKeys();
  const base: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    LOG_LEVEL: options.logLevel ?? process.env.TASKWIRE_TEST_LOG_LEVEL ?? 'warn',
    JWT_PUBLIC_KEY: pem.publicKeyPem,
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
    ...options.env,
  };
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    // New consumer groups start at the end of the shared topics: earlier tests' events belong
    // to other databases, and replaying them would only delay this stack's own.
    await startGroupsAtEnd(kafkaBrokers, 'task-events', [
      `tasks-tag-projection-${suffix}`,
      `audit-writer-${suffix}`,
      `planning-sync-${suffix}`,
      `recurrence-${suffix}`,
    ]);
    await migrateAccounts(databaseUrl);
    await migrateTasks(databaseUrl);
    await migratePlanning(databaseUrl);
    await migrateAudit(databaseUrl);
    await migrateNotifier(databaseUrl);
    await startGroupsAtEnd(kafkaBrokers, 'reminder-events', [`notifier-${suffix}`]);
    await startGroupsAtEnd(kafkaBrokers, 'project-events', [
      `accounts-share-mail-${suffix}`,
      `accounts-project-members-${suffix}`,
      `audit-writer-${suffix}-projects`,
      `planning-sync-${suffix}`,
    ]);
    await startGroupsAtEnd(kafkaBrokers, 'user-events', [
      `notifier-${suffix}`,
      `tasks-user-projection-${suffix}`,
      `planning-sync-${suffix}`,
      `audit-writer-${suffix}-erasure`,
    ]);

    const accounts = await startAccountsService(
      parseConfig(accountsConfigSchema, {
        ...base,
        JWT_PRIVATE_KEY: pem.privateKeyPem,
        // Accounts mails (verification links on every sign-up) only where a test brings an SMTP server.
        MAIL_SENDER_ENABLED: base.SMTP_URL ? 'true' : 'false',
      }),
      // Accounts reads the run's shared project-events topic in groups of this stack's own.
      {
        shareMails: { name: `accounts-share-mail-${suffix}` },
        projectMembers: { name: `accounts-project-members-${suffix}` },
      },
    );
    stops.push(() => accounts.stop());
    const tasks = await startTasksService(parseConfig(tasksConfigSchema, base), {
      tagProjection: { name: `tasks-tag-projection-${suffix}` },
      userProjection: { name: `tasks-user-projection-${suffix}` },
    });
    stops.push(() => tasks.stop());
    const planning = await startPlanningService(parseConfig(planningConfigSchema, base));
    stops.push(() => planning.stop());
    const audit = await startAuditService(parseConfig(auditConfigSchema, base));
    stops.push(() => audit.stop());

    const schedulerDb = createPlanningDatabase(databaseUrl, 2);
    const scheduler = createReminderScheduler({
      db: schedulerDb,
      databaseUrl,
      logger: createLogger('scheduler', base.LOG_LEVEL),
    });
    await scheduler.start();
    stops.push(async () => {
      await scheduler.stop();
      await schedulerDb.destroy();
    });

    const auditWriter = createAuditWriter(
      parseConfig(auditWriterConfigSchema, { ...base, AUDIT_WRITER_GROUP: `audit-writer-${suffix}` }),
    );
    await auditWriter.start();
    stops.push(() => auditWriter.stop());
    const planningSync = createPlanningSyncConsumer(
      parseConfig(planningSyncConfigSchema, { ...base, CONSUMER_GROUP: `planning-sync-${suffix}` }),
    );
    await planningSync.start();
    stops.push(() => planningSync.stop());
    const recurrence = options.without?.includes('recurrence')
      ? undefined
      : createRecurrenceConsumer(
          parseConfig(recurrenceConfigSchema, { ...base, CONSUMER_GROUP: `recurrence-${suffix}` }),
        );
    if (recurrence) {
      await recurrence.start();
      stops.push(() => recurrence.stop());
    }
    // E-mails unacknowledged reminders after REMINDER_EMAIL_GRACE_SECONDS (default 60) to SMTP_URL.
    const notifier = options.without?.includes('notifier')
      ? undefined
      : createNotifier(parseConfig(notifierConfigSchema, { ...base, CONSUMER_GROUP: `notifier-${suffix}` }));
    if (notifier) {
      await notifier.start();
      stops.push(() => notifier.stop());
    }

    const gatewayEnv: Record<string, string> = {
      ...base,
      ACCOUNTS_URL: accounts.url,
      TASKS_URL: tasks.url,
      PLANNING_URL: planning.url,
      AUDIT_URL: audit.url,
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_BURST: '10000',
    };
    const gateway = await startGateway(parseConfig(gatewayConfigSchema, gatewayEnv), {
      onHttpServer: subscriptionsHook(options.subscriptions),
    });
    stops.push(() => gateway.stop());
    let openGatewayUrl = gateway.url;
    if (gatewayEnv.TRUSTED_DOCUMENTS === 'enforce') {
      const open = await startGateway(parseConfig(gatewayConfigSchema, { ...gatewayEnv, TRUSTED_DOCUMENTS: 'off' }));
      stops.push(() => open.stop());
      openGatewayUrl = open.url;
    }

    // planning's /readyz includes its reminder-events feed (reminderDue subscriptions see events from then on).
    const planningReady = async () => (await fetch(`${planning.opsUrl}/readyz`)).ok;
    await eventually(
      async () =>
        (await auditWriter.ready()) &&
        planningSync.ready() &&
        (recurrence?.ready() ?? true) &&
        (notifier?.ready() ?? true) &&
        (await planningReady())
          ? true
          : undefined,
      {
        timeoutMs: 60_000,
        what: 'consumers to join their groups',
      },
    );
    return {
      gatewayUrl: gateway.url,
      gatewayOpsUrl: gateway.opsUrl,
      openGatewayUrl,
      subgraphUrls: { accounts: accounts.url, tasks: tasks.url, planning: planning.url, audit: audit.url },
      databaseUrl,
      kafkaBrokers,
      suffix,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
