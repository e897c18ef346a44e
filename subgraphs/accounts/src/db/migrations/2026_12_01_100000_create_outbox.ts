import type { Kysely } from 'kysely';
import { createOutboxTable } from '@taskwire/platform/outbox';

/** The outbox of `user-events`: written in the same transaction as the user row it describes. */
export async function up(db: Kysely<any>): Promise<void> {
  await createOutboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
