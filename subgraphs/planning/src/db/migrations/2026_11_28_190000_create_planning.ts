import { sql, type Kysely } from 'kysely';
import { createOutboxTable } from '@taskwire/platform/outbox';
import { createInboxTable } from '@taskwire/platform/inbox';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Names are unique per user regardless of case ("Work" and "work" are one tag).
  await sql`create unique index tag_user_lower_name_key on tag (user_id, lower(name))`.execute(db);

  await db.schema
    .createTable('task_tag')
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tag.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('task_tag_pkey', ['task_id', 'tag_id'])
    .execute();
  await sql`create index task_tag_tag_idx on task_tag (tag_id)`.execute(db);

  await db.schema
    .createTable('reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('remind_at', 'timestamptz', (c) => c.notNull())
    .addColumn('offset_minutes', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz')
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('fire_at', 'timestamptz')
    .addColumn('fire_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'reminder_state_check',
      sql`state in ('SCHEDULED','FIRED','ACKNOWLEDGED','DISMISSED','CANCELLED')`,
    )
    .addCheckConstraint('reminder_fire_at_check', sql`(state = 'SCHEDULED') = (fire_at is not null)`)
    .execute();
  await sql`create index reminder_task_idx on reminder (task_id)`.execute(db);
  // The scheduler's claim and its "next due" query read only this partial index.
  await sql`create index reminder_due_idx on reminder (fire_at) where state = 'SCHEDULED'`.execute(db);

  await db.schema
    .createTable('reminder_firing')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reminder_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull())
    .addColumn('late_ms', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz')
    .addUniqueConstraint('reminder_firing_occurrence_key', ['reminder_id', 'seq'])
    .execute();

  await db.schema
    .createTable('task_state')
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('due_date', 'date')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('series_id', 'text')
    .addColumn('occurrence', 'integer')
    .addColumn('predecessor_id', 'text')
    .addColumn('task_updated_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await createOutboxTable(db);
  await createInboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['processed_events', 'outbox', 'task_state', 'reminder_firing', 'reminder', 'task_tag', 'tag']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
