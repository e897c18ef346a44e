/**
 * The relay loop's wake-up: it sleeps a poll interval between rounds, and a NOTIFY (or a lost
 * connection) cuts the sleep short. A signal that arrives while a round runs is kept, so the
 * next sleep returns at once and the row it announced is not left for a whole poll interval.
 */
export interface WakeSignal {
  /** Ends the current sleep, or the next one if none is in progress. */
  signal(): void;
  /** Ends the current sleep only (a stop: the loop then sees it is stopping). */
  interrupt(): void;
  /** Forgets a signal kept for the next sleep. */
  clear(): void;
  /** Resolves after `ms`, or at once on a signal, or when already stopping. */
  sleep(ms: number): Promise<void>;
}

/** A WakeSignal for a loop that ends when `isStopping()` is true. */
export function createWakeSignal(isStopping: () => boolean): WakeSignal {
  let wake: (() => void) | undefined;
  let pendingWake = false;
  return {
    signal() {
      pendingWake = true;
      wake?.();
    },
    interrupt() {
      wake?.();
    },
    clear() {
      pendingWake = false;
    },
    sleep(ms) {
      if (pendingWake || isStopping()) {
        pendingWake = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          pendingWake = false;
          resolve();
        }
        wake = done;
      });
    },
  };
}
