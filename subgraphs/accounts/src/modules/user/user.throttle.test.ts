import { describe, expect, it } from 'vitest';
import { pairBackoffSeconds, signInRefusal, type SignInLimits } from './user.throttle.js';

const limits: SignInLimits = {
  maxFailuresPerAccountAddress: 5,
  backoffSeconds: 30,
  maxFailuresPerAddress: 30,
  windowSeconds: 900,
};
const recent = (pairCount: number, secondsSinceLast: number, addressCount = pairCount) => ({
  pair: { count: pairCount, secondsSinceLast },
  address: { count: addressCount, retryAfterSeconds: 600 },
});

describe('sign-in throttling', () => {
  it('backs off per (account, address), doubling per further failure, capped at the window', () => {
    expect([4, 5, 6, 7, 9, 40].map((n) => pairBackoffSeconds(n, limits))).toEqual([0, 30, 60, 120, 480, 900]);
  });

  it('allows the first failures, then refuses the pair until its backoff has passed', () => {
    expect(signInRefusal(recent(4, 0), limits)).toBeNull();
    expect(signInRefusal(recent(5, 10), limits)).toEqual({ scope: 'account from this address', retryAfterSeconds: 20 });
    expect(signInRefusal(recent(5, 30), limits)).toBeNull();
    expect(signInRefusal(recent(6, 59.2), limits)).toEqual({
      scope: 'account from this address',
      retryAfterSeconds: 1,
    });
  });

  it("never refuses another address for the account's failures elsewhere; an address has its own budget", () => {
    // The same account's failures from other addresses are not in this pair's count.
    expect(signInRefusal(recent(0, 0, 4), limits)).toBeNull();
    expect(signInRefusal(recent(0, 0, 30), limits)).toEqual({ scope: 'this address', retryAfterSeconds: 600 });
  });
});
