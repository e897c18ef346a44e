import { sql, type Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '@taskwire/platform/database';
import type { PlanningDatabase, TagTable } from '../../db/database.js';

export type TagRow = Selectable<TagTable>;

export async function listTags(db: Executor<PlanningDatabase>, userId: string): Promise<TagRow[]> {
  return db
    .selectFrom('tag')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export async function findTagById(
  db: Executor<PlanningDatabase>,
  userId: string,
  tagId: string,
): Promise<TagRow | undefined> {
  return db.selectFrom('tag').selectAll().where('user_id', '=', userId).where('id', '=', tagId).executeTakeFirst();
}

/** Inserts a tag; returns undefined when the user already has a tag of that name (any case). */
export async function insertTag(
  db: Executor<PlanningDatabase>,
  input: { userId: string; name: string; color: string | null },
): Promise<TagRow | undefined> {
  const result = await sql<TagRow>`
    insert into tag (id, user_id, name, color) values (${uuidv7()}, ${input.userId}, ${input.name}, ${input.color})
    on conflict (user_id, lower(name)) do nothing
    returning *`.execute(db);
  return result.rows[0];
}

/**
 * Finds the user's tags with these names (case-insensitively), creating the missing ones
 * (without colour). Safe against a concurrent creation of the same name.
 */
export async function ensureTags(db: Executor<PlanningDatabase>, userId: string, names: string[]): Promise<TagRow[]> {
  if (names.length === 0) return [];
  const lowered = names.map((n) => n.toLowerCase());
  for (const name of names) {
    await sql`insert into tag (id, user_id, name, color) values (${uuidv7()}, ${userId}, ${name}, null)
              on conflict (user_id, lower(name)) do nothing`.execute(db);
  }
  return db
    .selectFrom('tag')
    .selectAll()
    .where('user_id', '=', userId)
    .where(sql<string>`lower(name)`, 'in', lowered)
    .execute();
}

/** Tags of each task (one query), scoped to `userId`. */
export async function tagsForTasks(
  db: Executor<PlanningDatabase>,
  userId: string,
  taskIds: readonly string[],
): Promise<Map<string, TagRow[]>> {
  const byTask = new Map<string, TagRow[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('task_tag')
    .innerJoin('tag', 'tag.id', 'task_tag.tag_id')
    .select(['task_tag.task_id', 'tag.id', 'tag.user_id', 'tag.name', 'tag.color', 'tag.created_at'])
    .where('task_tag.user_id', '=', userId)
    .where('task_tag.task_id', 'in', [...taskIds])
    .orderBy(sql`lower(tag.name)`)
    .execute();
  for (const { task_id, ...tag } of rows) byTask.get(task_id)?.push(tag);
  return byTask;
}

/** Adds tags to a task; returns the tags actually added (not already there). */
export async function addTaskTags(
  db: Executor<PlanningDatabase>,
  userId: string,
  taskId: string,
  tags: readonly TagRow[],
): Promise<TagRow[]> {
  if (tags.length === 0) return [];
  const inserted = await db
    .insertInto('task_tag')
    .values(tags.map((t) => ({ task_id: taskId, tag_id: t.id, user_id: userId })))
    .onConflict((oc) => oc.columns(['task_id', 'tag_id']).doNothing())
    .returning('tag_id')
    .execute();
  const ids = new Set(inserted.map((r) => r.tag_id));
  return tags.filter((t) => ids.has(t.id));
}

/** Removes tags from a task; returns the tags actually removed. */
export async function removeTaskTags(
  db: Executor<PlanningDatabase>,
  taskId: string,
  tags: readonly TagRow[],
): Promise<TagRow[]> {
  if (tags.length === 0) return [];
  const deleted = await db
    .deleteFrom('task_tag')
    .where('task_id', '=', taskId)
    .where(
      'tag_id',
      'in',
      tags.map((t) => t.id),
    )
    .returning('tag_id')
    .execute();
  const ids = new Set(deleted.map((r) => r.tag_id));
  return tags.filter((t) => ids.has(t.id));
}

/** Removes every tag of a task (the task was deleted); returns the removed tags. */
export async function dropTaskTags(db: Executor<PlanningDatabase>, userId: string, taskId: string): Promise<TagRow[]> {
  const current = (await tagsForTasks(db, userId, [taskId])).get(taskId) ?? [];
  return removeTaskTags(db, taskId, current);
}

/** Takes every user's tags off a deleted task (its `task.deleted` says it all: no events). */
export async function dropAllTaskTags(db: Executor<PlanningDatabase>, taskId: string): Promise<void> {
  await db.deleteFrom('task_tag').where('task_id', '=', taskId).execute();
}

/** Deletes a tag, taking it off every task; returns the task ids that carried it. */
export async function deleteTagEverywhere(
  db: Executor<PlanningDatabase>,
  userId: string,
  tagId: string,
): Promise<string[]> {
  const rows = await db
    .deleteFrom('task_tag')
    .where('tag_id', '=', tagId)
    .where('user_id', '=', userId)
    .returning('task_id')
    .execute();
  await db.deleteFrom('tag').where('id', '=', tagId).where('user_id', '=', userId).execute();
  return rows.map((r) => r.task_id).sort();
}
