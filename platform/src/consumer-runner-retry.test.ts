import { describe, expect, it } from 'vitest';
import { attemptsSpent, decideAfterFailure, pauseWithHeartbeat } from './consumer-runner-retry.js';

const policy = { maxAttempts: 3, retryBaseDelayMs: 100, retryMaxDelayMs: 250 };

describe('decideAfterFailure', () => {
  it('retries with a doubling, capped delay while attempts remain', () => {
    expect(decideAfterFailure(1, policy, true)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideAfterFailure(2, policy, true)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideAfterFailure(2, { ...policy, maxAttempts: 5 }, true)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideAfterFailure(4, { ...policy, maxAttempts: 5 }, true)).toEqual({ action: 'retry', delayMs: 250 });
  });

  it('dead-letters once attempts are spent and the database is reachable', () => {
    expect(attemptsSpent(3, policy)).toBe(true);
    expect(decideAfterFailure(3, policy, true)).toEqual({ action: 'dead-letter' });
  });

  it('waits for the database instead of dead-lettering while it is unreachable', () => {
    expect(decideAfterFailure(3, policy, false)).toEqual({ action: 'wait-for-database', delayMs: 250 });
  });

  it('ignores database reachability while attempts remain', () => {
    expect(attemptsSpent(2, policy)).toBe(false);
    expect(decideAfterFailure(2, policy, false)).toEqual({ action: 'retry', delayMs: 200 });
  });

  it('dead-letters after the first failure with maxAttempts 1', () => {
    expect(decideAfterFailure(1, { ...policy, maxAttempts: 1 }, true)).toEqual({ action: 'dead-letter' });
  });
});

describe('pauseWithHeartbeat', () => {
  it('heartbeats during the wait and reports a full wait', async () => {
    let beats = 0;
    const ok = await pauseWithHeartbeat(
      450,
      async () => {
        beats += 1;
      },
      () => true,
    );
    expect(ok).toBe(true);
    expect(beats).toBeGreaterThanOrEqual(3);
  });

  it('returns false as soon as the consumer stops, even if a heartbeat fails', async () => {
    let running = true;
    const started = Date.now();
    const ok = await pauseWithHeartbeat(
      10_000,
      async () => {
        running = false;
        throw new Error('rebalancing');
      },
      () => running,
    );
    expect(ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
