import type { Transaction } from 'kysely';
import type { EventOf } from '@taskwire/platform/events';
import type { NotifierDatabase } from './db/database.js';
import {
  eraseUserMail,
  isRecipientDeleted,
  markRecipientDeleted,
  recordAcknowledgement,
  schedulePendingEmail,
  upsertRecipient,
} from './repository.js';

/** Event types the notifier applies (on `reminder-events` and `user-events`); the runner skips the rest. */
export const notifierEventTypes = [
  'reminder.due',
  'reminder.acknowledged',
  'user.created',
  'user.updated',
  'user.deleted',
] as const;

export type NotifierEvent = EventOf<(typeof notifierEventTypes)[number]>;

/** `ignored`: a reminder event of a deleted user (its data is erased; nothing is kept of it). */
export type HandleOutcome = 'scheduled' | 'duplicate' | 'projected' | 'ignored';

/**
 * Applies one event in the runner's transaction (with the inbox claim). The runner has parsed
 * it against the contract, so unknown versions and malformed payloads never get here.
 * - `reminder.due` → one pending mail, due `graceSeconds` after the firing.
 * - `reminder.acknowledged` → the firing's mail will be skipped.
 * - `user.*` → the recipient projection (address, name, zone); `user.deleted` leaves a
 *   tombstone and erases the user's mails and acknowledgements, and later reminder events of
 *   the user are ignored. The runner applies one event at a time, so nothing races the erasure.
 */
export async function handle(
  trx: Transaction<NotifierDatabase>,
  event: NotifierEvent,
  graceSeconds: number,
): Promise<HandleOutcome> {
  if (event.type.startsWith('reminder.') && (await isRecipientDeleted(trx, event.userId))) return 'ignored';
  switch (event.type) {
    case 'reminder.due': {
      const firedAt = new Date(event.data.firedAt);
      const scheduled = await schedulePendingEmail(trx, {
        firingId: event.data.firingId,
        userId: event.userId,
        reminderId: event.data.reminder.id,
        taskId: event.data.taskId,
        taskTitle: event.data.taskTitle ?? null,
        firedAt,
        dueAt: new Date(firedAt.getTime() + graceSeconds * 1_000),
      });
      return scheduled ? 'scheduled' : 'duplicate';
    }
    case 'reminder.acknowledged':
      await recordAcknowledgement(trx, {
        firing_id: event.data.firingId,
        reminder_id: event.data.reminderId,
        user_id: event.userId,
        acknowledged_at: new Date(event.data.acknowledgedAt),
      });
      return 'projected';
    case 'user.created':
    case 'user.updated': {
      const { user } = event.data;
      await upsertRecipient(trx, {
        user_id: user.id,
        email: user.email,
        name: user.name,
        time_zone: user.timeZone,
        source_updated_at: new Date(user.updatedAt),
      });
      return 'projected';
    }
    case 'user.deleted':
      await markRecipientDeleted(trx, event.data.user.id, new Date(event.occurredAt));
      await eraseUserMail(trx, event.data.user.id);
      return 'projected';
  }
}
