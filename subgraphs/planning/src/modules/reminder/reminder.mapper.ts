import type { ReminderModel } from '../../models.js';

/** `ReminderSnapshot` of schema/EVENTS.md. */
export interface ReminderSnapshot {
  id: string;
  taskId: string;
  remindAt: string;
  offsetMinutes: number | null;
  state: ReminderModel['state'];
  firedAt: string | null;
  snoozedUntil: string | null;
}

export function toReminderSnapshot(row: ReminderModel): ReminderSnapshot {
  return {
    id: row.id,
    taskId: row.task_id,
    remindAt: row.remind_at.toISOString(),
    offsetMinutes: row.offset_minutes,
    state: row.state,
    firedAt: row.fired_at ? row.fired_at.toISOString() : null,
    snoozedUntil: row.snoozed_until ? row.snoozed_until.toISOString() : null,
  };
}
