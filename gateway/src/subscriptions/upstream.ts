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
  key: string;
  client: Client;
  subscriptions: number;
  /** Each listener's way to a valid token of the user, for (re)connecting. */
  tokens: Map<object, () => string | null>;
}

interface Shared {
  listeners: Set<UpstreamListener>;
  unsubscribe: () => void;
  connection: Connection;
}

export interface UpstreamPoolOptions {
  /** Sent on every socket's upgrade request (the gateway's `x-gateway-secret`). */
  headers?: Record<string, string>;
  onSocketOpen?: () => void;
  onSocketClosed?: () => void;
  onReconnect?: (subgraph: string) => void;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * Upstream graphql-ws subscriptions to subgraphs, shared: one socket per (subgraph, user) —
 * the token is per user — and one subscription per identical (subgraph, user, operation,
 * variables), however many clients asked for it. Sockets reconnect with exponential
 * backoff and jitter; graphql-ws re-subscribes after a reconnect.
 */
export function createUpstreamPool(options: UpstreamPoolOptions = {}): UpstreamPool {
  const connections = new Map<string, Connection>();
  const shared = new Map<string, Shared>();
  let openSockets = 0;
  const socketHooks: SocketHooks = {
    ...options,
    onOpen: () => {
      openSockets++;
      options.onSocketOpen?.();
    },
    onClosed: () => {
      openSockets--;
      options.onSocketClosed?.();
    },
  };

  const connectionFor = (request: UpstreamRequest): Connection => {
    const key = `${request.subgraph}\u0000${request.userId}`;
    let connection = connections.get(key);
    if (!connection) {
      const tokens = new Map<object, () => string | null>();
      connection = { key, client: openSubgraphClient(request, tokens, socketHooks), subscriptions: 0, tokens };
      connections.set(key, connection);
    }
    return connection;
  };

  /** One subscription fewer on the socket: the last one closes it. */
  const releaseConnection = (connection: Connection) => {
    connection.subscriptions--;
    if (connection.subscriptions > 0) return;
    connections.delete(connection.key);
    void disposeQuietly(connection.client);
  };

  /** Forgets a shared subscription the subgraph ended; false when it was already forgotten (we unsubscribed). */
  const drop = (key: string, entry: Shared): boolean => {
    if (shared.get(key) !== entry) return false;
    shared.delete(key);
    releaseConnection(entry.connection);
    return true;
  };

  const open = (key: string, request: UpstreamRequest, connection: Connection): Shared => {
    const listeners = new Set<UpstreamListener>();
    connection.subscriptions++;
    const entry: Shared = { listeners, connection, unsubscribe: () => undefined };
    entry.unsubscribe = connection.client.subscribe<Record<string, unknown>>(
      { query: request.query, variables: request.variables },
      {
        next: (result) => {
          for (const l of [...listeners]) l.next(result as FormattedExecutionResult);
        },
        error: (error) => {
          drop(key, entry);
          for (const l of [...listeners]) l.error(error);
        },
        complete: () => {
          if (!drop(key, entry)) return;
          for (const l of [...listeners]) l.complete();
        },
      },
    );
    shared.set(key, entry);
    return entry;
  };

  return {
    subscriptions: () => shared.size,
    sockets: () => openSockets,
    subscribe(request, token, listener) {
      const key = `${request.subgraph}\u0000${request.userId}\u0000${request.query}\u0000${JSON.stringify(request.variables)}`;
      const handle = {};
      const connection = connectionFor(request);
      connection.tokens.set(handle, token);
      const entry = shared.get(key) ?? open(key, request, connection);
      entry.listeners.add(listener);
      let left = false;
      return () => {
        if (left) return;
        left = true;
        connection.tokens.delete(handle);
        entry.listeners.delete(listener);
        if (entry.listeners.size > 0 || shared.get(key) !== entry) return;
        // Forgotten before unsubscribing, so the completion it triggers is not taken for the subgraph's.
        shared.delete(key);
        entry.unsubscribe();
        releaseConnection(connection);
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

type SocketHooks = Pick<UpstreamPoolOptions, 'headers' | 'onReconnect' | 'retryBaseMs' | 'retryMaxMs'> & {
  onOpen(): void;
  onClosed(): void;
};

/**
 * A lazy graphql-ws client to one subgraph for one user: it connects with the first token a
 * listener still has, and reconnects with backoff until the subgraph refuses the token.
 */
function openSubgraphClient(
  request: UpstreamRequest,
  tokens: Map<object, () => string | null>,
  hooks: SocketHooks,
): Client {
  let attempt = 0;
  let everConnected = false;
  const client = createClient({
    url: request.url,
    webSocketImpl: withHeaders(hooks.headers ?? {}),
    lazy: true,
    lazyCloseTimeout: 0,
    retryAttempts: 1_000_000,
    // Forbidden (the subgraph refused the token) is final here: the client's token is
    // re-verified by the gateway, and a retry would be refused again.
    shouldRetry: (event) => !isCloseEventWithCode(event, 4403),
    retryWait: async (retries) => {
      attempt = retries;
      const delay = backoffDelayMs(retries + 1, {
        baseMs: hooks.retryBaseMs ?? 250,
        maxMs: hooks.retryMaxMs ?? 10_000,
        jitter: true,
      });
      await new Promise((r) => setTimeout(r, delay));
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
        hooks.onOpen();
        if (everConnected || attempt > 0) hooks.onReconnect?.(request.subgraph);
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
    hooks.onClosed();
  });
  return client;
}

/** The `ws` client class graphql-ws constructs, sending `headers` with the upgrade request. */
function withHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

function isCloseEventWithCode(event: unknown, code: number): boolean {
  return typeof event === 'object' && event !== null && 'code' in event && (event as { code: number }).code === code;
}

/**
 * graphql-ws's `dispose()` awaits the pending connection and rethrows its close event when the
 * subgraph refused it (e.g. 4403 for a token that just expired): nothing is left to close then.
 * Left unhandled, that rejection would take the whole gateway process down.
 */
function disposeQuietly(client: Client): Promise<void> {
  return Promise.resolve(client.dispose()).catch(() => undefined);
}
