import type { Kysely } from 'kysely';

/** Which scheduler replica fired a reminder (host:pid): shows how replicas share the work. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reminder_firing').addColumn('fired_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reminder_firing').dropColumn('fired_by').execute();
}
