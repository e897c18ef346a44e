import { describe, expect, it } from 'vitest';
import { commitDue } from './consumer-runner-offsets.js';

describe('commitDue', () => {
  it('is due once the interval has passed since the last commit', () => {
    expect(commitDue(1_000, 1_999, 1_000)).toBe(false);
    expect(commitDue(1_000, 2_000, 1_000)).toBe(true);
  });
});
