import type { EventOf } from '@taskwire/platform/events';
import { createSubscriptionHub, type SubscriptionHub } from '@taskwire/platform/subscription-hub';
import type { ReminderModel } from '../models.js';
import { fromReminderSnapshot } from '../modules/reminder/reminder.mapper.js';

/** The `ReminderNotification` parent: what the subscription's resolvers read. */
export interface ReminderNotificationModel {
  id: string;
  reminder: ReminderModel;
  task: { id: string };
  firedAt: string;
}

/** In-process fan-out of `reminder.due` to the `reminderDue` subscriptions on this replica, by user. */
export type ReminderHub = SubscriptionHub<ReminderNotificationModel>;

export function createReminderHub(hooks: { onDrop?: () => void } = {}): ReminderHub {
  return createSubscriptionHub<ReminderNotificationModel>(hooks);
}

/** A `reminder.due` event → the notification the subscription resolves. */
export function notificationFromEvent(event: EventOf<'reminder.due'>): ReminderNotificationModel {
  const { data } = event;
  return {
    id: data.firingId,
    firedAt: new Date(data.firedAt).toISOString(),
    task: { id: data.taskId },
    reminder: fromReminderSnapshot(event.userId, data.reminder),
  };
}
