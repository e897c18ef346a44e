import { sql, type Kysely } from 'kysely';

/**
 * Whether the projected task is in the Trash (`task.trashed` … `task.restored`): while it is,
 * nobody puts tags or reminders on it. Unlike `deleted` it can be undone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table task_state add column trashed boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table task_state drop column trashed`.execute(db);
}
