import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { createDatabase } from '@taskwire/platform/database';
import type { ProcessedEventsTable } from '@taskwire/platform/inbox';

/** The Postgres schema the audit subgraph owns. */
export const auditSchema = 'audit';

/**
 * Database roles (cluster-wide, created idempotently by the migration). The subgraph reads
 * as `auditReaderRole` (SELECT only); the audit-writer writes as `auditWriterRole` (INSERT
 * only, plus the inbox and the membership and task-project projections). Neither can UPDATE or
 * DELETE an audit row: the log is append-only. Retention and erasure run as the migration owner.
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
  /** Who made the change; null for the system, and once the actor's account is deleted (`actor_deleted`). */
  actor_id: string | null;
  /** The actor's account was deleted: the entry no longer names them. */
  actor_deleted: Generated<boolean>;
  /**
   * The event's owner (the task's, or the tag's or reminder's for those): a task whose project is
   * unknown here is readable by it alone. Null once that account is deleted.
   */
  user_id: string | null;
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

export type ProjectRole = 'OWNER' | 'EDITOR' | 'VIEWER';

/**
 * Projection of the tasks subgraph's memberships (`project-events`): who may read the history of
 * a project's tasks. A former member keeps their row with `removed_at`; a deleted account has none.
 */
export interface ProjectMemberTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  /** When they left or were removed; null while a member. */
  removed_at: Date | null;
  /** The occurred-at of the event that wrote the row (an older event changes nothing). */
  updated_at: Date;
}

/** Each task's current project, from its events' snapshots (no user id). */
export interface TaskProjectTable {
  task_id: string;
  project_id: string;
  /** The occurred-at of the event that wrote the row (an older event changes nothing). */
  updated_at: Date;
}

export interface AuditDB {
  audit_entries: AuditEntriesTable;
  erased_user: ErasedUserTable;
  processed_events: ProcessedEventsTable;
  project_member: ProjectMemberTable;
  task_project: TaskProjectTable;
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
