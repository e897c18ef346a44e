/*
 * Sign-in throttling that cannot lock the owner out: failures count per (account, address)
 * pair, with a backoff that doubles on every further failure, plus a budget per address
 * across all accounts. Nothing counts per account alone, so failures from one address never
 * refuse another address's correct password.
 */

export interface SignInLimits {
  /** Failures of one account from one address before the backoff starts. */
  maxFailuresPerAccountAddress: number;
  /** The first backoff; it doubles with every further failure, up to the window. */
  backoffSeconds: number;
  /** Failures from one address, over all accounts, within the window. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

/** Recent failures as the repository counts them (within the window). */
export interface RecentSignInFailures {
  /** This account from this address; `secondsSinceLast` is 0 without failures. */
  pair: { count: number; secondsSinceLast: number };
  /** This address, any account; `retryAfterSeconds`: until its oldest failure leaves the window. */
  address: { count: number; retryAfterSeconds: number };
}

export type SignInRefusal = { scope: 'account from this address' | 'this address'; retryAfterSeconds: number };

/** The backoff after `count` failures of a pair (0 below the threshold), capped at the window. */
export function pairBackoffSeconds(count: number, limits: SignInLimits): number {
  if (count < limits.maxFailuresPerAccountAddress) return 0;
  const doublings = Math.min(count - limits.maxFailuresPerAccountAddress, 30);
  return Math.min(limits.backoffSeconds * 2 ** doublings, limits.windowSeconds);
}

/** Whether a sign-in may be tried now; a refusal says for how long, and why. */
export function signInRefusal(recent: RecentSignInFailures, limits: SignInLimits): SignInRefusal | null {
  const wait = Math.ceil(pairBackoffSeconds(recent.pair.count, limits) - recent.pair.secondsSinceLast);
  if (wait > 0) return { scope: 'account from this address', retryAfterSeconds: wait };
  if (recent.address.count >= limits.maxFailuresPerAddress)
    return { scope: 'this address', retryAfterSeconds: Math.max(1, recent.address.retryAfterSeconds) };
  return null;
}
