import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { TasksDatabase } from '../../db/database.js';
import { isTaskId as isUuid } from '../task/task.repository.js';
import type { SavedViewRow } from './saved-view.model.js';

type Db = Executor<TasksDatabase>;

/** The user's views in their list order (position 1 first). */
export async function findSavedViewsForUser(db: Db, userId: string): Promise<SavedViewRow[]> {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/**
 * Serialises the writes to one user's views until the end of the transaction (a transaction
 * advisory lock), so the limit, the unique name and the numbering 1, 2, … hold under concurrent
 * requests, including the first view, for which there is no row to lock.
 */
export async function lockSavedViewsOfUser(trx: Db, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${'taskwire-saved-views:' + userId}, 0))`.execute(trx);
}

/** The user's view `id`, or undefined (also for someone else's view or an id that is not a uuid). */
export async function findSavedViewForUser(db: Db, userId: string, id: string): Promise<SavedViewRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('saved_views').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Whether another of the user's views than `exceptId` has this name, compared as the unique index does. */
export async function savedViewNameTaken(db: Db, userId: string, name: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('saved_views')
    .select('id')
    .where('user_id', '=', userId)
    .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** How many views the user has. */
export async function countSavedViews(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('saved_views')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertSavedView(trx: Db, row: SavedViewRow): Promise<SavedViewRow> {
  return trx.insertInto('saved_views').values(row).returningAll().executeTakeFirstOrThrow();
}

export type SavedViewPatch = Partial<Pick<SavedViewRow, 'name' | 'query' | 'sort_field' | 'sort_direction'>>;

export async function updateSavedViewRow(trx: Db, id: string, patch: SavedViewPatch, now: Date): Promise<void> {
  await trx
    .updateTable('saved_views')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Renumbers the user's views 1, 2, … in their current order with `move` (if given) placed at
 * its position (1 first; past the end = last). Only rows whose position changes are written.
 */
async function renumberSavedViews(
  trx: Db,
  userId: string,
  move?: { readonly id: string; readonly position: number },
): Promise<void> {
  const rows = await trx
    .selectFrom('saved_views')
    .select(['id', 'position'])
    .where('user_id', '=', userId)
    .orderBy('position')
    .orderBy('id')
    .forUpdate()
    .execute();
  const order = rows.map((r) => r.id).filter((id) => id !== move?.id);
  if (move) order.splice(Math.max(0, Math.min(move.position - 1, order.length)), 0, move.id);
  const current = new Map(rows.map((r) => [r.id, r.position]));
  for (const [index, id] of order.entries()) {
    if (current.get(id) === index + 1) continue;
    await trx
      .updateTable('saved_views')
      .set({ position: index + 1 })
      .where('id', '=', id)
      .execute();
  }
}

/** Moves one view to `position` in its user's list, renumbering the others 1, 2, … in their order. */
export async function moveSavedViewInList(trx: Db, userId: string, id: string, position: number): Promise<void> {
  await renumberSavedViews(trx, userId, { id, position });
}

/** Deletes the view and closes the gap it leaves in its user's list. */
export async function deleteSavedViewRow(trx: Db, userId: string, id: string): Promise<void> {
  await trx.deleteFrom('saved_views').where('id', '=', id).where('user_id', '=', userId).execute();
  await renumberSavedViews(trx, userId);
}

/** Deletes every view of the user (account erasure). @returns how many went. */
export async function eraseUserSavedViews(trx: Db, userId: string): Promise<number> {
  const result = await trx.deleteFrom('saved_views').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
