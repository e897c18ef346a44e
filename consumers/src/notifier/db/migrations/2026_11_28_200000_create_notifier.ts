import { sql, type Kysely } from 'kysely';
import { createInboxTable } from '@taskwire/platform/inbox';

export async function up(db: Kysely<any>): Promise<void> {
  await createInboxTable(db);
  await db.schema
    .createTable('pending_email')
    .addColumn('firing_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('reminder_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'sending', 'sent', 'skipped')`),
    )
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('outcome', 'text')
    .addColumn('message_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The sender's claim query reads only open rows, by time.
  await sql`create index pending_email_open_idx on pending_email (next_attempt_at) where state = 'pending'`.execute(db);
  await sql`create index pending_email_lease_idx on pending_email (lease_until) where state = 'sending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_email').execute();
  await db.schema.dropTable('processed_events').execute();
}
