import { ApolloLink, execute, ApolloClient, InMemoryCache } from '@apollo/client';
import { parse } from 'graphql';
import type { Client, Sink } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { renewingSubscriptionLink } from './subscription-link';

/** A graphql-ws client stand-in: each subscribe is recorded; the test ends it as the gateway would. */
function fakeClient() {
  const subscriptions: Array<{ sink: Sink; active: boolean }> = [];
  const connected = new Set<() => void>();
  const ws = {
    subscribe(_payload: unknown, sink: Sink) {
      const entry = { sink, active: true };
      subscriptions.push(entry);
      return () => {
        entry.active = false;
      };
    },
    on(event: string, listener: () => void) {
      if (event === 'connected') connected.add(listener);
      return () => connected.delete(listener);
    },
  } as unknown as Client;
  return {
    ws,
    subscriptions,
    latest: () => subscriptions.at(-1)!,
    connect: () => connected.forEach((l) => l()),
  };
}

/** Token clients over one fake client (the 4401 path), or a new one per renewal (the handover). */
function fakeWs() {
  const first = fakeClient();
  let current = first;
  const renewed = new Set<() => void>();
  const clients = {
    current: () => current.ws,
    onRenewed: (listener: () => void) => {
      renewed.add(listener);
      return () => renewed.delete(listener);
    },
  };
  return {
    ...first,
    ws: clients,
    get now() {
      return current;
    },
    renew() {
      current = fakeClient();
      renewed.forEach((l) => l());
      return current;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const closeEvent = (code: number) => ({ code, reason: code === 4401 ? 'token expired' : 'closed' });

function run(link: ApolloLink) {
  const values: unknown[] = [];
  const errors: unknown[] = [];
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const subscription = execute(link, { query: parse('subscription { reminderDue { id } }') }, { client }).subscribe({
    next: (v) => values.push(v),
    error: (e) => errors.push(e),
  });
  return { values, errors, subscription };
}

describe('renewingSubscriptionLink', () => {
  it("moves to the renewed token's socket before the old one closes: an event of the overlap arrives", async () => {
    const fake = fakeWs();
    const { values, errors } = run(renewingSubscriptionLink(fake.ws, async () => true));
    const old = fake.now;
    const next = fake.renew();
    expect(next.subscriptions).toHaveLength(1);
    expect(old.latest().active).toBe(true);
    // An event while both are open comes from either; then the old token expires.
    next.latest().sink.next({ data: { reminderDue: { id: 'overlap' } } });
    old.latest().sink.error(closeEvent(4401));
    await flush();
    next.latest().sink.next({ data: { reminderDue: { id: 'after' } } });
    expect(errors).toEqual([]);
    expect(values).toHaveLength(2);
    expect(next.subscriptions).toHaveLength(1);
  });

  it('renews and subscribes again when the gateway closes for an expired token (4401), without an error', async () => {
    const fake = fakeWs();
    let renewals = 0;
    const { values, errors } = run(
      renewingSubscriptionLink(fake.ws, async () => {
        renewals += 1;
        return true;
      }),
    );
    fake.latest().sink.next({ data: { reminderDue: { id: '1' } } });
    for (let i = 0; i < 5; i++) {
      fake.connect();
      fake.latest().sink.error(closeEvent(4401));
      await flush();
    }
    fake.latest().sink.next({ data: { reminderDue: { id: '2' } } });
    expect(renewals).toBe(5);
    expect(fake.subscriptions).toHaveLength(6);
    expect(errors).toEqual([]);
    expect(values).toEqual([{ data: { reminderDue: { id: '1' } } }, { data: { reminderDue: { id: '2' } } }]);
  });

  it('ends with an error when no session remains, or the token is refused again and again', async () => {
    const refused = fakeWs();
    const ended = run(renewingSubscriptionLink(refused.ws, async () => false));
    refused.latest().sink.error(closeEvent(4401));
    await flush();
    expect(ended.errors).toHaveLength(1);
    expect(refused.subscriptions).toHaveLength(1);

    const looping = fakeWs();
    const gaveUp = run(renewingSubscriptionLink(looping.ws, async () => true));
    for (let i = 0; i < 4; i++) {
      looping.latest().sink.error(closeEvent(4403));
      await flush();
    }
    expect(gaveUp.errors).toHaveLength(1);
    expect(looping.subscriptions).toHaveLength(4);
  });

  it('passes other errors on and stops resubscribing once unsubscribed', async () => {
    const fake = fakeWs();
    const other = run(renewingSubscriptionLink(fake.ws, async () => true));
    fake.latest().sink.error(closeEvent(4500));
    expect(other.errors).toHaveLength(1);
    expect((other.errors[0] as Error).message).toContain('4500');

    const gone = fakeWs();
    let renew!: (value: boolean) => void;
    const left = run(renewingSubscriptionLink(gone.ws, () => new Promise<boolean>((r) => (renew = r))));
    gone.latest().sink.error(closeEvent(4401));
    left.subscription.unsubscribe();
    renew(true);
    await flush();
    expect(gone.subscriptions).toHaveLength(1);
  });
});
