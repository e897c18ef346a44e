import { sql, type Kysely } from 'kysely';

/**
 * `user_profile`: what tasks needs to know about a user, projected from `user-events` (accounts
 * owns users; tasks never reads its schema). A deleted user keeps a row with `deleted_at` and no
 * personal data, so a late or re-driven older event cannot bring the user back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_profile (
      user_id text primary key,
      email text,
      email_lower text,
      time_zone text,
      -- the snapshot's updatedAt: an older snapshot never overwrites a newer one
      source_updated_at timestamptz not null,
      deleted_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
  // Not unique: two users swapping addresses pass through a moment where both rows hold one.
  await sql`create index user_profile_email_idx on user_profile (email_lower) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_profile').execute();
}
