import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AuditDB } from '../../db/database.js';

/** The erasure lock of a user (the same key in every schema that erases on `user.deleted`). */
const userLockKey = (userId: string) => sql`hashtextextended(${'taskwire-user:' + userId}, 0)`;

/**
 * Holds the erasure locks of `userIds` shared until the transaction ends: a write that names a
 * user either commits before that user's erasure (which then sees the row) or, run after it,
 * finds the tombstone (`erasedUsersAmong`). Sorted, so two writers never wait on each other.
 */
export async function holdUsersShared(db: Executor<AuditDB>, userIds: Iterable<string>): Promise<void> {
  for (const userId of [...new Set(userIds)].sort()) {
    await sql`select pg_advisory_xact_lock_shared(${userLockKey(userId)})`.execute(db);
  }
}

/** Those of `userIds` whose account was deleted (a tombstone is kept). */
export async function erasedUsersAmong(db: Executor<AuditDB>, userIds: Iterable<string>): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('erased_user').select('user_id').where('user_id', 'in', ids).execute();
  return rows.map((r) => r.user_id);
}

/**
 * Starts a user's erasure: holds their lock exclusively until the transaction ends (racing
 * writes commit first or see the tombstone) and keeps the tombstone. Must run as the migration
 * owner. Idempotent.
 */
export async function lockUserForErasure(db: Executor<AuditDB>, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${userLockKey(userId)})`.execute(db);
  await db
    .insertInto('erased_user')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}
