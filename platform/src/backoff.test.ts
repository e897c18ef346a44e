import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, and is 0 before the first failure', () => {
    expect([0, 1, 2, 3, 4, 10].map((f) => backoffDelayMs(f, { baseMs: 200, maxMs: 2000 }))).toEqual([
      0, 200, 400, 800, 1600, 2000,
    ]);
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, { baseMs: 100, maxMs: 1000 }))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoffDelayMs(0, { baseMs: 100, maxMs: 1000 })).toBe(0);
    expect(backoffDelayMs(500, { baseMs: 100, maxMs: 5000 })).toBe(5000);
  });

  it('with jitter, picks a point in the upper half of the delay', () => {
    expect(backoffDelayMs(1, { baseMs: 100, maxMs: 1_000, jitter: true, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(1, { baseMs: 100, maxMs: 1_000, jitter: true, random: () => 1 })).toBe(100);
    expect(backoffDelayMs(4, { baseMs: 100, maxMs: 1_000, jitter: true, random: () => 1 })).toBe(800);
    expect(backoffDelayMs(11, { baseMs: 100, maxMs: 1_000, jitter: true, random: () => 1 })).toBe(1_000);
    expect(backoffDelayMs(1, { baseMs: 1_000, maxMs: 300_000, jitter: true, random: () => 1 })).toBe(1_000);
    expect(backoffDelayMs(2, { baseMs: 1_000, maxMs: 300_000, jitter: true, random: () => 1 })).toBe(2_000);
    expect(backoffDelayMs(2, { baseMs: 1_000, maxMs: 300_000, jitter: true, random: () => 0 })).toBe(1_000);
    expect(backoffDelayMs(30, { baseMs: 1_000, maxMs: 300_000, jitter: true, random: () => 1 })).toBe(300_000);
  });
});
