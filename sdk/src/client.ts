import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { TaskwireError } from './errors.js';
import {
  operations,
  type OperationArgs,
  type OperationData,
  type OperationInfo,
  type OperationVariables,
  type RequestOperationName,
  type SubscriptionOperationName,
} from './operations.js';

/** Stops a subscription; safe to call more than once. */
export type Unsubscribe = () => void;

export interface SubscribeOptions<V = Record<string, never>> {
  /** Variables of the subscription operation, if it declares any. */
  variables?: V;
  /**
   * GraphQL errors of the subscription (e.g. `UNAUTHENTICATED`) and failures that end it for
   * good (the server refused the connection: 4401/4403). Lost connections are not errors:
   * the client reconnects and resubscribes. Default: `console.error`.
   */
  onError?: (error: TaskwireError) => void;
  /** The server ended the subscription. */
  onComplete?: () => void;
}

/** One function per operation in sdk/operations/*.graphql, typed from the generated documents. */
export type TaskwireOperations = {
  [N in RequestOperationName]: (...args: OperationArgs<OperationVariables<N>>) => Promise<OperationData<N>>;
} & {
  [N in SubscriptionOperationName]: (
    handler: (event: OperationData<N>) => void,
    options?: SubscribeOptions<OperationVariables<N>>,
  ) => Unsubscribe;
};

export type ConnectionState = 'connecting' | 'connected' | 'closed';

export interface TaskwireClientOptions {
  /** The API endpoint, e.g. `http://localhost:4000/graphql`; graphql-ws uses the same path. */
  url: string;
  /** Access token from `signUp` / `signIn`; sent as `Authorization: Bearer <token>`. */
  token?: string | null | undefined;
  /**
   * Refresh token from `signUp` / `signIn` / `resetPassword` (`AuthPayload.refreshToken`). With
   * it the client renews an expired access token by itself: on `UNAUTHENTICATED` it calls
   * `refreshSession` once (concurrent failures share that one call) and retries the operation.
   * Refresh tokens are single use: every renewal hands the new one to `onRefreshToken`.
   */
  refreshToken?: string | null | undefined;
  /**
   * Called with each new refresh token the client obtained by renewing (store it: the old one is
   * spent), and with `null` when renewal failed for good (the session ended; sign in again).
   */
  onRefreshToken?: ((refreshToken: string | null) => void) | undefined;
  /** Called with each new access token the client obtained by renewing. */
  onToken?: ((token: string) => void) | undefined;
  /** A fetch implementation; default: the global `fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * A WebSocket implementation for subscriptions; default: the global `WebSocket`, else (Node
   * 20) the `ws` package, loaded on first use.
   */
  webSocketImpl?: unknown;
  /** The graphql-ws URL; default: `url` with http(s) replaced by ws(s). */
  wsUrl?: string | undefined;
  /** Extra HTTP headers for every request. */
  headers?: Record<string, string> | undefined;
  /** Upper bound of the wait between reconnection attempts (exponential backoff). Default 10 s. */
  maxReconnectDelayMs?: number | undefined;
  /** Called when the subscription connection's state changes. */
  onConnectionChange?: ((state: ConnectionState) => void) | undefined;
}

export type TaskwireClient = TaskwireOperations & {
  /**
   * Sets the token used from now on (`null` signs out). Open subscriptions reconnect with it.
   */
  setToken(token: string | null | undefined): void;
  /** The current token, if any. */
  readonly token: string | undefined;
  /** Sets the refresh token used for automatic renewal from now on (`null`: no renewal). */
  setRefreshToken(refreshToken: string | null | undefined): void;
  /** The current refresh token, if any. */
  readonly refreshToken: string | undefined;
  /** `reminderDue`: the signed-in user's reminders as they fall due, over graphql-ws. */
  subscribeReminders: TaskwireOperations['reminderDue'];
  /**
   * Ends every open subscription (without calling their handlers) and closes the WebSocket.
   * Never rejects. A later subscription opens a new connection.
   */
  dispose(): Promise<void>;
};

const reservedNames = new Set([
  'setToken',
  'token',
  'setRefreshToken',
  'refreshToken',
  'subscribeReminders',
  'dispose',
]);

/** The operation the client renews with. */
const refreshOperation = 'refreshSession';
/** Operations whose UNAUTHENTICATED is about their own credentials, not an expired access token. */
const notRenewed = new Set([refreshOperation, 'signIn', 'signUp', 'resetPassword']);

/**
 * Creates a Taskwire API client: one async function per query and mutation, returning the
 * root field's value and rejecting with {@link TaskwireError}; one function per subscription,
 * calling the handler for each event until the returned function is called.
 *
 * Works in browsers and Node 20 (where `ws` is imported on the first subscription).
 */
export function createTaskwireClient(options: TaskwireClientOptions): TaskwireClient {
  const url = options.url;
  const wsUrl = options.wsUrl ?? url.replace(/^http/i, 'ws');
  const maxReconnectDelayMs = options.maxReconnectDelayMs ?? 10_000;
  let token = options.token ?? undefined;
  let refreshToken = options.refreshToken ?? undefined;
  /** The renewal in flight: concurrent UNAUTHENTICATED failures wait for this one call. */
  let renewing: Promise<boolean> | undefined;
  let wsClient: WsClient | undefined;
  let wsClientPromise: Promise<WsClient> | undefined;
  let disposed = false;
  /** Unsubscribe functions of the open subscriptions (dispose ends them). */
  const activeSubscriptions = new Set<Unsubscribe>();
  /** Pending reconnection back-offs (dispose cuts them short). */
  const pendingRetryWaits = new Set<() => void>();

  /**
   * Spends the refresh token for a new access token (single-flight). Resolves to whether the
   * client now has a new token; a refused refresh ends renewal (`onRefreshToken(null)`).
   */
  function renew(): Promise<boolean> {
    renewing ??= (async () => {
      const spent = refreshToken;
      if (!spent) return false;
      try {
        const info = operations[refreshOperation] as OperationInfo;
        // Without the expired access token: the gateway refuses a request that carries one.
        const payload = (await send(info, { refreshToken: spent }, null)) as {
          token: string;
          refreshToken: string | null;
        };
        token = payload.token;
        if (payload.refreshToken) refreshToken = payload.refreshToken;
        if (wsClient && !disposed) wsClient.terminate();
        options.onToken?.(payload.token);
        if (payload.refreshToken) options.onRefreshToken?.(payload.refreshToken);
        return true;
      } catch (error) {
        if (error instanceof TaskwireError && error.code === 'UNAUTHENTICATED') {
          if (refreshToken === spent) refreshToken = undefined;
          options.onRefreshToken?.(null);
        }
        return false;
      }
    })().finally(() => {
      renewing = undefined;
    });
    return renewing;
  }

  async function request(info: OperationInfo, variables: Record<string, unknown> | undefined): Promise<unknown> {
    const sentWith = token;
    try {
      return await send(info, variables, token);
    } catch (error) {
      const renewable =
        error instanceof TaskwireError &&
        error.code === 'UNAUTHENTICATED' &&
        !notRenewed.has(info.name) &&
        sentWith !== undefined &&
        (refreshToken !== undefined || renewing !== undefined);
      if (!renewable) throw error;
      // Another request may have renewed meanwhile: then just retry with its token.
      const renewed = token !== sentWith || (await renew());
      if (!renewed) throw error;
      return send(info, variables, token);
    }
  }

  async function send(
    info: OperationInfo,
    variables: Record<string, unknown> | undefined,
    bearer: string | null | undefined,
  ): Promise<unknown> {
    // Called through globalThis: some browsers reject a detached `fetch` (Illegal invocation).
    const fetchImpl = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...options.headers,
    };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let status: number | undefined;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: info.source, operationName: info.operationName, variables: variables ?? {} }),
      });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      throw new TaskwireError({
        code: 'NETWORK_ERROR',
        operation: info.name,
        status,
        cause,
        message: `${info.name}: no response from ${url}: ${cause instanceof Error ? cause.message : String(cause)}`,
      });
    }
    let body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch (cause) {
      throw new TaskwireError({
        code: 'HTTP_ERROR',
        operation: info.name,
        status,
        cause,
        message: `${info.name}: expected a GraphQL JSON response from ${url}, got HTTP ${status}: ${text.slice(0, 200)}`,
      });
    }
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      throw TaskwireError.fromGraphQLErrors(body.errors, { operation: info.name, status });
    }
    if (!body.data || !(info.rootField in body.data)) {
      throw new TaskwireError({
        code: 'BAD_RESPONSE',
        operation: info.name,
        status,
        message: `${info.name}: expected data.${info.rootField} in the response, got ${text.slice(0, 200)}`,
      });
    }
    return body.data[info.rootField];
  }

  function connectWebSocket(): Promise<WsClient> {
    disposed = false;
    wsClientPromise ??= (async () => {
      const webSocketImpl = options.webSocketImpl ?? (await defaultWebSocketImpl());
      wsClient = createClient({
        url: wsUrl,
        webSocketImpl,
        lazy: true,
        // Reconnect for as long as anything is subscribed; only a refused connection
        // (bad token: 4401/4403) is final, since retrying with the same token cannot help.
        retryAttempts: Infinity,
        shouldRetry: (errOrCloseEvent) => !(isCloseEvent(errOrCloseEvent) && isAuthCloseCode(errOrCloseEvent.code)),
        retryWait: (retries) =>
          new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              pendingRetryWaits.delete(done);
              resolve();
            };
            const timer = setTimeout(
              done,
              Math.min(maxReconnectDelayMs, 250 * 2 ** retries) + Math.floor(Math.random() * 250),
            );
            pendingRetryWaits.add(done);
          }),
        // Read at every (re)connection, so a new token applies after setToken.
        connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
        on: {
          connecting: () => options.onConnectionChange?.('connecting'),
          connected: () => options.onConnectionChange?.('connected'),
          closed: () => options.onConnectionChange?.('closed'),
        },
      });
      return wsClient;
    })();
    wsClientPromise.catch(() => {
      wsClientPromise = undefined;
    });
    return wsClientPromise;
  }

  function subscribe(
    info: OperationInfo,
    handler: (event: unknown) => void,
    subscribeOptions: SubscribeOptions<unknown> = {},
  ): Unsubscribe {
    const onError = subscribeOptions.onError ?? ((error: TaskwireError) => console.error(error));
    let active = true;
    let cancel: (() => void) | undefined;
    connectWebSocket().then(
      (client) => {
        if (!active) return;
        cancel = client.subscribe<Record<string, unknown>>(
          {
            query: info.source,
            operationName: info.operationName,
            variables: (subscribeOptions.variables ?? {}) as Record<string, unknown>,
          },
          {
            next: (result) => {
              if (result.errors?.length) {
                onError(TaskwireError.fromGraphQLErrors(result.errors, { operation: info.name }));
              } else if (result.data && info.rootField in result.data) {
                handler(result.data[info.rootField]);
              }
            },
            error: (error) => {
              if (active) onError(subscriptionError(info.name, error));
            },
            complete: () => {
              if (active) subscribeOptions.onComplete?.();
            },
          },
        );
      },
      (cause: unknown) =>
        onError(
          new TaskwireError({
            code: 'NETWORK_ERROR',
            operation: info.name,
            cause,
            message: `${info.name}: cannot open a WebSocket to ${wsUrl}: ${cause instanceof Error ? cause.message : String(cause)}`,
          }),
        ),
    );
    const unsubscribe = () => {
      active = false;
      activeSubscriptions.delete(unsubscribe);
      cancel?.();
    };
    activeSubscriptions.add(unsubscribe);
    return unsubscribe;
  }

  const client: Record<string, unknown> = {};
  for (const info of Object.values(operations) as OperationInfo[]) {
    if (reservedNames.has(info.name)) throw new Error(`operation name ${info.name} clashes with a client method`);
    client[info.name] =
      info.kind === 'subscription'
        ? (handler: (event: unknown) => void, subscribeOptions?: SubscribeOptions<unknown>) =>
            subscribe(info, handler, subscribeOptions)
        : (arg?: unknown) =>
            request(info, info.takesInput ? { input: arg } : (arg as Record<string, unknown> | undefined));
  }
  Object.defineProperty(client, 'token', { get: () => token, enumerable: true });
  Object.defineProperty(client, 'refreshToken', { get: () => refreshToken, enumerable: true });
  client.setRefreshToken = (next: string | null | undefined) => {
    refreshToken = next ?? undefined;
  };
  client.setToken = (next: string | null | undefined) => {
    token = next ?? undefined;
    // Reconnect open subscriptions so the server sees the new identity; a synthetic 4499
    // close is retried by graphql-ws like any lost connection.
    if (wsClient && !disposed) wsClient.terminate();
  };
  client.subscribeReminders = client.reminderDue;
  client.dispose = async () => {
    disposed = true;
    for (const unsubscribe of [...activeSubscriptions]) unsubscribe();
    // With no subscription left, a connection attempt waiting to retry gives up at once.
    for (const release of [...pendingRetryWaits]) release();
    const pending = wsClientPromise;
    wsClientPromise = undefined;
    wsClient = undefined;
    const ws = await pending?.catch(() => undefined);
    // graphql-ws rejects with the close event of a connection attempt that was given up
    // ("All Subscriptions Gone"): nothing is left open then, so that is not a failure.
    await Promise.resolve(ws?.dispose()).catch(() => undefined);
  };
  return client as TaskwireClient;
}

/** The global WebSocket (browsers, Node 22+), else the `ws` package (Node 20). */
async function defaultWebSocketImpl(): Promise<unknown> {
  const global = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof global === 'function') return global;
  // A computed specifier keeps bundlers from pulling `ws` into browser builds.
  const specifier = 'ws';
  const module = (await import(/* @vite-ignore */ specifier)) as { WebSocket?: unknown; default?: unknown };
  return module.WebSocket ?? module.default;
}

interface CloseEventLike {
  code: number;
  reason: string;
}

function isCloseEvent(value: unknown): value is CloseEventLike {
  return (
    typeof value === 'object' && value !== null && 'code' in value && typeof (value as CloseEventLike).code === 'number'
  );
}

function isAuthCloseCode(code: number): boolean {
  return code === 4401 || code === 4403;
}

function subscriptionError(operation: string, error: unknown): TaskwireError {
  if (Array.isArray(error)) return TaskwireError.fromGraphQLErrors(error as GraphQLFormattedError[], { operation });
  if (isCloseEvent(error)) {
    const code = error.code === 4401 ? 'UNAUTHENTICATED' : error.code === 4403 ? 'FORBIDDEN' : 'SUBSCRIPTION_CLOSED';
    return new TaskwireError({
      code,
      operation,
      cause: error,
      message: `${operation}: the server closed the subscription connection (${error.code}${error.reason ? `: ${error.reason}` : ''})`,
    });
  }
  return new TaskwireError({
    code: 'NETWORK_ERROR',
    operation,
    cause: error,
    message: `${operation}: ${error instanceof Error ? error.message : String(error)}`,
  });
}
