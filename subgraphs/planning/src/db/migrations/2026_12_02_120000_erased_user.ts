import { sql, type Kysely } from 'kysely';

/**
 * Tombstones of deleted accounts: only the id and when it was erased (no personal data), so a
 * task event still in flight for the user, or a request that raced the deletion, writes
 * nothing once the user's rows are erased (`user.deleted`, docs/architecture.md "Account deletion").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table erased_user (
      user_id text primary key,
      erased_at timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erased_user').execute();
}
