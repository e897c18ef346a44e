import type { Kysely } from 'kysely';

/**
 * The task's title in planning's projection, so `reminder.due` can carry it (the notifier and
 * live clients need it and must not read the tasks schema). Null until the task's next event.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_state').addColumn('title', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_state').dropColumn('title').execute();
}
