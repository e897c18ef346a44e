import type { Executor } from '@taskwire/platform/database';
import type { AccountsDatabase } from '../../db/database.js';

/**
 * Which of `userIds` share a project with `requesterId` (the requester included), by the
 * membership projection: whose names and addresses the requester may read.
 */
export async function visibleUserIds(
  db: Executor<AccountsDatabase>,
  requesterId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  const others = userIds.filter((id) => id !== requesterId);
  const visible = new Set(userIds.filter((id) => id === requesterId));
  if (others.length === 0) return visible;
  const rows = await db
    .selectFrom('project_member as mine')
    .innerJoin('project_member as theirs', 'theirs.project_id', 'mine.project_id')
    .select('theirs.user_id')
    .distinct()
    .where('mine.user_id', '=', requesterId)
    .where('theirs.user_id', 'in', others)
    .execute();
  for (const row of rows) visible.add(row.user_id);
  return visible;
}

/** Deletes every membership of a deleted account (in deleteUser's transaction). */
export async function deleteMembershipsOf(db: Executor<AccountsDatabase>, userId: string): Promise<void> {
  await db.deleteFrom('project_member').where('user_id', '=', userId).execute();
}
