import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GraphQLError,
  OperationTypeNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
} from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createBoundedQueue } from '@taskwire/platform/bounded-queue';
import { gatewaySecretHeader } from '@taskwire/platform/gateway-secret';
import { gatewaySecretToSend } from '../env.js';
import { createErrorMasker, maskResult, type ErrorMasker } from '../error-masking.js';
import { operationLimits } from '../env.js';
import { createRateLimiter, type RateLimiter } from '../rate-limiter.js';
import type { GatewayHookContext, GatewayHooks } from '../service.js';
import { authenticateConnection } from './auth.js';
import {
  createConnectionRegistry,
  subscriptionCloseCodes,
  terminationReason,
  type ConnectionContext,
  type ConnectionExtra,
  type ConnectionRegistry,
} from './connections.js';
import { createEventExecutor } from './execution.js';
import { createSubscriptionGroups, type ClientSubscription, type SubscriptionGroups } from './groups.js';
import {
  createOperationChecker,
  createPerUserCap,
  type CheckedOperation,
  type OperationChecker,
  type PerUserCap,
} from './limits.js';
import { createSubscriptionMetrics, type SubscriptionMetrics } from './metrics.js';
import { createSubscriptionPlanner } from './planner.js';
import { createUpstreamPool, type UpstreamPool } from './upstream.js';

export { subscriptionCloseCodes } from './connections.js';

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

/** What onSubscribe hands to subscribe/execute for one operation. */
interface OperationValue {
  connection: ConnectionContext;
  query: string;
  checked: CheckedOperation;
}

/** The `onHttpServer` hook for `startGateway(config, hooks)`: federated subscriptions over graphql-ws. */
export function subscriptionsHook(options: SubscriptionOptions = {}): NonNullable<GatewayHooks['onHttpServer']> {
  return (server, ctx) => {
    const subscriptions = attachSubscriptions(server, ctx, options);
    return () => subscriptions.stop();
  };
}

/**
 * graphql-ws on the gateway's own server and path (`/graphql`), put together from its parts:
 * auth.ts (connection params → user), limits.ts (document checks, per-user cap), groups.ts
 * (plan once per document, one upstream and one execution per group of identical
 * subscriptions), execution.ts (the rest of the plan per event) and upstream.ts (shared
 * sockets to subgraphs). Queries and mutations on the socket are POSTed to this gateway's HTTP
 * endpoint, so they pass the same limits. Every error a client is sent passes through the
 * gateway's one masking function (../error-masking.ts), as over HTTP.
 */
export function attachSubscriptions(
  httpServer: http.Server,
  ctx: GatewayHookContext,
  options: SubscriptionOptions = {},
): FederatedSubscriptions {
  const parts = createParts(ctx, options);
  const state = { stopping: false };
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  guardAgainstFloods(wss, ctx.config);
  const disposable = useServer(graphqlWsOptions(httpServer, ctx, parts, state), wss, options.keepAliveMs);
  return {
    pool: parts.pool,
    metrics: parts.metrics,
    openSubscriptions: () => parts.counts.open,
    async stop() {
      state.stopping = true;
      parts.connections.closeAll();
      parts.groups.endAll('shutdown');
      await disposable.dispose();
      await parts.pool.close();
    },
  };
}

/**
 * Every message a client sends (pings and completes too) counts against a per-connection budget
 * of three times the operation rate: a client past it does not follow the protocol's pace, and
 * its socket is closed with 4429. Registered before graphql-ws's own handlers, so it sees each
 * message first. Operations have their own, lower limit (onSubscribe), refused one by one.
 */
function guardAgainstFloods(wss: WebSocketServer, config: GatewayHookContext['config']): void {
  const limiter = createRateLimiter({
    perMinute: 3 * config.WS_MESSAGES_PER_MINUTE,
    burst: 3 * config.WS_MESSAGE_BURST,
  });
  wss.on('connection', (socket) => {
    const key = randomUUID();
    socket.on('message', () => {
      if (limiter.take(key) > 0 && socket.readyState === socket.OPEN)
        socket.close(subscriptionCloseCodes.tooManyMessages, 'too many messages');
    });
  });
}

/** What one gateway process's graphql-ws endpoint is made of. */
interface Parts {
  mask: ErrorMasker;
  connections: ConnectionRegistry;
  /** Open client subscriptions. */
  counts: { open: number };
  pool: UpstreamPool;
  metrics: SubscriptionMetrics;
  cap: PerUserCap;
  checker: OperationChecker;
  /** Operations (subscribe messages) per connection. */
  messageLimiter: RateLimiter;
  groups: SubscriptionGroups;
  maxQueued: number;
}

function createParts(ctx: GatewayHookContext, options: SubscriptionOptions): Parts {
  const { config, logger } = ctx;
  const mask = createErrorMasker(logger);
  const connections = createConnectionRegistry();
  // A deleted account's open connections end at once, like an expired token's.
  ctx.revocations.onRevoke((userId) => connections.closeUser(userId));
  const counts = { open: 0 };
  const pool = createUpstreamPool({
    headers: { [gatewaySecretHeader]: gatewaySecretToSend(config) },
    onReconnect: (subgraph) => metrics.reconnects.inc({ subgraph }),
    ...(options.upstreamRetryBaseMs ? { retryBaseMs: options.upstreamRetryBaseMs } : {}),
    ...(options.upstreamRetryMaxMs ? { retryMaxMs: options.upstreamRetryMaxMs } : {}),
  });
  const metrics = createSubscriptionMetrics(ctx.metrics.registry, () => ({
    upstreams: pool.subscriptions(),
    sockets: pool.sockets(),
    connections: connections.size(),
    open: counts.open,
  }));
  const planner = createSubscriptionPlanner(ctx.supergraphSdl);
  return {
    mask,
    connections,
    counts,
    pool,
    metrics,
    cap: createPerUserCap(options.maxSubscriptionsPerUser ?? 100),
    checker: createOperationChecker({ schema: ctx.schema, limits: operationLimits(config) }),
    messageLimiter: createRateLimiter({ perMinute: config.WS_MESSAGES_PER_MINUTE, burst: config.WS_MESSAGE_BURST }),
    groups: createSubscriptionGroups({
      planner,
      executor: createEventExecutor({ planner, schema: ctx.schema, dataSources: ctx.serviceMap(), mask, logger }),
      pool,
      subgraphUrls: ctx.subgraphUrls,
      contextFor: (userId, token) => ctx.createContext({ user: { id: userId }, token, clientAddress: 'subscription' }),
      mask,
      logger,
      metrics,
    }),
    maxQueued: options.maxQueuedPerClient ?? 100,
  };
}

/** graphql-ws's hooks: each step hands over to the part that owns it. */
function graphqlWsOptions(
  httpServer: http.Server,
  ctx: GatewayHookContext,
  parts: Parts,
  state: { stopping: boolean },
): ServerOptions<Record<string, unknown>, Extra & Partial<ConnectionExtra>> & { isProd: boolean } {
  const { mask, metrics } = parts;
  return {
    // graphql-ws closes a socket whose message handling threw with 4500: the reason it sends is
    // always "Internal server error", never the error's own message (as in production).
    isProd: true,
    schema: ctx.schema,
    onConnect: async (c) => {
      if (state.stopping) return false;
      const outcome = await authenticateConnection(c.connectionParams, ctx.verifier);
      if ('refused' in outcome) {
        metrics.refusals.inc({ reason: outcome.refused });
        return false;
      }
      parts.connections.track(c, outcome.auth);
      c.extra.rateKey = randomUUID();
      return true;
    },
    onSubscribe: (c, _id, payload) => {
      // Refused as that operation's error: the socket and its other subscriptions live on.
      const retryAfterSeconds = parts.messageLimiter.take(c.extra.rateKey!);
      if (retryAfterSeconds > 0) {
        metrics.refusals.inc({ reason: 'too_many_messages' });
        return [
          new GraphQLError(
            `too many operations on this connection: at most ${ctx.config.WS_MESSAGES_PER_MINUTE} per minute; retry in ${retryAfterSeconds} s`,
            { extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds } },
          ),
        ];
      }
      // graphql-ws carries full documents: under TRUSTED_DOCUMENTS=enforce only the manifest's run.
      if (!ctx.trustedDocuments.accepts(payload.query)) {
        metrics.refusals.inc({ reason: 'untrusted_document' });
        return [
          new GraphQLError(
            'this server runs trusted documents only: subscribe with the text of an operation in schema/trusted-documents.json',
            { extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } },
          ),
        ];
      }
      const checked = parts.checker.check(payload);
      if (Array.isArray(checked)) return checked;
      if (checked.operation.operation === OperationTypeNode.SUBSCRIPTION) {
        // Reserved now, released when the subscription ends (see subscribeClient).
        const refused = parts.cap.reserve(c.extra.auth!.userId);
        if (refused) {
          metrics.refusals.inc({ reason: 'too_many_subscriptions' });
          return [refused];
        }
      }
      const contextValue: OperationValue = { connection: c, query: payload.query, checked };
      return {
        schema: ctx.schema,
        document: checked.document,
        operationName: payload.operationName ?? null,
        variableValues: payload.variables ?? {},
        contextValue,
      };
    },
    subscribe: ((args: ExecutionArgs) => subscribeClient(args, parts)) as never,
    execute: ((args: ExecutionArgs) => forwardToHttp(httpServer, args, mask)) as never,
    // Results and errors leave here as plain, masked objects: graphql-ws would call
    // `toJSON()` on them otherwise, which results that came over HTTP do not have.
    onNext: (_c, _id, _payload, _args, result) => (result.errors?.length ? maskResult(mask, result) : undefined),
    onError: (_c, _id, _payload, errors) => errors.map((e) => mask(e)),
  };
}

/**
 * Starts one client subscription: its bounded queue joins the group of identical ones. When the
 * queue ends (the client, the upstream or shutdown), the user's slot is released and the
 * group left.
 */
function subscribeClient(
  args: ExecutionArgs,
  deps: Pick<Parts, 'groups' | 'cap' | 'metrics' | 'counts' | 'maxQueued'>,
): AsyncIterableIterator<FormattedExecutionResult> | ExecutionResult {
  const { connection, query, checked } = args.contextValue as OperationValue;
  const auth = connection.extra.auth!;
  let leave = () => undefined as void;
  const client: ClientSubscription = {
    auth,
    queue: createBoundedQueue<FormattedExecutionResult>({
      maxQueued: deps.maxQueued,
      onDrop: () => deps.metrics.drops.inc(),
      onClose: (why) => {
        deps.counts.open--;
        deps.cap.release(auth.userId);
        leave();
        deps.metrics.terminations.inc({ reason: terminationReason(why, connection) });
      },
    }),
  };
  try {
    leave = deps.groups.join(
      {
        userId: auth.userId,
        query,
        document: args.document,
        operation: checked.operation,
        operationName: args.operationName ?? undefined,
        variables: args.variableValues ?? {},
      },
      client,
    );
  } catch (error) {
    deps.cap.release(auth.userId);
    // Sent through onNext, which masks it (a planning failure is the gateway's, not the client's).
    return {
      errors: [
        error instanceof GraphQLError ? error : new GraphQLError(String(error), { originalError: error as Error }),
      ],
    };
  }
  deps.counts.open++;
  return client.queue.iterator;
}

/** A query or mutation on the socket, POSTed to this gateway's HTTP endpoint with the connection's token. */
async function forwardToHttp(
  httpServer: http.Server,
  args: ExecutionArgs,
  mask: ErrorMasker,
): Promise<FormattedExecutionResult> {
  const { connection, query } = args.contextValue as OperationValue;
  const { port } = httpServer.address() as AddressInfo;
  try {
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
  } catch (error) {
    return { errors: [mask({ message: String((error as Error)?.message ?? error) }, error)] };
  }
}
