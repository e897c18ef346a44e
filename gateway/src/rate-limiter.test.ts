import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('rate limiter', () => {
  it('allows a burst, then refills at the per-minute rate, per key', () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 2 });
    const t0 = 1_000_000;
    expect(limiter.take('a', t0)).toBe(0);
    expect(limiter.take('a', t0)).toBe(0);
    expect(limiter.take('a', t0)).toBe(1); // one token per second
    expect(limiter.take('b', t0)).toBe(0);
    expect(limiter.take('a', t0 + 1_000)).toBe(0);
    expect(limiter.take('a', t0 + 1_000)).toBeGreaterThan(0);
  });
});
