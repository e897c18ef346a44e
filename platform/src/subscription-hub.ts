import { GraphQLError } from 'graphql';
import { createBoundedQueue } from './bounded-queue.js';

/**
 * In-process fan-out of events to the GraphQL subscriptions open on this replica, by user.
 * Each subscription reads a bounded queue (bounded-queue.ts), whose hand-written iterator
 * unregisters it the moment `return()` is called (an `async function*` would only run its
 * cleanup when the next event arrives).
 */
export interface SubscriptionHub<T> {
  /** Delivers `value` to every open subscription of `userId` on this replica that accepts it. */
  publish(userId: string, value: T): void;
  /**
   * Opens a subscription; at most `maxQueued` undelivered values are kept (oldest dropped);
   * `accept` filters what it receives (e.g. one project's changes).
   */
  subscribe(userId: string, options?: { maxQueued?: number; accept?: (value: T) => boolean }): AsyncIterableIterator<T>;
  /** Whether `userId` has an open subscription here (a publisher may skip work for others). */
  has(userId: string): boolean;
  /** Number of open subscriptions (all users). */
  size(): number;
  /** Number of open subscriptions of one user. */
  sizeOf(userId: string): number;
  /** Ends every subscription (server shutdown). */
  closeAll(): void;
}

interface Subscriber<T> {
  push(value: T): void;
  end(): void;
}

export function createSubscriptionHub<T>(hooks: { onDrop?: () => void } = {}): SubscriptionHub<T> {
  const byUser = new Map<string, Set<Subscriber<T>>>();
  let count = 0;
  const remove = (userId: string, s: Subscriber<T>) => {
    const set = byUser.get(userId);
    if (!set?.delete(s)) return;
    count--;
    if (set.size === 0) byUser.delete(userId);
  };
  return {
    publish(userId, value) {
      const set = byUser.get(userId);
      if (!set) return;
      for (const s of [...set]) s.push(value);
    },
    has: (userId) => byUser.has(userId),
    size: () => count,
    sizeOf: (userId) => byUser.get(userId)?.size ?? 0,
    closeAll() {
      for (const set of [...byUser.values()]) for (const s of [...set]) s.end();
    },
    subscribe(userId, options = {}) {
      const queue = createBoundedQueue<T>({
        maxQueued: options.maxQueued ?? 100,
        onDrop: hooks.onDrop,
        onClose: () => remove(userId, subscriber),
      });
      const subscriber: Subscriber<T> = {
        push(value) {
          if (queue.closed() || (options.accept && !options.accept(value))) return;
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

/**
 * The per-user cap of open subscriptions on one replica.
 * @throws GraphQLError TOO_MANY_REQUESTS when `userId` already has `max` open on `hub`.
 */
export function checkSubscriptionCap(
  hub: Pick<SubscriptionHub<unknown>, 'sizeOf'>,
  userId: string,
  max: number,
  field: string,
): void {
  if (hub.sizeOf(userId) < max) return;
  throw new GraphQLError(`too many open ${field} subscriptions: at most ${max} per user; complete one first`, {
    extensions: { code: 'TOO_MANY_REQUESTS' },
  });
}
