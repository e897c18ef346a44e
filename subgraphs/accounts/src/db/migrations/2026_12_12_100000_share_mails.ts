import { sql, type Kysely } from 'kysely';
import { createInboxTable } from '@taskwire/platform/inbox';

/*
 * Share mails (modules/share-mail): the inbox of the consumer that queues them, written in the
 * same transaction as each mail, and mails to addresses without an account (invitations), whose
 * `user_id` is null. The cascade cannot erase those: deleting the account that later holds the
 * address deletes them by address (user.service.ts `deleteUser`), through the index below.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createInboxTable(db);
  await db.schema
    .alterTable('mail_outbox')
    .alterColumn('user_id', (c) => c.dropNotNull())
    .execute();
  await sql`create index mail_outbox_without_user on mail_outbox (lower(recipient)) where user_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_without_user').execute();
  await db.deleteFrom('mail_outbox').where('user_id', 'is', null).execute();
  await db.schema
    .alterTable('mail_outbox')
    .alterColumn('user_id', (c) => c.setNotNull())
    .execute();
  await db.schema.dropTable('processed_events').execute();
}
