import { z } from 'zod';
import { topics } from '@taskwire/platform/events';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the audit-writer consumer (parsed once, in main.ts or by tests). */
export const auditWriterConfigSchema = z.object({
  PORT: envFields.port(4011),
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  LOG_LEVEL: envFields.logLevel,
  /** Topic to consume (tests point it at a private topic). */
  AUDIT_WRITER_TOPIC: z.string().min(1).default(topics.task),
  /** Topic of user events: `user.deleted` erases the user's entries (group `<AUDIT_WRITER_GROUP>-erasure`). */
  USER_EVENTS_TOPIC: z.string().min(1).default(topics.user),
  /**
   * Topic of project events: memberships decide who reads a project's task histories (group
   * `<AUDIT_WRITER_GROUP>-projects`).
   */
  PROJECT_EVENTS_TOPIC: z.string().min(1).default(topics.project),
  /** Consumer group id and inbox consumer name. */
  AUDIT_WRITER_GROUP: z.string().min(1).default('audit-writer'),
  /** Keep audit rows this many days (by occurred-at); unset or empty = keep forever. */
  AUDIT_RETENTION_DAYS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(1).max(36_500).optional(),
  ),
  /**
   * Where a group without committed offsets starts: `true` (default) audits whatever the
   * topic still holds; `false` starts at the end (test stacks on a shared topic).
   */
  AUDIT_WRITER_FROM_BEGINNING: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * kafkajs session timeout: how long the group waits for a member that vanished (e.g.
   * was SIGKILLed) before giving its partitions to another one.
   */
  AUDIT_WRITER_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  AUDIT_RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3_600),
});

export type AuditWriterConfig = z.infer<typeof auditWriterConfigSchema>;
