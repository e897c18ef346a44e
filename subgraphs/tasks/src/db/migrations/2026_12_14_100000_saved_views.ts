import { sql, type Kysely } from 'kysely';

/**
 * Saved views: a user's named filter-language queries with an optional sort, in the
 * order of their sidebar. Personal UI settings: no other service hears of them (no events).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table saved_views (
      id uuid primary key,
      user_id text not null,
      name text not null check (char_length(name) between 1 and 100),
      -- A filter-language query (docs/api.md "Filter language"); empty = every task.
      query text not null,
      -- A TaskSortField of the SDL (checked there: the enum may grow) and ASC or DESC; both null
      -- (the list's default order) or both set.
      sort_field text,
      sort_direction text check (sort_direction in ('ASC', 'DESC')),
      -- Where the view sits in its user's list (1 first, no gaps).
      position integer not null check (position >= 1),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((sort_field is null) = (sort_direction is null))
    )`.execute(db);
  await sql`create unique index saved_views_user_name_idx on saved_views (user_id, lower(name))`.execute(db);
  await sql`create index saved_views_user_position_idx on saved_views (user_id, position)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table saved_views`.execute(db);
}
