import { deleteUserIdempotencyRecords } from '@taskwire/platform/idempotency.repository';
import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { PlanningDatabase } from '../../db/database.js';

type Db = Executor<PlanningDatabase>;

/*
 * Erasure against writes racing it (the same scheme as the tasks subgraph's user projection):
 * a write that creates rows for a user holds the user's lock shared and checks the tombstone;
 * the erasure holds it exclusively while it writes the tombstone and deletes. A write either
 * commits before the erasure deletes (and goes with the rest) or sees the tombstone.
 */
const userLockKey = (userId: string) => sql`hashtextextended(${'taskwire-user:' + userId}, 0)`;

/**
 * Holds the user's erasure lock (shared) until the transaction ends.
 * @returns false when the user was deleted: the caller must write nothing for them.
 */
export async function holdLiveUser(db: Db, userId: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock_shared(${userLockKey(userId)})`.execute(db);
  const erased = await db.selectFrom('erased_user').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return erased === undefined;
}

/** Of `userIds`, those whose accounts were deleted (their events are ignored). */
export async function erasedUsersAmong(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom('erased_user').select('user_id').where('user_id', 'in', userIds).execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Erases every row of the user in the planning schema — tags and their links, reminders,
 * firings, the task projection, the user's outbox rows (relayed or not) — and keeps a
 * tombstone. Idempotent: a re-delivered `user.deleted` finds nothing left. Emits no events
 * (every other owner erases on the same `user.deleted`).
 * @returns how many rows went, per table.
 */
export async function eraseUser(db: Db, userId: string): Promise<Record<string, number>> {
  await sql`select pg_advisory_xact_lock(${userLockKey(userId)})`.execute(db);
  await db
    .insertInto('erased_user')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const counts: Record<string, number> = {};
  // The projection first (a request holding a task's row lock commits before it goes), then
  // children before parents (firings → reminders, links → tags).
  for (const table of ['task_state', 'project_member', 'reminder_firing', 'reminder', 'task_tag', 'tag'] as const) {
    const result = await db.deleteFrom(table).where('user_id', '=', userId).executeTakeFirst();
    counts[table] = Number(result.numDeletedRows);
  }
  const outbox = await db
    .deleteFrom('outbox')
    .where(sql<string>`envelope->>'userId'`, '=', userId)
    .executeTakeFirst();
  counts.outbox = Number(outbox.numDeletedRows);
  counts.idempotency_keys = await deleteUserIdempotencyRecords(db, userId);
  return counts;
}
