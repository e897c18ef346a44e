import { sql, type Kysely } from 'kysely';
import { createInboxTable } from '@taskwire/platform/inbox';
import { auditReaderRole, auditSchema, auditWriterRole } from '../database.js';

/**
 * The append-only audit log, the audit-writer's inbox, and two roles: a reader that can
 * only SELECT and a writer that can only INSERT (and claim inbox rows). Roles are
 * cluster-wide, so they are created idempotently (several databases, or concurrent test
 * migrations, may race to create them); grants are per database and schema.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('correlation_id', 'text')
    .addColumn('traceparent', 'text')
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // auditLog: the user's entries newest first (+ since/until ranges).
  await sql`create index audit_entries_user_time on audit.audit_entries (user_id, occurred_at desc, id desc)`.execute(
    db,
  );
  // Task.history and auditLog(filter: { taskId }).
  await sql`create index audit_entries_user_task_time on audit.audit_entries (user_id, task_id, occurred_at desc, id desc)`.execute(
    db,
  );
  // Retention deletes by age across all users.
  await sql`create index audit_entries_occurred_at on audit.audit_entries (occurred_at)`.execute(db);

  await createInboxTable(db);

  for (const role of [auditReaderRole, auditWriterRole]) {
    await sql
      .raw(
        `do $$ begin
           if not exists (select from pg_roles where rolname = '${role}') then
             create role ${role} nologin;
           end if;
         exception when duplicate_object or unique_violation then null; -- created concurrently
         end $$`,
      )
      .execute(db);
    // A non-superuser migration owner must be a member to `set role` (superusers need not).
    await sql
      .raw(
        `do $$ begin
           if not (select rolsuper from pg_roles where rolname = current_user)
              and not pg_has_role(current_user, '${role}', 'member') then
             execute format('grant %I to %I', '${role}', current_user);
           end if;
         end $$`,
      )
      .execute(db);
  }
  const s = auditSchema;
  await sql.raw(`grant usage on schema ${s} to ${auditReaderRole}, ${auditWriterRole}`).execute(db);
  await sql.raw(`grant select on ${s}.audit_entries to ${auditReaderRole}`).execute(db);
  // INSERT only (identity columns need no sequence grant), plus SELECT on event_id alone,
  // which `on conflict (event_id) do nothing` needs to infer its arbiter index. The inbox
  // needs SELECT for `insert … returning` in claimEvents.
  await sql.raw(`grant insert on ${s}.audit_entries to ${auditWriterRole}`).execute(db);
  await sql.raw(`grant select (event_id) on ${s}.audit_entries to ${auditWriterRole}`).execute(db);
  await sql.raw(`grant select, insert on ${s}.processed_events to ${auditWriterRole}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = auditSchema;
  await sql
    .raw(`revoke all on ${s}.audit_entries, ${s}.processed_events from ${auditReaderRole}, ${auditWriterRole}`)
    .execute(db);
  await sql.raw(`revoke usage on schema ${s} from ${auditReaderRole}, ${auditWriterRole}`).execute(db);
  await db.schema.dropTable('processed_events').execute();
  await db.schema.dropTable('audit_entries').execute();
}
