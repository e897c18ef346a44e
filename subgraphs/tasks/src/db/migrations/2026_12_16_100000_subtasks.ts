import { sql, type Kysely } from 'kysely';

/**
 * Subtasks (issue "Capture and organise", item 3): a task may have a parent in the same project,
 * four levels deep at most (checked by the service). `completed_with` names the task whose
 * completion completed this one, so reopening that task reopens exactly these (one undo).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks add column parent_id uuid references tasks (id)`.execute(db);
  await sql`alter table tasks add column completed_with uuid`.execute(db);
  await sql`create index tasks_parent_idx on tasks (parent_id, position) where parent_id is not null`.execute(db);
  await sql`create index tasks_completed_with_idx on tasks (completed_with) where completed_with is not null`.execute(
    db,
  );
}
