import { sql, type Kysely } from 'kysely';

/**
 * Full-text search per user: a GIN index on (user_id, search_vector) instead of the vector
 * alone. With the vector alone, a common word matched every user's rows (50,000 of 1,000,000 in
 * bench/tasks-search.ts) and the user filter ran on the heap afterwards (~250 ms); with the
 * user id inside the GIN index the bitmap holds only the user's matches.
 * btree_gin (a trusted contrib extension) gives GIN an operator class for text; it is
 * installed once per database into `public`, which every service has on its search_path.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gin with schema public`.execute(db);
  await sql`create index tasks_user_search_idx on tasks using gin (user_id, search_vector)`.execute(db);
  await sql`drop index tasks_search_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index tasks_search_idx on tasks using gin (search_vector)`.execute(db);
  await sql`drop index tasks_user_search_idx`.execute(db);
}
