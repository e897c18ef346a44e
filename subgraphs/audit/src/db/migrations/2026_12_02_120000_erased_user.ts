import { sql, type Kysely } from 'kysely';
import { auditSchema, auditWriterRole } from '../database.js';

/**
 * Tombstones of deleted accounts: only the id and when the user's entries were erased (no
 * personal data), so a task event still in flight for the user is not written to the log
 * after the erasure (`user.deleted`, docs/architecture.md "Account deletion"). The writer role
 * reads them; only the migration owner (the erasure) writes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table erased_user (
      user_id text primary key,
      erased_at timestamptz not null default now()
    )
  `.execute(db);
  await sql.raw(`grant select on ${auditSchema}.erased_user to ${auditWriterRole}`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erased_user').execute();
}
