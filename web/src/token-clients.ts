import type { Client } from 'graphql-ws';
import type { SessionStore } from './session';

type StatusEvent = 'connected' | 'closed';

/**
 * graphql-ws clients, one per access token: a renewed token gets its own client (its own socket),
 * so a subscription can move to the new socket before the gateway closes the old one when its
 * token expires (4401) — make before break, no gap in which an event could be missed.
 */
export interface TokenClients {
  /** The client of the token of the moment. */
  current(): Client;
  /** Called when the token was renewed (current() is then a new client). */
  onRenewed(listener: () => void): () => void;
  /**
   * The current client's `connected` and `closed` events, for a connection status (a retired
   * client's closing is no interruption).
   */
  on(event: StatusEvent, listener: (event?: unknown) => void): () => void;
  dispose(): void;
}

export function createTokenClients(
  store: Pick<SessionStore, 'token' | 'subscribe'>,
  clientFor: (token: string | null) => Client,
): TokenClients {
  let currentToken = store.token();
  let client: Client | null = null;
  const retired = new Set<Client>();
  const renewedListeners = new Set<() => void>();
  const statusListeners = { connected: new Set<(e?: unknown) => void>(), closed: new Set<(e?: unknown) => void>() };

  function create(token: string | null): Client {
    const created = clientFor(token);
    created.on('connected', () => {
      if (created === client) for (const l of statusListeners.connected) l();
    });
    created.on('closed', (event) => {
      if (created === client) for (const l of statusListeners.closed) l(event);
      // A retired client closes when its last subscription moved on or its token expired: done.
      else if (retired.delete(created)) void Promise.resolve(created.dispose()).catch(() => undefined);
    });
    return created;
  }

  const unsubscribeStore = store.subscribe(() => {
    const token = store.token();
    if (token === currentToken) return;
    currentToken = token;
    if (client) retired.add(client);
    client = null;
    if (token) for (const l of renewedListeners) l();
  });

  return {
    current() {
      client ??= create(currentToken);
      return client;
    },
    onRenewed(listener) {
      renewedListeners.add(listener);
      return () => renewedListeners.delete(listener);
    },
    on(event, listener) {
      statusListeners[event].add(listener);
      return () => statusListeners[event].delete(listener);
    },
    dispose() {
      unsubscribeStore();
      for (const c of [client, ...retired]) if (c) void Promise.resolve(c.dispose()).catch(() => undefined);
      retired.clear();
      client = null;
    },
  };
}
