import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { backoffDelayMs } from '@taskwire/platform/backoff';

/** Receives one shared upstream subscription's events. */
export interface UpstreamListener {
  next(result: FormattedExecutionResult): void;
  /** The upstream failed for good (e.g. the subgraph refused the token); no more events. */
  error(error: unknown): void;
  /** The subgraph completed the subscription. */
  complete(): void;
}

export interface UpstreamRequest {
  subgraph: string;
  /** ws(s) URL of the subgraph's graphql-ws endpoint. */
  url: string;
  userId: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface UpstreamPool {
  /**
   * Joins the upstream subscription for `request` (opening it, and the user's socket to the
   * subgraph, when it is the first listener). `token()` gives a valid token of the user for
   * (re)connecting. Returns the function that leaves it; the last listener to leave closes
   * the upstream subscription, and the socket when it has none left.
   */
  subscribe(request: UpstreamRequest, token: () => string | null, listener: UpstreamListener): () => void;
  /** Open upstream subscriptions. */
  subscriptions(): number;
  /** Open sockets to subgraphs. */
  sockets(): number;
  /** Closes everything (gateway shutdown). */
  close(): Promise<void>;
}

interface Connection {
  client: Client;
  subscriptions: number;
  tokens: Map<object, () => string | null>;
}

interface Shared {
  listeners: Set<UpstreamListener>;
  unsubscribe: () => void;
  connectionKey: string;
}

/**
 * Upstream graphql-ws subscriptions to subgraphs, shared: one socket per (subgraph, user) —
 * the token is per user — and one subscription per identical (subgraph, user, operation,
 * variables), however many clients asked for it. Sockets reconnect with exponential
 * backoff and jitter; graphql-ws re-subscribes after a reconnect.
 */
export function createUpstreamPool(
  options: {
    onSocketOpen?: () => void;
    onSocketClosed?: () => void;
    onReconnect?: (subgraph: string) => void;
    retryBaseMs?: number;
    retryMaxMs?: number;
  } = {},
): UpstreamPool {
  const connections = new Map<string, Connection>();
  const shared = new Map<string, Shared>();
  let openSockets = 0;

  const connectionFor = (request: UpstreamRequest): [string, Connection] => {
    const key = `${request.subgraph}\u0000${request.userId}`;
    let connection = connections.get(key);
    if (!connection) {
      const tokens = new Map<object, () => string | null>();
      let attempt = 0;
      let everConnected = false;
      const client = createClient({
        url: request.url,
        webSocketImpl: WebSocket,
        lazy: true,
        lazyCloseTimeout: 0,
        retryAttempts: 1_000_000,
        // Forbidden (the subgraph refused the token) is final here: the client's token is
        // re-verified by the gateway, and a retry would be refused again.
        shouldRetry: (event) =>
          !(
            typeof event === 'object' &&
            event !== null &&
            'code' in event &&
            (event as { code: number }).code === 4403
          ),
        retryWait: async (retries) => {
          attempt = retries;
          await new Promise((r) =>
            setTimeout(
              r,
              backoffDelayMs(retries + 1, {
                baseMs: options.retryBaseMs ?? 250,
                maxMs: options.retryMaxMs ?? 10_000,
                jitter: true,
              }),
            ),
          );
        },
        connectionParams: () => {
          for (const token of tokens.values()) {
            const value = token();
            if (value) return { authorization: `Bearer ${value}` };
          }
          return {};
        },
        on: {
          connected: () => {
            openSockets++;
            options.onSocketOpen?.();
            if (everConnected || attempt > 0) options.onReconnect?.(request.subgraph);
            everConnected = true;
            attempt = 0;
          },
        },
      });
      // `closed` also fires for sockets that never opened: count only the ones that did.
      let open = false;
      client.on('connected', () => {
        open = true;
      });
      client.on('closed', () => {
        if (!open) return;
        open = false;
        openSockets--;
        options.onSocketClosed?.();
      });
      connection = { client, subscriptions: 0, tokens };
      connections.set(key, connection);
    }
    return [key, connection];
  };

  return {
    subscriptions: () => shared.size,
    sockets: () => openSockets,
    subscribe(request, token, listener) {
      const key = `${request.subgraph}\u0000${request.userId}\u0000${request.query}\u0000${JSON.stringify(request.variables)}`;
      const handle = {};
      let entry = shared.get(key);
      const [connectionKey, connection] = connectionFor(request);
      connection.tokens.set(handle, token);
      if (!entry) {
        const listeners = new Set<UpstreamListener>();
        connection.subscriptions++;
        const unsubscribe = connection.client.subscribe<Record<string, unknown>>(
          { query: request.query, variables: request.variables },
          {
            next: (result) => {
              for (const l of [...listeners]) l.next(result as FormattedExecutionResult);
            },
            error: (error) => {
              drop();
              for (const l of [...listeners]) l.error(error);
            },
            complete: () => {
              if (shared.get(key) !== created) return; // we unsubscribed
              drop();
              for (const l of [...listeners]) l.complete();
            },
          },
        );
        const created: Shared = { listeners, unsubscribe, connectionKey };
        entry = created;
        const drop = () => {
          if (shared.get(key) !== created) return;
          shared.delete(key);
          connection.subscriptions--;
          if (connection.subscriptions === 0) {
            connections.delete(connectionKey);
            void disposeQuietly(connection.client);
          }
        };
        shared.set(key, created);
      }
      const current = entry;
      current.listeners.add(listener);
      let left = false;
      return () => {
        if (left) return;
        left = true;
        connection.tokens.delete(handle);
        current.listeners.delete(listener);
        if (current.listeners.size > 0 || shared.get(key) !== current) return;
        shared.delete(key);
        current.unsubscribe();
        connection.subscriptions--;
        if (connection.subscriptions === 0) {
          connections.delete(connectionKey);
          void disposeQuietly(connection.client);
        }
      };
    },
    async close() {
      for (const s of shared.values()) s.unsubscribe();
      shared.clear();
      await Promise.all([...connections.values()].map((c) => disposeQuietly(c.client)));
      connections.clear();
    },
  };
}

/**
 * graphql-ws's `dispose()` awaits the pending connection and rethrows its close event when the
 * subgraph refused it (e.g. 4403 for a token that just expired): nothing is left to close then.
 * Left unhandled, that rejection would take the whole gateway process down.
 */
function disposeQuietly(client: Client): Promise<void> {
  return Promise.resolve(client.dispose()).catch(() => undefined);
}
