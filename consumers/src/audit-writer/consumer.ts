import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createConsumerRunner } from '@taskwire/platform/consumer-runner';
import { databaseReady } from '@taskwire/platform/database';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { type MetricsRegistry, prom } from '@taskwire/platform/metrics';
import { membershipEventTypes } from '@taskwire/platform/project-members';
import {
  applyMembershipEvent,
  auditWriterRole,
  createAuditDatabase,
  eraseUserEntries,
  type AuditDB,
} from '@taskwire/audit';
import type { AuditWriterConfig } from './env.js';
import { auditedEventTypes, handle, handleBatch } from './handler.js';
import { scheduleAuditRetention } from './retention.js';

export interface AuditWriter {
  /** Joins the group and starts writing; also starts the retention job when configured. */
  start(): Promise<void>;
  /** Finishes the in-flight batch, commits, disconnects, closes the pools. */
  stop(): Promise<void>;
  /** Connected to the group and the database answers. */
  ready(): Promise<boolean>;
}

export interface AuditWriterDeps {
  logger?: Logger;
  registry?: MetricsRegistry;
}

/**
 * The audit-writer: `task-events` → one `audit.audit_entries` row per event, in batches
 * (one insert per Kafka batch, with the inbox claims, in one transaction), and each task's
 * project; `project-events` → the membership projection that decides who reads a task's
 * history (a second group); `user.deleted` → the user's entries erased or anonymised (a third
 * group, as the migration owner). Writes as the INSERT-only role (plus the projections);
 * retention (when AUDIT_RETENTION_DAYS is set) runs hourly as the migration owner in a
 * separate small pool.
 */
export function createAuditWriter(config: AuditWriterConfig, deps: AuditWriterDeps = {}): AuditWriter {
  const logger = deps.logger ?? createLogger('audit-writer', config.LOG_LEVEL);
  const db: Kysely<AuditDB> = createAuditDatabase({
    url: config.DATABASE_URL,
    role: auditWriterRole,
    applicationName: 'audit-writer',
  });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'audit-writer', logger });
  const written = deps.registry
    ? new prom.Counter({ name: 'audit_entries_written_total', help: 'Audit rows inserted', registers: [deps.registry] })
    : null;
  const runner = createConsumerRunner({
    name: config.AUDIT_WRITER_GROUP,
    topics: [config.AUDIT_WRITER_TOPIC],
    kafka,
    db,
    logger,
    // Every type on task-events is audited; a type added later is skipped until this
    // consumer knows it (then it can be re-read from the topic).
    types: auditedEventTypes,
    handle: async (trx, event) => {
      await handle(trx, event);
      written?.inc();
    },
    handleBatch: async (trx, events) => {
      const n = await handleBatch(trx, events);
      written?.inc(n);
    },
    fromBeginning: config.AUDIT_WRITER_FROM_BEGINNING,
    sessionTimeoutMs: config.AUDIT_WRITER_SESSION_TIMEOUT_MS,
    ...(deps.registry ? { registry: deps.registry } : {}),
  });
  // Memberships: their own group (so a backlog of task events does not delay access changes),
  // through the same runner and inbox, as the writer role (which may change the projections).
  const memberships = createConsumerRunner({
    name: `${config.AUDIT_WRITER_GROUP}-projects`,
    topics: [config.PROJECT_EVENTS_TOPIC],
    kafka,
    db,
    logger,
    types: membershipEventTypes,
    handle: (trx, event) => applyMembershipEvent(trx, event),
    fromBeginning: config.AUDIT_WRITER_FROM_BEGINNING,
    sessionTimeoutMs: config.AUDIT_WRITER_SESSION_TIMEOUT_MS,
    ...(deps.registry ? { registry: deps.registry } : {}),
  });
  // Erasure deletes, which the INSERT-only role cannot: its own group and a small pool as the
  // migration owner (like retention), reading `user.deleted` from `user-events`.
  const erasureDb: Kysely<AuditDB> = createAuditDatabase({
    url: config.DATABASE_URL,
    maxConnections: 2,
    applicationName: 'audit-erasure',
  });
  const erasure = createConsumerRunner({
    name: `${config.AUDIT_WRITER_GROUP}-erasure`,
    topics: [config.USER_EVENTS_TOPIC],
    kafka,
    db: erasureDb,
    logger,
    types: ['user.deleted'] as const,
    handle: async (trx, event) => {
      const erased = await eraseUserEntries(trx, event.data.user.id);
      logger.info({ userId: event.data.user.id, ...erased }, 'audit entries of a deleted user erased or anonymised');
    },
    fromBeginning: config.AUDIT_WRITER_FROM_BEGINNING,
    sessionTimeoutMs: config.AUDIT_WRITER_SESSION_TIMEOUT_MS,
    ...(deps.registry ? { registry: deps.registry } : {}),
  });
  let retentionDb: Kysely<AuditDB> | null = null;
  let stopRetention: (() => Promise<void>) | null = null;

  return {
    async start() {
      await runner.start();
      await memberships.start();
      await erasure.start();
      if (config.AUDIT_RETENTION_DAYS !== undefined) {
        retentionDb = createAuditDatabase({
          url: config.DATABASE_URL,
          maxConnections: 1,
          applicationName: 'audit-retention',
        });
        stopRetention = scheduleAuditRetention(retentionDb, {
          retentionDays: config.AUDIT_RETENTION_DAYS,
          intervalMs: config.AUDIT_RETENTION_INTERVAL_SECONDS * 1000,
          logger,
        });
      }
      logger.info(
        {
          topic: config.AUDIT_WRITER_TOPIC,
          group: config.AUDIT_WRITER_GROUP,
          retentionDays: config.AUDIT_RETENTION_DAYS ?? null,
        },
        'audit-writer started',
      );
    },
    async stop() {
      await stopRetention?.();
      await runner.stop();
      await memberships.stop();
      await erasure.stop();
      await retentionDb?.destroy();
      await erasureDb.destroy();
      await db.destroy();
    },
    async ready() {
      return (
        runner.ready() &&
        memberships.ready() &&
        erasure.ready() &&
        (await databaseReady(db as unknown as Kysely<unknown>))
      );
    },
  };
}
