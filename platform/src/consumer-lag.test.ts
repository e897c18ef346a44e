import { describe, expect, it } from 'vitest';
import { partitionLag } from './consumer-lag.js';

describe('partitionLag', () => {
  it('is what lies between the committed offset and the high watermark', () => {
    expect(partitionLag({ committed: '40', high: '50', low: '0' }, true)).toBe(10);
    expect(partitionLag({ committed: '50', high: '50', low: '0' }, true)).toBe(0);
  });

  it('without a commit, counts from where the group will start', () => {
    expect(partitionLag({ committed: '-1', high: '50', low: '20' }, true)).toBe(30);
    expect(partitionLag({ committed: '-1', high: '50', low: '20' }, false)).toBe(0);
  });

  it('is never negative (a commit read before the watermark moved past it)', () => {
    expect(partitionLag({ committed: '51', high: '50', low: '0' }, true)).toBe(0);
  });
});
