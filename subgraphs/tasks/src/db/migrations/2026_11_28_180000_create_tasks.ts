import { sql, type Kysely } from 'kysely';
import { createOutboxTable } from '@taskwire/platform/outbox';
import { createInboxTable } from '@taskwire/platform/inbox';

export async function up(db: Kysely<any>): Promise<void> {
  // user_id is text: ids are minted by accounts and only compared for equality here.
  await sql`
    create table tasks (
      id uuid primary key,
      user_id text not null,
      title text not null check (char_length(title) between 1 and 500),
      description text check (char_length(description) <= 10000),
      priority smallint not null default 1 check (priority between 0 and 3),
      status text not null default 'OPEN' check (status in ('OPEN', 'COMPLETED')),
      due_at timestamptz,
      due_date date,
      completed_at timestamptz,
      time_zone text not null default 'UTC',
      recurrence_rrule text,
      recurrence_time_zone text,
      recurrence_anchor text check (recurrence_anchor in ('SCHEDULE', 'COMPLETION')),
      series_id uuid,
      occurrence integer check (occurrence >= 1),
      series_start_at timestamptz,
      series_start_date date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      due_key timestamptz generated always as (coalesce(due_at, timezone(time_zone, due_date::timestamp))) stored,
      search_vector tsvector generated always as (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')
      ) stored,
      constraint tasks_one_due check (due_at is null or due_date is null),
      constraint tasks_completed_at check ((status = 'COMPLETED') = (completed_at is not null)),
      constraint tasks_recurrence_complete check (
        (recurrence_rrule is null) = (recurrence_time_zone is null) and (recurrence_rrule is null) = (recurrence_anchor is null)
      )
    )`.execute(db);
  // One index per sort shape, each ending in id so (sort key, id) keyset pages are index
  // range scans in both directions. DUE_AT keeps tasks without a due date last in either
  // direction, hence two expression indexes with opposite sentinels.
  await sql`create index tasks_user_created_idx on tasks (user_id, created_at, id)`.execute(db);
  await sql`create index tasks_user_updated_idx on tasks (user_id, updated_at, id)`.execute(db);
  await sql`create index tasks_user_priority_idx on tasks (user_id, priority, id)`.execute(db);
  await sql`create index tasks_user_title_idx on tasks (user_id, lower(title), id)`.execute(db);
  await sql`create index tasks_user_due_asc_idx on tasks (user_id, coalesce(due_key, 'infinity'::timestamptz), id)`.execute(
    db,
  );
  await sql`create index tasks_user_due_desc_idx on tasks (user_id, coalesce(due_key, '-infinity'::timestamptz), id)`.execute(
    db,
  );
  // Overdue filter: open tasks by due key.
  await sql`create index tasks_user_open_due_idx on tasks (user_id, due_key) where status = 'OPEN'`.execute(db);
  await sql`create index tasks_search_idx on tasks using gin (search_vector)`.execute(db);
  // One instance per series position: the recurrence consumer relies on it to stay idempotent.
  await sql`create unique index tasks_series_occurrence_idx on tasks (series_id, occurrence)`.execute(db);

  await sql`
    create table task_tags (
      task_id uuid not null,
      tag_id text not null,
      user_id text not null,
      tag_name text not null,
      tag_name_lower text not null,
      event_id uuid not null,
      updated_at timestamptz not null default now(),
      primary key (task_id, tag_id)
    )`.execute(db);
  await sql`create index task_tags_user_name_idx on task_tags (user_id, tag_name_lower, task_id)`.execute(db);

  await createOutboxTable(db);
  await createInboxTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('processed_events').ifExists().execute();
  await db.schema.dropTable('outbox').ifExists().execute();
  await db.schema.dropTable('task_tags').ifExists().execute();
  await db.schema.dropTable('tasks').ifExists().execute();
}
