import type { Kysely } from 'kysely';
import { createIdempotencyKeysTable, dropIdempotencyKeysTable } from '@taskwire/platform/idempotency.repository';

/** Idempotency-Keys of this subgraph's mutations, written in the same transaction as their effects. */
export async function up(db: Kysely<any>): Promise<void> {
  await createIdempotencyKeysTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropIdempotencyKeysTable(db);
}
