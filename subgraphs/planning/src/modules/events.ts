import { buildEvent, type EventData, type EventOrigin, type NewEvent } from '@taskwire/platform/events';
import type { TagModel, ReminderModel } from '../models.js';
import { toReminderSnapshot } from './reminder/reminder.mapper.js';

export function taskTagEvent(
  type: 'task.tagged' | 'task.untagged',
  origin: EventOrigin,
  userId: string,
  taskId: string,
  tag: TagModel,
): NewEvent {
  return buildEvent(type, {
    ...origin,
    subject: taskId,
    userId,
    data: { taskId, tag: { id: tag.id, name: tag.name, color: tag.color } },
  });
}

export type ReminderEventType =
  'reminder.added' | 'reminder.snoozed' | 'reminder.dismissed' | 'reminder.rescheduled' | 'reminder.cancelled';

/** A reminder event about `reminder`'s task; `extra` is what the type carries beside the snapshot. */
export function reminderEvent<T extends ReminderEventType>(
  type: T,
  origin: EventOrigin,
  reminder: ReminderModel,
  extra: Omit<EventData<T>, 'reminder'>,
): NewEvent<T> {
  const data = { reminder: toReminderSnapshot(reminder), ...extra } as EventData<T>;
  return buildEvent(type, { ...origin, subject: reminder.task_id, userId: reminder.user_id, data });
}

/**
 * The two events of one firing: `reminder.fired` (task-events, key task) and `reminder.due`
 * (reminder-events, key user), which carries the task's title for the notifier and live clients.
 */
export function firingEvents(
  reminder: ReminderModel,
  firing: { firingId: string; firedAt: Date; lateMs: number; taskTitle: string | null },
): NewEvent[] {
  const snapshot = toReminderSnapshot(reminder);
  const firedAt = firing.firedAt.toISOString();
  const common = { actor: null, subject: reminder.task_id, userId: reminder.user_id, occurredAt: firing.firedAt };
  const { firingId, lateMs } = firing;
  return [
    buildEvent('reminder.fired', { ...common, data: { reminder: snapshot, firingId, firedAt, lateMs } }),
    buildEvent('reminder.due', {
      ...common,
      data: {
        firingId,
        reminder: snapshot,
        taskId: reminder.task_id,
        ...(firing.taskTitle === null ? {} : { taskTitle: firing.taskTitle }),
        firedAt,
        lateMs,
      },
    }),
  ];
}

/** `reminder.acknowledged`: the user answered a firing (acknowledged, snoozed or dismissed it). */
export function reminderAcknowledgedEvent(
  origin: EventOrigin,
  firing: { id: string; reminder_id: string; task_id: string; user_id: string; acknowledged_at: Date },
): NewEvent<'reminder.acknowledged'> {
  return buildEvent('reminder.acknowledged', {
    ...origin,
    subject: firing.task_id,
    userId: firing.user_id,
    data: {
      reminderId: firing.reminder_id,
      firingId: firing.id,
      taskId: firing.task_id,
      acknowledgedAt: firing.acknowledged_at.toISOString(),
    },
  });
}
