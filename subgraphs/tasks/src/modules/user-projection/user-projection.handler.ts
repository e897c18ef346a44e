import type { Transaction } from 'kysely';
import type { EventOf } from '@taskwire/platform/events';
import type { TasksDatabase } from '../../db/database.js';
import { eraseUserRows, lockUserForErasure, markUserDeleted, upsertUserProfile } from './user-projection.repository.js';

/** Consumer group and inbox name of the projection. */
export const userProjectionConsumer = 'tasks-user-projection';

/** Event types the projection applies; the runner skips the rest. */
export const userProjectionTypes = ['user.created', 'user.updated', 'user.deleted'] as const;

export type UserProjectionEvent = EventOf<(typeof userProjectionTypes)[number]>;

/**
 * Applies one `user-events` event to `user_profile` inside `trx`; `user.deleted` erases the
 * user's rows in the tasks schema (event-carried state: every
 * event carries the whole user, so created and updated are the same upsert). The runner has
 * parsed it against the contract and claimed it in the inbox in the same transaction.
 */
export async function handleUserEvent(trx: Transaction<TasksDatabase>, event: UserProjectionEvent): Promise<void> {
  const { user } = event.data;
  if (event.type === 'user.deleted') {
    // The account is gone: erase everything of the user here, silently (no task.deleted per
    // task: every other owner erases on this same event), and keep a tombstone so neither a
    // late event nor a racing request brings anything back. Re-delivery finds nothing to delete.
    await lockUserForErasure(trx, user.id);
    await markUserDeleted(trx, user.id, new Date(event.occurredAt));
    await eraseUserRows(trx, user.id);
    return;
  }
  await upsertUserProfile(trx, {
    user_id: user.id,
    email: user.email,
    time_zone: user.timeZone,
    source_updated_at: new Date(user.updatedAt),
  });
}
