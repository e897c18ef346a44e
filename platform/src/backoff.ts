/**
 * Delay before retry number `attempt` (1 = the retry after the first failure):
 * `baseMs · 2^(attempt−1)`, capped at `maxMs`; 0 for `attempt ≤ 0`. With `jitter`, a random
 * point in the upper half of that delay, so that many clients failing together do not retry
 * together. The one backoff of the outbox relay, the consumer runner, the notifier's SMTP
 * retries and the gateway's upstream reconnects.
 */
export function backoffDelayMs(
  attempt: number,
  {
    baseMs,
    maxMs,
    jitter = false,
    random = Math.random,
  }: { baseMs: number; maxMs: number; jitter?: boolean; random?: () => number },
): number {
  if (attempt <= 0) return 0;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return jitter ? Math.round(ceiling / 2 + (random() * ceiling) / 2) : ceiling;
}
