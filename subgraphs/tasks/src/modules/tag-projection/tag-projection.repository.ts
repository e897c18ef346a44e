import type { Executor } from '@taskwire/platform/database';
import type { Insertable } from 'kysely';
import type { TaskTagsTable, TasksDatabase } from '../../db/database.js';

type Db = Executor<TasksDatabase>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A projection row as written (every column but the generated `updated_at`). */
export type TaskTagRow = Omit<Insertable<TaskTagsTable>, 'updated_at'>;

/** Adds (or renames) a tag on a task. Task ids that are not uuids cannot be ours: ignored. */
export async function upsertTaskTag(db: Db, row: TaskTagRow): Promise<void> {
  if (!uuidPattern.test(row.task_id)) return;
  await db
    .insertInto('task_tags')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['task_id', 'tag_id']).doUpdateSet({
        tag_name: row.tag_name,
        tag_name_lower: row.tag_name_lower,
        event_id: row.event_id,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export async function removeTaskTag(db: Db, taskId: string, tagId: string, userId: string): Promise<void> {
  if (!uuidPattern.test(taskId)) return;
  await db
    .deleteFrom('task_tags')
    .where('task_id', '=', taskId)
    .where('tag_id', '=', tagId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteTagsOfTask(db: Db, taskId: string, userId: string): Promise<void> {
  if (!uuidPattern.test(taskId)) return;
  await db.deleteFrom('task_tags').where('task_id', '=', taskId).where('user_id', '=', userId).execute();
}

/** Tag names of a task as the projection has them (tests, diagnostics). */
export async function tagNamesOfTask(db: Db, taskId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('task_tags')
    .select('tag_name')
    .where('task_id', '=', taskId)
    .orderBy('tag_name')
    .execute();
  return rows.map((r) => r.tag_name);
}
