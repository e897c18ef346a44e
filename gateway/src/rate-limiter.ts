/**
 * Token bucket per key (user id or client address), in memory: each gateway replica limits
 * on its own, so the effective cluster-wide limit is replicas × the configured rate.
 */
export interface RateLimiter {
  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, now?: number): number;
}

export function createRateLimiter({ perMinute, burst }: { perMinute: number; burst: number }): RateLimiter {
  const ratePerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  let lastSweep = Date.now();
  return {
    take(key, now = Date.now()) {
      if (now - lastSweep > 60_000) {
        // Full buckets carry no state; dropping them bounds memory.
        for (const [k, b] of buckets) if (b.tokens + (now - b.updatedAt) * ratePerMs >= burst) buckets.delete(k);
        lastSweep = now;
      }
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    },
  };
}
