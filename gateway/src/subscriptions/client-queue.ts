/**
 * The per-client end of a federated subscription: a bounded queue read through a
 * hand-written async iterator. A slow client never holds the upstream back: when its queue
 * is full the oldest undelivered event is dropped (and counted). `return()` — what
 * graphql-ws calls when the client completes or goes away — ends the iterator and runs
 * `onClose` at once, so the upstream subscription is released immediately (an
 * `async function*` would run its cleanup only when the next event arrived).
 */
export interface ClientQueue<T> {
  /** Queues a value (drops the oldest when full). No-op after the end. */
  push(value: T): void;
  /** Delivers what is queued (and `last`, when given), then ends the iterator. */
  end(reason: string, last?: T): void;
  readonly iterator: AsyncIterableIterator<T>;
  /** Values waiting for the client. */
  size(): number;
  closed(): boolean;
}

export interface ClientQueueOptions {
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

export function createClientQueue<T>(options: ClientQueueOptions): ClientQueue<T> {
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

/** Exponential backoff with full jitter: attempt 0 → up to `baseMs`, capped at `maxMs`. */
export function backoffDelayMs(attempt: number, { baseMs = 250, maxMs = 10_000, random = Math.random } = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
