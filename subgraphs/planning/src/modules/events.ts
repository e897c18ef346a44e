import type { NewEvent } from '@taskwire/platform/events';
import type { TagModel, ReminderModel } from '../models.js';
import { toReminderSnapshot } from './reminder/reminder.mapper.js';

/** Topic names (schema/EVENTS.md). */
export const taskEventsTopic = 'task-events';
export const reminderEventsTopic = 'reminder-events';

/** Who caused the change, and the request it came from (null for the system). */
export interface EventOrigin {
  actor: string | null;
  traceparent?: string | null;
  correlationId?: string | null;
}

function base(origin: EventOrigin, userId: string, taskId: string) {
  return {
    topic: taskEventsTopic,
    key: taskId,
    actor: origin.actor,
    subject: taskId,
    userId,
    traceparent: origin.traceparent ?? null,
    correlationId: origin.correlationId ?? null,
  };
}

export function taskTagEvent(
  type: 'task.tagged' | 'task.untagged',
  origin: EventOrigin,
  userId: string,
  taskId: string,
  tag: TagModel,
): NewEvent {
  return {
    ...base(origin, userId, taskId),
    type,
    data: { taskId, tag: { id: tag.id, name: tag.name, color: tag.color } },
  };
}

export type ReminderEventType =
  'reminder.added' | 'reminder.snoozed' | 'reminder.dismissed' | 'reminder.rescheduled' | 'reminder.cancelled';

export function reminderEvent(
  type: ReminderEventType,
  origin: EventOrigin,
  reminder: ReminderModel,
  extra: Record<string, unknown> = {},
): NewEvent {
  return {
    ...base(origin, reminder.user_id, reminder.task_id),
    type,
    data: { reminder: toReminderSnapshot(reminder), ...extra },
  };
}

/** The two events of one firing: `reminder.fired` (task-events, key task) and `reminder.due` (reminder-events, key user). */
export function firingEvents(
  reminder: ReminderModel,
  firing: { firingId: string; firedAt: Date; lateMs: number },
): NewEvent[] {
  const snapshot = toReminderSnapshot(reminder);
  const firedAt = firing.firedAt.toISOString();
  return [
    {
      ...base({ actor: null }, reminder.user_id, reminder.task_id),
      type: 'reminder.fired',
      occurredAt: firing.firedAt,
      data: { reminder: snapshot, firingId: firing.firingId, firedAt, lateMs: firing.lateMs },
    },
    {
      topic: reminderEventsTopic,
      key: reminder.user_id,
      type: 'reminder.due',
      actor: null,
      subject: reminder.task_id,
      userId: reminder.user_id,
      occurredAt: firing.firedAt,
      data: { firingId: firing.firingId, reminder: snapshot, taskId: reminder.task_id, firedAt, lateMs: firing.lateMs },
    },
  ];
}
