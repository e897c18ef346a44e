import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { Kysely as KyselyClass, PostgresDialect } from 'kysely';
import pg from 'pg';
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
 * Like platform's `createDatabase`, plus an optional role: the pool starts each
 * connection with `search_path=audit,public` and, when given, `role=<role>`, so even a
 * bug in a resolver cannot update or delete audit rows. (platform/src/database.ts has no
 * role option; this wraps the same pg Pool setup instead of editing it.)
 */
export function createAuditDatabase(options: AuditDatabaseOptions): Kysely<AuditDB> {
  const settings = [`-c search_path=${auditSchema},public`];
  if (options.role) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.role)) throw new Error(`invalid role name ${JSON.stringify(options.role)}`);
    settings.push(`-c role=${options.role}`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? auditSchema,
    options: settings.join(' '),
  });
  // Without a listener, an idle client's error (server restart, admin kill) crashes the process.
  pool.on('error', (error) =>
    process.stderr.write(`postgres pool (audit): idle connection failed: ${error.message}\n`),
  );
  return new KyselyClass<AuditDB>({ dialect: new PostgresDialect({ pool }) });
}
