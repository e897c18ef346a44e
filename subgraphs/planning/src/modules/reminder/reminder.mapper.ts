import type { ReminderSnapshot } from '@taskwire/platform/events';
import type { ReminderModel } from '../../models.js';

export type { ReminderSnapshot } from '@taskwire/platform/events';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (v: string | null) => (v ? new Date(v) : null);

/** A reminder as events carry it (schema/EVENTS.md `ReminderSnapshot`). */
export function toReminderSnapshot(row: ReminderModel): ReminderSnapshot {
  return {
    id: row.id,
    taskId: row.task_id,
    remindAt: row.remind_at.toISOString(),
    offsetMinutes: row.offset_minutes,
    state: row.state,
    firedAt: iso(row.fired_at),
    snoozedUntil: iso(row.snoozed_until),
  };
}

/** The inverse of `toReminderSnapshot`, for the owner `userId` the envelope names. */
export function fromReminderSnapshot(userId: string, snapshot: ReminderSnapshot): ReminderModel {
  return {
    id: snapshot.id,
    user_id: userId,
    task_id: snapshot.taskId,
    remind_at: new Date(snapshot.remindAt),
    offset_minutes: snapshot.offsetMinutes,
    state: snapshot.state,
    fired_at: date(snapshot.firedAt),
    snoozed_until: date(snapshot.snoozedUntil),
  };
}
