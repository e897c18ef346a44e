import { sql, type Kysely } from 'kysely';

/**
 * The notifier's own projections, so it reads no other schema: recipients from `user-events`,
 * acknowledged firings from `reminder.acknowledged`, and the task title carried by
 * `reminder.due`. A deleted user keeps a recipient row without personal data (a tombstone), so
 * a late older event cannot bring the address back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table recipient (
      user_id text primary key,
      email text,
      name text,
      time_zone text,
      -- the snapshot's updatedAt: an older snapshot never overwrites a newer one
      source_updated_at timestamptz not null,
      deleted_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table acknowledged_firing (
      firing_id text primary key,
      reminder_id text not null,
      user_id text not null,
      acknowledged_at timestamptz not null
    )`.execute(db);
  await sql`alter table pending_email add column task_title text`.execute(db);
  // How often the mail waited for its recipient to be projected (drives that wait's backoff).
  await sql`alter table pending_email add column recipient_waits integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pending_email drop column recipient_waits`.execute(db);
  await sql`alter table pending_email drop column task_title`.execute(db);
  await db.schema.dropTable('acknowledged_firing').execute();
  await db.schema.dropTable('recipient').execute();
}
