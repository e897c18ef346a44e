import { createBoundedQueue } from '@taskwire/platform/bounded-queue';
import type { EventOf } from '@taskwire/platform/events';
import type { ReminderModel } from '../models.js';
import { fromReminderSnapshot } from '../modules/reminder/reminder.mapper.js';

/**
 * In-process fan-out of `reminder.due` events to the `reminderDue` subscriptions open on
 * this replica, by user. Each subscription reads a platform bounded queue, whose hand-written
 * iterator unregisters it the moment `return()` is called (an `async function*` would only
 * run its cleanup when the next event arrives).
 */

/** The `ReminderNotification` parent: what the subscription's resolvers read. */
export interface ReminderNotificationModel {
  id: string;
  reminder: ReminderModel;
  task: { id: string };
  firedAt: string;
}

export interface ReminderHub {
  /** Delivers a notification to every open subscription of `userId` on this replica. */
  publish(userId: string, notification: ReminderNotificationModel): void;
  /** Opens a subscription; at most `maxQueued` undelivered notifications are kept (oldest dropped). */
  subscribe(
    userId: string,
    options?: { maxQueued?: number; onEvent?: () => void },
  ): AsyncIterableIterator<ReminderNotificationModel>;
  /** Number of open subscriptions (all users). */
  size(): number;
  /** Number of open subscriptions of one user. */
  sizeOf(userId: string): number;
  /** Ends every subscription (server shutdown). */
  closeAll(): void;
}

interface Subscriber {
  push(value: ReminderNotificationModel): void;
  end(): void;
}

export function createReminderHub(hooks: { onDrop?: () => void } = {}): ReminderHub {
  const byUser = new Map<string, Set<Subscriber>>();
  let count = 0;
  const remove = (userId: string, s: Subscriber) => {
    const set = byUser.get(userId);
    if (!set?.delete(s)) return;
    count--;
    if (set.size === 0) byUser.delete(userId);
  };
  return {
    publish(userId, notification) {
      const set = byUser.get(userId);
      if (!set) return;
      for (const s of [...set]) s.push(notification);
    },
    size: () => count,
    sizeOf: (userId) => byUser.get(userId)?.size ?? 0,
    closeAll() {
      for (const set of [...byUser.values()]) for (const s of [...set]) s.end();
    },
    subscribe(userId, options = {}) {
      const queue = createBoundedQueue<ReminderNotificationModel>({
        maxQueued: options.maxQueued ?? 100,
        onDrop: hooks.onDrop,
        onClose: () => remove(userId, subscriber),
      });
      const subscriber: Subscriber = {
        push(value) {
          if (queue.closed()) return;
          options.onEvent?.();
          queue.push(value);
        },
        end: () => queue.end('server'),
      };
      let set = byUser.get(userId);
      if (!set) byUser.set(userId, (set = new Set()));
      set.add(subscriber);
      count++;
      return queue.iterator;
    },
  };
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
