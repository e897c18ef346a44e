import { CombinedGraphQLErrors } from '@apollo/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, sessionExpiredMessage } from './session';
import {
  createSessionRenewal,
  renewalLeadMs,
  sessionOf,
  tokenLifetimeMs,
  unreachableMessage,
  type AuthPayloadLike,
} from './session-renewal';

const user = { id: 'u1', email: 'a@example.com', name: 'A', timeZone: 'UTC', emailVerified: true };
const base64url = (value: object) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (iat: number, exp: number, n = 0) => `h.${base64url({ iat, exp, n })}.sig`;
const unauthenticated = () =>
  new CombinedGraphQLErrors({
    errors: [{ message: 'no session', extensions: { code: 'UNAUTHENTICATED' } }],
  } as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);

afterEach(() => {
  vi.useRealTimers();
});

/** A store with a session whose 5-second token was issued at `now`, and a counting refresh. */
function setup(refresh?: () => Promise<AuthPayloadLike>) {
  vi.useFakeTimers({ now: 1_000_000 });
  const store = createSessionStore();
  let issued = 0;
  const calls = { refresh: 0, concurrent: 0, maxConcurrent: 0 };
  const defaultRefresh = async (): Promise<AuthPayloadLike> => {
    calls.refresh += 1;
    calls.concurrent += 1;
    calls.maxConcurrent = Math.max(calls.maxConcurrent, calls.concurrent);
    await new Promise((r) => setTimeout(r, 10));
    calls.concurrent -= 1;
    issued += 1;
    const iat = Math.floor(Date.now() / 1000);
    return { token: jwt(iat, iat + 5, issued), expiresAt: new Date(Date.now() + 5_000).toISOString(), user };
  };
  const renewal = createSessionRenewal({ store, refresh: refresh ?? defaultRefresh, exclusive: (task) => task() });
  const iat = Math.floor(Date.now() / 1000);
  store.signIn(sessionOf({ token: jwt(iat, iat + 5), expiresAt: new Date(Date.now() + 5_000).toISOString(), user }));
  return { store, renewal, calls };
}

describe('token lifetime', () => {
  it("is the JWT's exp - iat, whatever this page's clock says", () => {
    expect(tokenLifetimeMs(jwt(100, 105), '1970-01-01T00:00:00.000Z', 9_999_999_999)).toBe(5_000);
  });
  it('falls back to expiresAt for a token that is no JWT', () => {
    expect(tokenLifetimeMs('opaque', new Date(60_000).toISOString(), 0)).toBe(60_000);
  });
  it('renews a quarter of the lifetime early, at most a minute', () => {
    expect(renewalLeadMs(5_000)).toBe(1_250);
    expect(renewalLeadMs(900_000)).toBe(60_000);
  });
});

describe('session renewal', () => {
  it('renews before expiry, again and again, without the session ever lapsing', async () => {
    const { store, renewal, calls } = setup();
    const stop = renewal.start();
    const tokens = new Set<string>();
    for (let t = 0; t < 60_000; t += 250) {
      await vi.advanceTimersByTimeAsync(250);
      const session = store.get().session!;
      expect(session.expiresAtMs).toBeGreaterThan(Date.now());
      tokens.add(session.token);
    }
    stop();
    // 60 s of 5-second tokens renewed every 3.75 s.
    expect(calls.refresh).toBeGreaterThanOrEqual(15);
    expect(tokens.size).toBe(calls.refresh + 1);
    expect(store.get().status).toBe('signedIn');
  });

  it('renews once for many requests that find the token refused at the same time', async () => {
    const { store, renewal, calls } = setup();
    const old = store.token();
    const answers = Promise.all([renewal.rejected(old), renewal.rejected(old), renewal.rejected(old)]);
    await vi.advanceTimersByTimeAsync(20);
    const tokens = await answers;
    expect(calls.refresh).toBe(1);
    expect(new Set(tokens)).toEqual(new Set([store.token()]));
    expect(store.token()).not.toBe(old);
    // A request that sent the old token after the renewal gets the new one without renewing again.
    await expect(renewal.rejected(old)).resolves.toBe(store.token());
    expect(calls.refresh).toBe(1);
  });

  it('gives a token close to expiry only after renewing it', async () => {
    const { store, renewal, calls } = setup();
    const old = store.token();
    await expect(renewal.freshToken()).resolves.toBe(old);
    vi.setSystemTime(Date.now() + 4_500);
    const fresh = renewal.freshToken();
    await vi.advanceTimersByTimeAsync(20);
    await expect(fresh).resolves.not.toBe(old);
    expect(calls.refresh).toBe(1);
  });

  it('ends the session with a message when the server refuses to renew it', async () => {
    const { store, renewal } = setup(async () => {
      throw unauthenticated();
    });
    await expect(renewal.rejected(store.token())).resolves.toBeNull();
    expect(store.get()).toEqual({ status: 'signedOut', session: null, notice: sessionExpiredMessage });
    await expect(renewal.freshToken()).resolves.toBeNull();
  });

  it('keeps the session and retries when the server cannot be reached', async () => {
    let fail = true;
    const { store, renewal } = setup(async () => {
      if (fail) throw new TypeError('Failed to fetch');
      return { token: 'next', expiresAt: new Date(Date.now() + 5_000).toISOString(), user };
    });
    const stop = renewal.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(store.get().status).toBe('signedIn');
    fail = false;
    await vi.advanceTimersByTimeAsync(2_100);
    expect(store.token()).toBe('next');
    stop();
  });

  it('runs renewals one at a time through the lock', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const order: string[] = [];
    let held = Promise.resolve();
    const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
      const run = held.then(task);
      held = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    };
    // Two tabs: two stores sharing one lock (and one cookie).
    const tabs = [createSessionStore(), createSessionStore()].map((store, i) => {
      const renewal = createSessionRenewal({
        store,
        exclusive,
        refresh: async () => {
          order.push(`start ${i}`);
          await new Promise((r) => setTimeout(r, 10));
          order.push(`end ${i}`);
          return { token: `t${i}`, expiresAt: new Date(Date.now() + 5_000).toISOString(), user };
        },
      });
      store.signIn(sessionOf({ token: `old${i}`, expiresAt: new Date(Date.now() + 5_000).toISOString(), user }));
      return { store, renewal };
    });
    const both = Promise.all(tabs.map((t) => t.renewal.rejected(t.store.token())));
    await vi.advanceTimersByTimeAsync(50);
    await both;
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
  });

  it('restores a session after a reload from the cookie, or shows sign-in', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const restored = createSessionStore();
    await createSessionRenewal({
      store: restored,
      exclusive: (task) => task(),
      refresh: async () => ({ token: 'r', expiresAt: new Date(Date.now() + 5_000).toISOString(), user }),
    }).restore();
    expect(restored.get()).toMatchObject({ status: 'signedIn', session: { token: 'r', user } });

    const noCookie = createSessionStore();
    await createSessionRenewal({
      store: noCookie,
      exclusive: (task) => task(),
      refresh: async () => {
        throw unauthenticated();
      },
    }).restore();
    expect(noCookie.get()).toEqual({ status: 'signedOut', session: null, notice: null });

    const offline = createSessionStore();
    await createSessionRenewal({
      store: offline,
      exclusive: (task) => task(),
      refresh: async () => {
        throw new TypeError('Failed to fetch');
      },
    }).restore();
    expect(offline.get()).toEqual({ status: 'signedOut', session: null, notice: unreachableMessage });
  });
});
