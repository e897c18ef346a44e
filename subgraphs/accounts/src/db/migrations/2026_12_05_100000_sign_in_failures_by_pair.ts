import type { Kysely } from 'kysely';

// Sign-in throttling counts failures per (account, address) pair (user.throttle.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('sign_in_failures_pair')
    .on('sign_in_failures')
    .columns(['account_key', 'client_address', 'failed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sign_in_failures_pair').execute();
}
