import type { Transaction } from 'kysely';
import type { EventOf } from '@taskwire/platform/events';
import type { TasksDatabase } from '../../db/database.js';
import { markUserDeleted, upsertUserProfile } from './user-projection.repository.js';

/** Consumer group and inbox name of the projection. */
export const userProjectionConsumer = 'tasks-user-projection';

/** Event types the projection applies; the runner skips the rest. */
export const userProjectionTypes = ['user.created', 'user.updated', 'user.deleted'] as const;

export type UserProjectionEvent = EventOf<(typeof userProjectionTypes)[number]>;

/**
 * Applies one `user-events` event to `user_profile` inside `trx` (event-carried state: every
 * event carries the whole user, so created and updated are the same upsert). The runner has
 * parsed it against the contract and claimed it in the inbox in the same transaction.
 */
export async function handleUserEvent(trx: Transaction<TasksDatabase>, event: UserProjectionEvent): Promise<void> {
  const { user } = event.data;
  if (event.type === 'user.deleted') {
    await markUserDeleted(trx, user.id, new Date(event.occurredAt));
    return;
  }
  await upsertUserProfile(trx, {
    user_id: user.id,
    email: user.email,
    time_zone: user.timeZone,
    source_updated_at: new Date(user.updatedAt),
  });
}
