import { backoffDelayMs } from './backoff.js';

/** How a failing handler is retried. */
export interface RetryPolicy {
  /** Attempts per message before it is dead-lettered (at least 1). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt. */
  retryBaseDelayMs: number;
  /** Upper bound of the retry delay, and the wait while the database is unreachable. */
  retryMaxDelayMs: number;
}

/**
 * What to do after attempt number `attempt` (1-based) failed:
 * - `retry` after `delayMs` (backoff) while attempts remain;
 * - `wait-for-database` when attempts are spent but the database is unreachable: the failure
 *   is the outage, not the message, and a database outage must not empty the topic into the DLQ;
 * - `dead-letter` otherwise.
 * `databaseReachable` is only consulted once attempts are spent.
 */
export type FailureDecision =
  { action: 'retry'; delayMs: number } | { action: 'wait-for-database'; delayMs: number } | { action: 'dead-letter' };

/** Whether attempt number `attempt` was the last one the policy allows. */
export function attemptsSpent(attempt: number, policy: RetryPolicy): boolean {
  return attempt >= policy.maxAttempts;
}

/** Decides the next step after a failed attempt (see FailureDecision). */
export function decideAfterFailure(attempt: number, policy: RetryPolicy, databaseReachable: boolean): FailureDecision {
  if (!attemptsSpent(attempt, policy))
    return {
      action: 'retry',
      delayMs: backoffDelayMs(attempt, { baseMs: policy.retryBaseDelayMs, maxMs: policy.retryMaxDelayMs }),
    };
  if (!databaseReachable) return { action: 'wait-for-database', delayMs: policy.retryMaxDelayMs };
  return { action: 'dead-letter' };
}

/**
 * Waits `ms` while keeping the group membership alive (a heartbeat at least every 200 ms).
 * @returns false as soon as the consumer is stopping, true after the full wait.
 */
export async function pauseWithHeartbeat(
  ms: number,
  heartbeat: () => Promise<void>,
  isRunning: () => boolean,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isRunning()) return false;
    await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
    await heartbeat().catch(() => undefined);
  }
  return isRunning();
}
