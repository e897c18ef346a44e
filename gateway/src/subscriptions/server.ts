import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { OperationContext } from '@apollo/gateway/dist/operationContext.js';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { bearerToken, InvalidTokenError } from '@taskwire/platform/auth';
import { publicErrorCodes } from '@taskwire/platform/errors';
import type { GatewayContext } from '../context.js';
import { assertCostWithin, depthLimitRule } from '../limits.js';
import type { GatewayHookContext, GatewayHooks } from '../service.js';
import { createBoundedQueue, type BoundedQueue } from '@taskwire/platform/bounded-queue';
import { createSubscriptionMetrics, type SubscriptionMetrics, type TerminationReason } from './metrics.js';
import { createSubscriptionPlanner, type SubscriptionPlan } from './planner.js';
import { createUpstreamPool, type UpstreamPool } from './upstream.js';

/**
 * Close codes the gateway's graphql-ws endpoint uses (docs/subscriptions.md):
 * 4403 Forbidden — the connection carried no valid `connectionParams.authorization` (refused at connect);
 * 4401 token expired — the connection's token expired: every subscription on it ends; reconnect with a fresh token;
 * 1012 Service Restart — the gateway is shutting down: reconnect (to another replica).
 */
export const subscriptionCloseCodes = { forbidden: 4403, tokenExpired: 4401, serviceRestart: 1012 } as const;

export interface SubscriptionOptions {
  /** Open subscriptions per user across all their connections to this gateway process (default 100). */
  maxSubscriptionsPerUser?: number;
  /** Undelivered events kept per client subscription; when full the oldest is dropped (default 100). */
  maxQueuedPerClient?: number;
  /** Ping interval of client sockets (graphql-ws keep-alive, default 12 s). */
  keepAliveMs?: number;
  /** First and largest delay of the upstream reconnect backoff. */
  upstreamRetryBaseMs?: number;
  upstreamRetryMaxMs?: number;
}

export interface FederatedSubscriptions {
  pool: UpstreamPool;
  metrics: SubscriptionMetrics;
  /** Open client subscriptions. */
  openSubscriptions(): number;
  /** Closes every client socket with 1012 and every upstream subscription and socket. */
  stop(): Promise<void>;
}

interface ConnectionAuth {
  userId: string;
  token: string;
  /** Token expiry, ms since the epoch. */
  expiresAtMs: number;
}

type ConnectionExtra = {
  auth?: ConnectionAuth;
  expiryTimer?: NodeJS.Timeout;
  /** Set before the gateway closes the socket itself. */
  closeReason?: TerminationReason;
};
type ConnectionContext = Context<Record<string, unknown>, Extra & Partial<ConnectionExtra>>;

interface OperationValue {
  connection: ConnectionContext;
  query: string;
}

interface ClientSubscription {
  queue: BoundedQueue<FormattedExecutionResult>;
  auth: ConnectionAuth;
}

interface Group {
  key: string;
  plan: SubscriptionPlan;
  operationContext: OperationContext;
  request: { query: string; variables: Record<string, unknown>; operationName: string | undefined };
  userId: string;
  clients: Set<ClientSubscription>;
  chain: Promise<void>;
  leave: () => void;
}

const maxTimerMs = 2 ** 31 - 1;

function wsUrlOf(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** The `onHttpServer` hook for `startGateway(config, hooks)`: federated subscriptions over graphql-ws. */
export function subscriptionsHook(options: SubscriptionOptions = {}): NonNullable<GatewayHooks['onHttpServer']> {
  return (server, ctx) => {
    const subscriptions = attachSubscriptions(server, ctx, options);
    return () => subscriptions.stop();
  };
}

/**
 * graphql-ws on the gateway's own server and path (`/graphql`). A subscription is planned
 * against the supergraph; its primary fetch is opened on the owning subgraph over graphql-ws
 * with the client's token (shared between identical subscriptions of one user), and each
 * event runs the rest of the plan through @apollo/gateway's `executeQueryPlan`, once per
 * group of identical client subscriptions. Queries and mutations on the socket are POSTed
 * to this gateway's HTTP endpoint, so they pass the same limits.
 */
export function attachSubscriptions(
  httpServer: http.Server,
  ctx: GatewayHookContext,
  options: SubscriptionOptions = {},
): FederatedSubscriptions {
  const { config, logger, verifier } = ctx;
  const maxPerUser = options.maxSubscriptionsPerUser ?? 100;
  const maxQueued = options.maxQueuedPerClient ?? 100;
  const planner = createSubscriptionPlanner(ctx.supergraphSdl);
  const plans = new Map<string, SubscriptionPlan>();
  const documents = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();
  const openByUser = new Map<string, number>();
  const groups = new Map<string, Group>();
  const connections = new Set<ConnectionContext>();
  let open = 0;
  let stopping = false;

  const pool = createUpstreamPool({
    onReconnect: (subgraph) => metrics.reconnects.inc({ subgraph }),
    ...(options.upstreamRetryBaseMs ? { retryBaseMs: options.upstreamRetryBaseMs } : {}),
    ...(options.upstreamRetryMaxMs ? { retryMaxMs: options.upstreamRetryMaxMs } : {}),
  });
  const metrics = createSubscriptionMetrics(ctx.metrics.registry, () => ({
    upstreams: pool.subscriptions(),
    sockets: pool.sockets(),
    connections: connections.size,
    open,
  }));
  // The gateway's own data sources (they forward token, request id and client address).
  const dataSources = ctx.serviceMap() as Record<string, GraphQLDataSource<GatewayContext>>;

  const maskErrors = (errors: readonly GraphQLFormattedError[] | undefined): GraphQLFormattedError[] | undefined => {
    if (!errors || errors.length === 0) return undefined;
    return errors.map((e) => {
      const code = typeof e.extensions?.code === 'string' ? e.extensions.code : '';
      if (publicErrorCodes.has(code)) {
        const { stacktrace: _s, exception: _e, serviceName: _n, ...extensions } = e.extensions ?? {};
        return { message: e.message, ...(e.path ? { path: e.path } : {}), extensions };
      }
      logger.error({ error: e }, 'subscription event failed');
      return {
        message: 'Internal server error',
        ...(e.path ? { path: e.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    });
  };

  const planFor = (document: DocumentNode, query: string, operationName: string | undefined): SubscriptionPlan => {
    const key = `${operationName ?? ''}\u0000${query}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = planner.plan(document, operationName);
      if (plans.size >= 1_000) plans.delete(plans.keys().next().value as string);
      plans.set(key, plan);
    }
    return plan;
  };

  const tokenOf = (group: Group): string | null => {
    const now = Date.now();
    let best: ConnectionAuth | null = null;
    for (const c of group.clients)
      if (c.auth.expiresAtMs > now && (!best || c.auth.expiresAtMs > best.expiresAtMs)) best = c.auth;
    return best?.token ?? null;
  };

  const runEvent = async (group: Group, upstream: FormattedExecutionResult): Promise<void> => {
    metrics.events.inc({ stage: 'upstream' });
    if (group.clients.size === 0) return;
    const end = metrics.eventDuration.startTimer();
    const primary = group.plan.primary;
    const owner = dataSources[primary.serviceName];
    // The owning subgraph's "fetch" of the primary is answered with the event; its other
    // fetches (entities it also owns) go to it over HTTP as usual.
    const eventSource: GraphQLDataSource<GatewayContext> = {
      process: (request) =>
        request.request.query === primary.operation ? Promise.resolve(upstream as never) : owner!.process(request),
    };
    const serviceMap: ServiceMap = { ...dataSources, [primary.serviceName]: eventSource };
    const context: GatewayContext = ctx.createContext({
      user: { id: group.userId },
      token: tokenOf(group),
      clientAddress: 'subscription',
    });
    let result: FormattedExecutionResult;
    try {
      const executed = await executeQueryPlan(
        group.plan.perEvent,
        serviceMap,
        {
          request: group.request,
          context,
          metrics: {},
          logger,
          cache: undefined,
          overallCachePolicy: undefined,
        } as never,
        group.operationContext,
        planner.supergraphSchema,
        planner.apiSchema,
      );
      const errors = maskErrors(executed.errors?.map((e) => ('toJSON' in e ? e.toJSON() : e)));
      result = { data: (executed.data ?? null) as Record<string, unknown> | null, ...(errors ? { errors } : {}) };
    } catch (error) {
      logger.error({ err: error }, 'subscription event execution failed');
      result = {
        data: null,
        errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      };
    }
    metrics.events.inc({ stage: 'executed' });
    end();
    let delivered = 0;
    for (const client of group.clients) {
      client.queue.push(result);
      delivered++;
    }
    metrics.events.inc({ stage: 'delivered' }, delivered);
  };

  const endGroup = (group: Group, reason: TerminationReason, last?: FormattedExecutionResult) => {
    if (groups.get(group.key) === group) groups.delete(group.key);
    for (const client of [...group.clients]) client.queue.end(reason, last);
  };

  const subscribe = (
    args: ExecutionArgs,
  ): AsyncIterableIterator<FormattedExecutionResult> | FormattedExecutionResult => {
    const { connection, query } = args.contextValue as OperationValue;
    const auth = connection.extra.auth!;
    const operationName = args.operationName ?? undefined;
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    let plan: SubscriptionPlan;
    try {
      plan = planFor(args.document, query, operationName);
    } catch (error) {
      release(auth.userId);
      if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
      logger.error({ err: error }, 'subscription planning failed');
      return { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    }
    const key = `${auth.userId}\u0000${operationName ?? ''}\u0000${query}\u0000${JSON.stringify(variables)}`;
    let group = groups.get(key);
    if (!group) {
      const primaryVariables = Object.fromEntries(
        (plan.primary.variableUsages ?? []).filter((n) => n in variables).map((n) => [n, variables[n]]),
      );
      const created: Group = {
        key,
        plan,
        operationContext: buildOperationContext({
          schema: ctx.schema,
          operationDocument: args.document,
          ...(operationName ? { operationName } : {}),
        }),
        request: { query, variables, operationName },
        userId: auth.userId,
        clients: new Set(),
        chain: Promise.resolve(),
        leave: () => undefined,
      };
      created.leave = pool.subscribe(
        {
          subgraph: plan.primary.serviceName,
          url: wsUrlOf(ctx.subgraphUrls[plan.primary.serviceName]!),
          userId: auth.userId,
          query: plan.primary.operation,
          variables: primaryVariables,
        },
        () => tokenOf(created),
        {
          next: (upstream) => {
            // One event at a time per group, in order.
            created.chain = created.chain.then(() => runEvent(created, upstream));
          },
          error: (error) => {
            const messages = Array.isArray(error) ? (error as GraphQLFormattedError[]) : undefined;
            logger.warn(
              { err: messages ? undefined : error, errors: messages, subgraph: plan.primary.serviceName },
              'upstream subscription failed',
            );
            const errors = maskErrors(messages ?? [{ message: String((error as Error)?.message ?? error) }]);
            created.chain = created.chain.then(() => endGroup(created, 'upstream_error', { errors: errors ?? [] }));
          },
          complete: () => {
            created.chain = created.chain.then(() => endGroup(created, 'upstream_complete'));
          },
        },
      );
      groups.set(key, created);
      group = created;
    }
    const current = group;
    const client: ClientSubscription = {
      auth,
      queue: createBoundedQueue<FormattedExecutionResult>({
        maxQueued,
        onDrop: () => metrics.drops.inc(),
        onClose: (why) => {
          open--;
          release(auth.userId);
          current.clients.delete(client);
          let reason: TerminationReason;
          if (why !== 'client') reason = why as TerminationReason;
          else if (connection.extra.closeReason) reason = connection.extra.closeReason;
          else
            reason =
              connection.extra.socket.readyState === connection.extra.socket.OPEN
                ? 'client_complete'
                : 'client_disconnect';
          metrics.terminations.inc({ reason });
          if (current.clients.size === 0) {
            if (groups.get(current.key) === current) groups.delete(current.key);
            current.leave();
          }
        },
      }),
    };
    open++;
    current.clients.add(client);
    return client.queue.iterator;
  };

  const release = (userId: string) => {
    const n = (openByUser.get(userId) ?? 1) - 1;
    if (n <= 0) openByUser.delete(userId);
    else openByUser.set(userId, n);
  };

  const execute = async (args: ExecutionArgs): Promise<FormattedExecutionResult> => {
    const { connection, query } = args.contextValue as OperationValue;
    const { port } = httpServer.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${connection.extra.auth!.token}` },
      body: JSON.stringify({
        query,
        variables: args.variableValues ?? {},
        operationName: args.operationName ?? undefined,
      }),
    });
    return (await response.json()) as FormattedExecutionResult;
  };

  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const disposable = useServer<Record<string, unknown>, Partial<ConnectionExtra>>(
    {
      schema: ctx.schema,
      onConnect: async (c) => {
        if (stopping) return false;
        const raw = c.connectionParams?.authorization ?? c.connectionParams?.Authorization;
        const token = typeof raw === 'string' ? bearerToken(raw) : null;
        if (!token) {
          metrics.refusals.inc({ reason: 'missing_token' });
          return false;
        }
        let claims;
        try {
          claims = await verifier.verify(token);
        } catch (error) {
          if (!(error instanceof InvalidTokenError)) throw error;
          metrics.refusals.inc({ reason: 'invalid_token' });
          return false;
        }
        const connection = c as ConnectionContext;
        connection.extra.auth = { userId: claims.userId, token, expiresAtMs: claims.exp * 1000 };
        connection.extra.expiryTimer = setTimeout(
          () => {
            connection.extra.closeReason = 'token_expired';
            connection.extra.socket.close(subscriptionCloseCodes.tokenExpired, 'token expired');
          },
          Math.min(maxTimerMs, Math.max(0, claims.exp * 1000 - Date.now())),
        );
        connections.add(connection);
        connection.extra.socket.once('close', () => {
          clearTimeout(connection.extra.expiryTimer);
          connections.delete(connection);
        });
        return true;
      },
      onSubscribe: (c, _id, payload) => {
        const connection = c as ConnectionContext;
        // Many clients send the same document (every tab of the web app): parse and validate it once.
        let checked = documents.get(payload.query);
        if (!checked) {
          try {
            const document = parse(payload.query);
            checked = {
              document,
              errors: validate(ctx.schema, document, [...specifiedRules, depthLimitRule(config.MAX_QUERY_DEPTH)]),
            };
          } catch (error) {
            return [error as GraphQLError];
          }
          if (documents.size >= 1_000) documents.delete(documents.keys().next().value as string);
          documents.set(payload.query, checked);
        }
        if (checked.errors.length > 0) return checked.errors;
        const document = checked.document;
        const operationName = payload.operationName ?? null;
        try {
          assertCostWithin(config.MAX_QUERY_COST, {
            schema: ctx.schema,
            document,
            variables: payload.variables ?? {},
            operationName,
          });
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const operation = getOperationAST(document, operationName);
        if (!operation) return [new GraphQLError('Unable to identify operation')];
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          const userId = connection.extra.auth!.userId;
          const n = openByUser.get(userId) ?? 0;
          if (n >= maxPerUser) {
            metrics.refusals.inc({ reason: 'too_many_subscriptions' });
            return [
              new GraphQLError(`too many open subscriptions: at most ${maxPerUser} per user; complete one first`, {
                extensions: { code: 'TOO_MANY_REQUESTS' },
              }),
            ];
          }
          // Reserved now, released when the subscription ends (see subscribe()).
          openByUser.set(userId, n + 1);
        }
        const contextValue: OperationValue = { connection, query: payload.query };
        return { schema: ctx.schema, document, operationName, variableValues: payload.variables ?? {}, contextValue };
      },
      subscribe: subscribe as never,
      execute: execute as never,
    },
    wss,
    options.keepAliveMs,
  );

  return {
    pool,
    metrics,
    openSubscriptions: () => open,
    async stop() {
      stopping = true;
      for (const connection of [...connections]) {
        connection.extra.closeReason = 'shutdown';
        connection.extra.socket.close(subscriptionCloseCodes.serviceRestart, 'service restart');
      }
      for (const group of [...groups.values()]) endGroup(group, 'shutdown');
      await disposable.dispose();
      await pool.close();
    },
  };
}
