import { sql, type Kysely } from 'kysely';

/**
 * Why a reminder was cancelled (`task-completed`, `task-deleted`, `due-cleared`), so reopening
 * a task brings back exactly the reminders its completion cancelled. Reminders cancelled before
 * this column keep null and stay cancelled.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reminder add column cancel_reason text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table reminder drop column cancel_reason`.execute(db);
}
