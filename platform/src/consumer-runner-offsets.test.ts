import { describe, expect, it } from 'vitest';
import { commitDue, partitionLag } from './consumer-runner-offsets.js';

describe('commitDue', () => {
  it('is due once the interval has passed since the last commit', () => {
    expect(commitDue(1_000, 1_999, 1_000)).toBe(false);
    expect(commitDue(1_000, 2_000, 1_000)).toBe(true);
  });
});

describe('partitionLag', () => {
  it('counts the messages after the last resolved offset, never below zero', () => {
    expect(partitionLag('100', '49')).toBe(50);
    expect(partitionLag('100', '99')).toBe(0);
    expect(partitionLag('100', '150')).toBe(0);
  });
});
