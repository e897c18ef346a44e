import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import type { Session, SessionStore, SessionUser } from './session';

/** What signIn, signUp and refreshSession answer (the refresh token itself stays in the gateway's cookie). */
export interface AuthPayloadLike {
  token: string;
  /** ISO date-time at which the access token stops being accepted. */
  expiresAt: string;
  user: SessionUser;
}

export const unreachableMessage = 'Could not reach Taskwire — please sign in again';

/** The token was refused: a GraphQL UNAUTHENTICATED error, or the gateway's HTTP 401. */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * How long an access token lives, measured from now on this page's clock: the token's own
 * `exp - iat` when it is a JWT (immune to a skewed client clock), else `expiresAt - now`.
 */
export function tokenLifetimeMs(token: string, expiresAt: string, nowMs: number): number {
  try {
    const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      iat?: unknown;
      exp?: unknown;
    };
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp > claims.iat) {
      return (claims.exp - claims.iat) * 1000;
    }
  } catch {
    // Not a JWT we can read: fall back to expiresAt.
  }
  return Math.max(0, Date.parse(expiresAt) - nowMs);
}

/** The session a payload opens, with its expiry on this page's clock. */
export function sessionOf(payload: AuthPayloadLike, nowMs: number = Date.now()): Session {
  return {
    token: payload.token,
    expiresAtMs: nowMs + tokenLifetimeMs(payload.token, payload.expiresAt, nowMs),
    user: payload.user,
  };
}

/**
 * Renew this long before the token expires: a quarter of its life, at most a minute (a 15-minute
 * token is renewed after 14 minutes, a 5-second one after 3.75 s).
 */
export function renewalLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 4);
}

type Store = Pick<SessionStore, 'get' | 'subscribe' | 'signIn' | 'signOut' | 'expire'>;

export interface SessionRenewalOptions {
  store: Store;
  /** Asks the server for a new access token with the refresh cookie (`refreshSession`). */
  refresh: () => Promise<AuthPayloadLike>;
  /** Runs `task` while no other tab of this origin renews (the Web Locks API); absent: just runs it. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  now?: () => number;
  /** After a renewal failed for a reason other than a refused session (e.g. the network). */
  retryAfterMs?: number;
}

export interface SessionRenewal {
  /**
   * The access token to send now: the current one, or a renewed one when it is about to expire or
   * the server refused it. Null when there is no session (any more). Throws when the server could
   * not be reached.
   */
  freshToken(): Promise<string | null>;
  /** The server refused `token` (HTTP 401, UNAUTHENTICATED, close code 4401): renew unless already renewed. */
  rejected(token: string | null): Promise<string | null>;
  /** A reload: restore the session from the refresh cookie, or show sign-in. */
  restore(): Promise<void>;
  /** Starts renewing ahead of expiry whenever a session is open; returns the stop function. */
  start(): () => void;
}

/** Web Locks where the browser has them: one tab renews at a time, the others wait and then renew with the rotated cookie. */
export function webLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('taskwire-session-renewal', task) as Promise<T>) : task();
}

export function createSessionRenewal({
  store,
  refresh,
  exclusive = webLock,
  now = Date.now,
  retryAfterMs = 2_000,
}: SessionRenewalOptions): SessionRenewal {
  let inFlight: Promise<string | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function renew(): Promise<string | null> {
    inFlight ??= (async () => {
      const before = store.get().session;
      try {
        const payload = await exclusive(refresh);
        const current = store.get().session;
        // Signed out (or in as someone else) while waiting: that state wins.
        if (!current || current.user.id !== before?.user.id) return current?.token ?? null;
        store.signIn(sessionOf(payload, now()));
        return payload.token;
      } catch (error) {
        if (!isUnauthenticated(error)) throw error;
        store.expire();
        return null;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  function schedule(): void {
    clearTimeout(timer);
    const session = store.get().session;
    if (!session) return;
    const lifetimeMs = session.expiresAtMs - now();
    const inMs = Math.max(0, lifetimeMs - renewalLeadMs(lifetimeMs));
    timer = setTimeout(() => {
      // A failed renewal (network) is retried; a refused one ends the session (and the timer).
      renew().catch(() => {
        clearTimeout(timer);
        timer = setTimeout(schedule, retryAfterMs);
      });
    }, inMs);
  }

  return {
    async freshToken() {
      if (inFlight) return inFlight;
      const session = store.get().session;
      if (!session) return null;
      // Close to expiry (a timer delayed by a sleeping laptop or a background tab): renew first.
      if (session.expiresAtMs - now() < 1_000) return renew();
      return session.token;
    },
    async rejected(token) {
      if (inFlight) return inFlight;
      const current = store.get().session?.token ?? null;
      if (!current) return null;
      // Another request already renewed after this token was sent: use the new one.
      if (token !== current) return current;
      return renew();
    },
    async restore() {
      try {
        const payload = await exclusive(refresh);
        store.signIn(sessionOf(payload, now()));
      } catch (error) {
        // No cookie, or a revoked session: plain sign-in. The network: say so.
        store.signOut(CombinedGraphQLErrors.is(error) || isUnauthenticated(error) ? null : unreachableMessage);
      }
    },
    start() {
      let last = store.get().session?.token;
      schedule();
      const unsubscribe = store.subscribe(() => {
        const token = store.get().session?.token;
        if (token === last) return;
        last = token;
        schedule();
      });
      return () => {
        unsubscribe();
        clearTimeout(timer);
      };
    },
  };
}
