import { sql, type Kysely } from 'kysely';

/**
 * The Trash (issue "Capture and organise", item 5): `deleteTask` keeps the task, hidden, with
 * the time it was trashed; its subtasks go with it and name it in `trashed_with`, so restoring
 * it restores exactly them. After 30 days the purge job deletes it for good.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks add column trashed_at timestamptz`.execute(db);
  await sql`alter table tasks add column trashed_with uuid`.execute(db);
  // The Trash list (newest first) and the purge job (oldest first) read the trashed roots only.
  await sql`create index tasks_trash_idx on tasks (project_id, trashed_at, id) where trashed_at is not null and trashed_with is null`.execute(
    db,
  );
  await sql`create index tasks_trashed_with_idx on tasks (trashed_with) where trashed_with is not null`.execute(db);
}
