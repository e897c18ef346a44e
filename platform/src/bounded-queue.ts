/**
 * A bounded queue read through a hand-written async iterator: the subscriber end of every
 * GraphQL subscription here (the gateway's per-client queues, planning's reminder fan-out).
 * A slow reader never holds the producer back: when the queue is full the oldest undelivered
 * value is dropped (and counted). `return()` — what graphql-ws calls when the client
 * completes or goes away — ends the iterator and runs `onClose` at once, so whatever feeds it
 * is released immediately (an `async function*` would run its cleanup only when the next
 * value arrived).
 */
export interface BoundedQueue<T> {
  /** Queues a value (drops the oldest when full). No-op after the end. */
  push(value: T): void;
  /** Delivers what is queued (and `last`, when given), then ends the iterator. */
  end(reason: string, last?: T): void;
  readonly iterator: AsyncIterableIterator<T>;
  /** Values waiting for the client. */
  size(): number;
  closed(): boolean;
}

export interface BoundedQueueOptions {
  /** Most undelivered values kept (at least 1). */
  maxQueued: number;
  /** Called once per dropped value. */
  onDrop?: () => void;
  /**
   * Called exactly once when the queue ends: `reason` is what `end()` was given, or
   * `'client'` when the consumer called `return()`/`throw()`.
   */
  onClose?: (reason: string) => void;
}

export function createBoundedQueue<T>(options: BoundedQueueOptions): BoundedQueue<T> {
  const maxQueued = Math.max(1, options.maxQueued);
  const queue: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let ended = false; // no more pushes; the queue may still drain
  let finished = false; // onClose ran
  const finish = (reason: string) => {
    if (finished) return;
    finished = true;
    ended = true;
    options.onClose?.(reason);
  };
  const release = () => {
    const w = waiting;
    waiting = null;
    w?.({ value: undefined, done: true });
  };
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      queue.length = 0;
      finish('client');
      release();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      queue.length = 0;
      finish('client');
      release();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- throw() hands back the caller's reason unchanged (async iterator protocol)
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  const deliver = (value: T) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value, done: false });
      return;
    }
    if (queue.length >= maxQueued) {
      queue.shift();
      options.onDrop?.();
    }
    queue.push(value);
  };
  return {
    iterator,
    size: () => queue.length,
    closed: () => ended,
    push(value) {
      if (ended) return;
      deliver(value);
    },
    end(reason, last) {
      if (ended) return;
      if (last !== undefined) deliver(last);
      finish(reason);
      if (queue.length === 0) release();
    },
  };
}
