import { createBoundedQueue } from '@taskwire/platform/bounded-queue';

/**
 * In-process fan-out of `reminder.due` events to the `reminderDue` subscriptions open on
 * this replica, by user. Each subscription reads a platform bounded queue, whose hand-written
 * iterator unregisters it the moment `return()` is called (an `async function*` would only
 * run its cleanup when the next event arrives).
 */

/** The `ReminderNotification` parent: what the subscription's resolvers read. */
export interface ReminderNotificationModel {
  id: string;
  reminder: {
    id: string;
    user_id: string;
    task_id: string;
    remind_at: Date;
    offset_minutes: number | null;
    state: 'SCHEDULED' | 'FIRED' | 'ACKNOWLEDGED' | 'DISMISSED' | 'CANCELLED';
    fired_at: Date | null;
    snoozed_until: Date | null;
    fire_at: Date | null;
    fire_count: number;
    created_at: Date;
    updated_at: Date;
  };
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

/** `reminder.due` data (schema/EVENTS.md) → the notification the subscription resolves. */
export function notificationFromEvent(
  userId: string,
  data: {
    firingId: string;
    taskId: string;
    firedAt: string;
    reminder: {
      id: string;
      taskId: string;
      remindAt: string;
      offsetMinutes: number | null;
      state: ReminderNotificationModel['reminder']['state'];
      firedAt: string | null;
      snoozedUntil: string | null;
    };
  },
): ReminderNotificationModel {
  const r = data.reminder;
  const date = (v: string | null) => (v ? new Date(v) : null);
  const firedAt = new Date(data.firedAt);
  return {
    id: data.firingId,
    firedAt: firedAt.toISOString(),
    task: { id: data.taskId },
    reminder: {
      id: r.id,
      user_id: userId,
      task_id: r.taskId,
      remind_at: new Date(r.remindAt),
      offset_minutes: r.offsetMinutes,
      state: r.state,
      fired_at: date(r.firedAt),
      snoozed_until: date(r.snoozedUntil),
      fire_at: null,
      fire_count: 0,
      created_at: firedAt,
      updated_at: firedAt,
    },
  };
}
