import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { createDatabase } from '@taskwire/platform/database';
import type { ProcessedEventsTable } from '@taskwire/platform/inbox';

/** The Postgres schema the audit subgraph owns. */
export const auditSchema = 'audit';

/**
 * Database roles (cluster-wide, created idempotently by the migration). The subgraph reads
 * as `auditReaderRole` (SELECT only); the audit-writer writes as `auditWriterRole` (INSERT
 * only, plus the inbox). Neither can UPDATE or DELETE an audit row: the log is append-only.
 * Retention runs as the migration owner.
 */
export const auditReaderRole = 'taskwire_audit_reader';
export const auditWriterRole = 'taskwire_audit_writer';

/** One changed field; `old`/`new` are JSON values (null when absent). */
export interface StoredFieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface AuditEntriesTable {
  /** Insertion order; tie-break after occurred_at. */
  id: Generated<string>;
  event_id: string;
  type: string;
  actor_id: string | null;
  /** Owner of the task: every read is scoped by it. */
  user_id: string;
  task_id: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  correlation_id: string | null;
  traceparent: string | null;
  changes: ColumnType<StoredFieldChange[], string, never>;
  recorded_at: ColumnType<Date, never, never>;
}

/** Tombstones of deleted accounts (id and time only): their entries are not written again. */
export interface ErasedUserTable {
  user_id: string;
  erased_at: Generated<Date>;
}

export interface AuditDB {
  audit_entries: AuditEntriesTable;
  erased_user: ErasedUserTable;
  processed_events: ProcessedEventsTable;
}

export type AuditEntryRow = Selectable<AuditEntriesTable>;

export interface AuditDatabaseOptions {
  url: string;
  /**
   * Role every pooled connection acts as (`-c role=…` at connection start), e.g.
   * `auditReaderRole`; omitted → the login user (the migration owner).
   */
  role?: string;
  maxConnections?: number;
  applicationName?: string;
}

/**
 * The audit schema's database, optionally as a role: with `auditReaderRole` even a bug in a
 * resolver cannot update or delete audit rows.
 */
export function createAuditDatabase(options: AuditDatabaseOptions): Kysely<AuditDB> {
  return createDatabase<AuditDB>({ ...options, schema: auditSchema });
}
