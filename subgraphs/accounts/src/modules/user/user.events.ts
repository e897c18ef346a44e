import { buildEvent, type EventOrigin, type NewEvent, type UserSnapshot } from '@taskwire/platform/events';
import type { UserRow } from '../../db/database.js';

type UserField = 'email' | 'name' | 'timeZone' | 'emailVerified';

/** The user as `user-events` carry it (never the password hash). */
export function toUserSnapshot(row: UserRow): UserSnapshot {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    timeZone: row.time_zone,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    emailVerified: row.email_verified,
  };
}

/** The published fields that differ between two states of a user, in a fixed order. */
export function userChanges(
  before: UserRow,
  after: UserRow,
): Array<{ field: UserField; old: string | boolean | undefined; new: string | boolean | undefined }> {
  const a = toUserSnapshot(before);
  const b = toUserSnapshot(after);
  return (['email', 'name', 'timeZone', 'emailVerified'] as const)
    .filter((field) => a[field] !== b[field])
    .map((field) => ({ field, old: a[field], new: b[field] }));
}

const envelopeOf = (row: UserRow, origin: EventOrigin) => ({ ...origin, subject: row.id, userId: row.id });

export function userCreatedEvent(row: UserRow, origin: EventOrigin): NewEvent<'user.created'> {
  return buildEvent('user.created', { ...envelopeOf(row, origin), data: { user: toUserSnapshot(row) } });
}

/** `user.updated`, or null when no published field changed (nothing to tell anyone). */
export function userUpdatedEvent(
  before: UserRow,
  after: UserRow,
  origin: EventOrigin,
): NewEvent<'user.updated'> | null {
  const changes = userChanges(before, after);
  if (changes.length === 0) return null;
  return buildEvent('user.updated', { ...envelopeOf(after, origin), data: { user: toUserSnapshot(after), changes } });
}

/** `user.deleted` carries the state before deletion, so projections know whom to forget. */
export function userDeletedEvent(before: UserRow, origin: EventOrigin): NewEvent<'user.deleted'> {
  return buildEvent('user.deleted', { ...envelopeOf(before, origin), data: { user: toUserSnapshot(before) } });
}
