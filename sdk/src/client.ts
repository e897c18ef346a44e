import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { isTaskwireError, TaskwireError } from './errors.js';
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
  /** Aborting it ends the subscription, as calling the returned function does. */
  signal?: AbortSignal | undefined;
}

/** Per-call options: the last argument of every query and mutation function. */
export interface CallOptions {
  /** Aborts the call (and its retries): it rejects with a TaskwireError coded `ABORTED`. */
  signal?: AbortSignal | undefined;
  /**
   * Mutations only: the `Idempotency-Key` header sent with every attempt of this call.
   * Default: a fresh random UUID per call.
   */
  idempotencyKey?: string | undefined;
}

/** One function per operation in sdk/operations/*.graphql, typed from the generated documents. */
export type TaskwireOperations = {
  [N in RequestOperationName]: (
    ...args: [...OperationArgs<OperationVariables<N>>, options?: CallOptions]
  ) => Promise<OperationData<N>>;
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
  /**
   * Retries of a query or mutation after a timeout, a network error, a 5xx response, or
   * `TOO_MANY_REQUESTS` with a `Retry-After` (waited for). A mutation's retries carry the same
   * `Idempotency-Key`. Default 2; 0 turns retrying off.
   */
  retries?: number | undefined;
  /** First wait between retries (doubling, with jitter, up to 10 s). Default 250 ms. */
  retryBaseDelayMs?: number | undefined;
  /** A `Retry-After` longer than this is not waited for: the call rejects. Default 60 s. */
  maxRetryAfterMs?: number | undefined;
  /** Each attempt's limit, after which it fails with `TIMEOUT` (and is retried). Default 30 s. */
  timeoutMs?: number | undefined;
  /**
   * Send operations by id (the SHA-256 of the document, listed in the server's trusted documents
   * manifest) rather than by text; a server that does not know an id gets the text once.
   * Default true; a server with TRUSTED_DOCUMENTS=enforce accepts ids only.
   */
  documentIds?: boolean | undefined;
}

/** Queries that page through a connection: they declare an `after` variable. */
export type ConnectionOperationName = {
  [N in RequestOperationName]: 'after' extends keyof OperationVariables<N> ? N : never;
}[RequestOperationName];

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
   * Every page of a connection query, fetched as the loop asks for the next one (`after` is
   * each page's `pageInfo.endCursor`), until `hasNextPage` is false:
   * `for await (const page of client.pages('tasks', { first: 100 })) …`.
   */
  pages<N extends ConnectionOperationName>(
    name: N,
    variables?: Omit<OperationVariables<N>, 'after'> & { after?: string | null },
    options?: CallOptions,
  ): AsyncGenerator<OperationData<N>, void, undefined>;
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
  'pages',
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
  const retries = options.retries ?? 2;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sendDocumentIds = options.documentIds ?? true;
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
        const payload = (await attemptRequest(info, { refreshToken: spent }, undefined, undefined, null)) as {
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

  async function request(
    info: OperationInfo,
    variables: Record<string, unknown> | undefined,
    callOptions: CallOptions = {},
  ): Promise<unknown> {
    // One key per logical mutation call, the same on every retry, so the server can tell a
    // retry from a second call (docs/api.md "Idempotency-Key").
    const idempotencyKey = info.kind === 'mutation' ? (callOptions.idempotencyKey ?? randomUuid()) : undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await authorisedRequest(info, variables, callOptions.signal, idempotencyKey);
      } catch (error) {
        const waitMs = retryDelayMs(error, attempt);
        if (waitMs === undefined || attempt >= retries || callOptions.signal?.aborted) throw error;
        await sleep(waitMs, callOptions.signal, info.name);
      }
    }
  }

  /**
   * One request with the current access token; after UNAUTHENTICATED it renews the token once
   * (when the client holds a refresh token) and sends the request again.
   */
  async function authorisedRequest(
    info: OperationInfo,
    variables: Record<string, unknown> | undefined,
    signal: AbortSignal | undefined,
    idempotencyKey: string | undefined,
  ): Promise<unknown> {
    const sentWith = token;
    try {
      return await attemptRequest(info, variables, signal, idempotencyKey, token);
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
      return attemptRequest(info, variables, signal, idempotencyKey, token);
    }
  }

  /** How long to wait before retrying after `error`, or undefined when it is not retried. */
  function retryDelayMs(error: unknown, attempt: number): number | undefined {
    if (!(error instanceof TaskwireError)) return undefined;
    if (error.code === 'TOO_MANY_REQUESTS') {
      // Honour Retry-After; without one (or beyond the bound) the caller decides.
      if (error.retryAfterSeconds === undefined) return undefined;
      const ms = error.retryAfterSeconds * 1_000;
      return ms <= maxRetryAfterMs ? ms : undefined;
    }
    const transient =
      error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT' || (error.status !== undefined && error.status >= 500);
    if (!transient) return undefined;
    return Math.min(retryBaseDelayMs * 2 ** attempt, 10_000) + Math.floor(Math.random() * retryBaseDelayMs);
  }

  /** One HTTP exchange: by id first; with the document too when the server does not know the id. */
  async function attemptRequest(
    info: OperationInfo,
    variables: Record<string, unknown> | undefined,
    signal: AbortSignal | undefined,
    idempotencyKey: string | undefined,
    bearer: string | null | undefined,
  ): Promise<unknown> {
    const id = sendDocumentIds ? await documentIdOf(info) : undefined;
    const payload: Record<string, unknown> = { operationName: info.operationName, variables: variables ?? {} };
    if (id) payload.extensions = { persistedQuery: { version: 1, sha256Hash: id } };
    else payload.query = info.source;
    try {
      return await exchange(info, payload, signal, idempotencyKey, bearer);
    } catch (error) {
      // A server without the manifest (TRUSTED_DOCUMENTS=off) learns the document once
      // (automatic persisted queries); one that enforces trusted documents never answers this.
      if (!id || !isTaskwireError(error, 'PERSISTED_QUERY_NOT_FOUND')) throw error;
      return exchange(info, { ...payload, query: info.source }, signal, idempotencyKey, bearer);
    }
  }

  async function exchange(
    info: OperationInfo,
    payload: Record<string, unknown>,
    signal: AbortSignal | undefined,
    idempotencyKey: string | undefined,
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
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const timeout = AbortSignal.timeout(timeoutMs);
    let status: number | undefined;
    let retryAfter: string | null;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw abortedError(info.name, signal);
      if (timeout.aborted) {
        throw new TaskwireError({
          code: 'TIMEOUT',
          operation: info.name,
          status,
          cause,
          message: `${info.name}: no complete response from ${url} within ${timeoutMs} ms`,
        });
      }
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
      throw TaskwireError.fromGraphQLErrors(body.errors, {
        operation: info.name,
        status,
        retryAfterSeconds: retryAfterSecondsOf(retryAfter, body.errors),
      });
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

  async function* pages(
    name: string,
    variables: Record<string, unknown> = {},
    callOptions: CallOptions = {},
  ): AsyncGenerator<unknown, void, undefined> {
    const info = (operations as Record<string, OperationInfo>)[name];
    if (!info || info.kind !== 'query' || !info.variables.includes('after')) {
      throw new TypeError(`${name}: not a connection query (expected a query with an \`after\` variable)`);
    }
    let after = variables.after;
    for (;;) {
      const page = (await request(info, { ...variables, after }, callOptions)) as {
        pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
      } | null;
      if (!page) return;
      yield page;
      if (!page.pageInfo?.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
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
      subscribeOptions.signal?.removeEventListener('abort', unsubscribe);
      cancel?.();
    };
    activeSubscriptions.add(unsubscribe);
    if (subscribeOptions.signal?.aborted) unsubscribe();
    else subscribeOptions.signal?.addEventListener('abort', unsubscribe, { once: true });
    return unsubscribe;
  }

  const client: Record<string, unknown> = {};
  for (const info of Object.values(operations) as OperationInfo[]) {
    if (reservedNames.has(info.name)) throw new Error(`operation name ${info.name} clashes with a client method`);
    client[info.name] =
      info.kind === 'subscription'
        ? (handler: (event: unknown) => void, subscribeOptions?: SubscribeOptions<unknown>) =>
            subscribe(info, handler, subscribeOptions)
        : info.variables.length === 0
          ? (callOptions?: CallOptions) => request(info, undefined, callOptions)
          : (arg?: unknown, callOptions?: CallOptions) =>
              request(
                info,
                info.takesInput ? { input: arg } : (arg as Record<string, unknown> | undefined),
                callOptions,
              );
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
  client.pages = pages;
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

/** The SHA-256 (hex) of an operation's document text: its id in the trusted documents manifest. */
const documentIds = new Map<string, Promise<string | undefined>>();
function documentIdOf(info: OperationInfo): Promise<string | undefined> {
  const known = documentIds.get(info.source);
  if (known) return known;
  // Web Crypto is missing only outside secure contexts (plain-HTTP pages): send the text then.
  const subtle = (globalThis.crypto as Partial<typeof globalThis.crypto> | undefined)?.subtle;
  const id = subtle
    ? subtle
        .digest('SHA-256', new TextEncoder().encode(info.source))
        .then((digest: ArrayBuffer) =>
          Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
        )
    : Promise.resolve(undefined);
  documentIds.set(info.source, id);
  return id;
}

function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date) or the error's extensions. */
function retryAfterSecondsOf(header: string | null, errors: readonly GraphQLFormattedError[]): number | undefined {
  if (header !== null && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, (date - Date.now()) / 1_000);
  }
  const fromBody = errors[0]?.extensions?.retryAfterSeconds;
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody : undefined;
}

function abortedError(operation: string, signal: AbortSignal): TaskwireError {
  return new TaskwireError({
    code: 'ABORTED',
    operation,
    cause: signal.reason,
    message: `${operation}: aborted by the caller`,
  });
}

/** Waits `ms`, or rejects with `ABORTED` as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined, operation: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(operation, signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(operation, signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
