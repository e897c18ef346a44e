import type { Transaction } from 'kysely';
import type { EventOf } from '@taskwire/platform/events';
import type { TasksDatabase } from '../../db/database.js';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { tasksSchemaName } from '../../db/database.js';
import { acceptInvitations, endMemberships } from '../membership/membership.service.js';
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
  const origin = { actor: null, traceparent: event.traceparent, correlationId: event.correlationId };
  if (event.type === 'user.deleted') {
    // The account is gone: shared projects pass to another member and the user leaves them
    // (told by events); then everything else of the user here is erased silently (no
    // task.deleted per task: every other owner erases on this same event), keeping a tombstone
    // so neither a late event nor a racing request brings anything back. Re-delivery finds
    // nothing to do.
    await lockUserForErasure(trx, user.id);
    await markUserDeleted(trx, user.id, new Date(event.occurredAt));
    const events = await endMemberships(trx, user.id, new Date(), origin);
    await eraseUserRows(trx, user.id);
    await enqueueEvents(trx, tasksSchemaName, events);
    return;
  }
  await upsertUserProfile(trx, {
    user_id: user.id,
    email: user.email,
    time_zone: user.timeZone,
    source_updated_at: new Date(user.updatedAt),
    ...(user.emailVerified !== undefined ? { email_verified: user.emailVerified } : {}),
  });
  // Invitations to the address become memberships once the account has verified it.
  await enqueueEvents(trx, tasksSchemaName, await acceptInvitations(trx, user.id, origin));
}
