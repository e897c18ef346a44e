import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { validTraceparent } from './trace-context.js';
import { bearerToken, InvalidTokenError, type TokenVerifier } from './auth.js';
import { publicErrorCodes, unauthenticated } from './errors.js';
import type { SubgraphEdgeConfig } from './config.js';
import { clientAddressHeader, gatewaySecretCheck, gatewaySecretHeader } from './gateway-secret.js';
import { handleGraphQLRequest } from './graphql-http.js';
import {
  idempotentMutations,
  startIdempotencyKeyPurge,
  type IdempotencyRequest,
  type MutationIdempotency,
} from './idempotency.js';
import { idempotencyFingerprintHeader, idempotencyKeyHeader, idempotentReplayedHeader } from './idempotency-key.js';
import type { Kysely } from 'kysely';
import { countHttpResponses, createOpsServer, listen, sendJson, type ReadinessChecks } from './http.js';
import {
  boundedOperationLabel,
  clientOperationNames,
  plannedOperationOrigin,
  prom,
  type MetricsRegistry,
} from './metrics.js';

/**
 * The resolver map `buildSubgraphSchema` accepts: the `resolvers` of one of its schema modules, read
 * from its public signature because @apollo/subgraph exports no name for the type (only its dist/ does).
 */
export type SubgraphResolverMap = NonNullable<
  Exclude<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], DocumentNode>['resolvers']
>;

/** What every subgraph resolver receives; subgraphs extend it with loaders. */
/** Merges per-module resolver maps type by type (buildSubgraphSchema takes one map). */
export function mergeResolvers<R extends object>(maps: R[]): R {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as R;
}

export interface RequestContext extends BaseContext {
  /** The signed-in user (and the session of the token, when it names one), or null without a valid token. */
  user: { id: string; sessionId?: string } | null;
  /** The raw bearer token (forwarded by the gateway). */
  token: string | null;
  requestId: string;
  traceparent: string | null;
  /** The client's address as the gateway decided it (TRUSTED_PROXY_HOPS), or 'unknown'. */
  clientAddress: string;
  /** The Idempotency-Key and request fingerprint the gateway forwarded with a mutation, or null. */
  idempotency: IdempotencyRequest | null;
  log: Logger;
}

/** Returns the signed-in user's id. @throws GraphQLError UNAUTHENTICATED without a valid token. */
export function requireUser(ctx: Pick<RequestContext, 'user'>): string {
  if (!ctx.user) throw unauthenticated();
  return ctx.user.id;
}

export interface SubgraphServerOptions<TContext extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolverMap;
  verifier: TokenVerifier;
  logger: Logger;
  registry: MetricsRegistry;
  readiness: ReadinessChecks;
  /** Ports, interface, accepted gateway secrets and body limit (`envFields.subgraphEdge`). */
  edge: SubgraphEdgeConfig;
  /**
   * Adds per-request state (DataLoaders…) to the base context; `headers` are the request's
   * (lower-case names; only the gateway's requests get this far).
   */
  extendContext: (base: RequestContext, headers: Record<string, string | undefined>) => TContext;
  /** Extra HTTP routes (e.g. JWKS); return true when handled. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;
  plugins?: ApolloServerPlugin<TContext>[];
  /**
   * Idempotency-Key support (platform/src/idempotency.ts): this subgraph's database (it holds the
   * `idempotency_keys` table) and how each of its mutations honours a key. Required when the
   * resolvers have mutations.
   */
  idempotency?: { db: Kysely<any>; modes: Record<string, MutationIdempotency> };
}

export interface SubgraphServer<TContext extends RequestContext> {
  /** GraphQL (and extra routes such as the JWKS) on PORT: only the gateway gets past it. */
  httpServer: http.Server;
  /** /healthz, /readyz and /metrics on OPS_PORT, without the gateway secret. */
  opsServer: http.Server;
  /** Whether a request (HTTP or WebSocket upgrade) carries an accepted `x-gateway-secret`. */
  fromGateway(req: http.IncomingMessage): boolean;
  /** Listens on PORT and OPS_PORT (0 = any free port) at BIND_HOST; resolves to the bound ports. */
  listen(): Promise<{ port: number; opsPort: number }>;
  apollo: ApolloServer<TContext>;
  schema: GraphQLSchema;
  /** Builds the context for a token (used by graphql-ws servers sharing this schema). */
  contextFor(token: string | null, headers?: Record<string, string | undefined>): Promise<TContext>;
  stop(): Promise<void>;
}

/** Refuses a request that did not come from the gateway, before its body is read. */
function refuseOutsider(res: http.ServerResponse): void {
  sendJson(res, 403, {
    errors: [
      {
        message: `this endpoint answers only the Taskwire gateway: expected a valid ${gatewaySecretHeader} header`,
        extensions: { code: 'FORBIDDEN' },
      },
    ],
  });
}

/**
 * One subgraph process: Apollo Server 5 over `buildSubgraphSchema`, on a plain node:http
 * server that answers only the gateway (`x-gateway-secret`), with a second server on the ops
 * port for /healthz, /readyz and /metrics. Tokens are verified here again (the gateway
 * verified them too); resolvers call `requireUser`. Errors with a public code pass through;
 * anything else is logged with its cause and masked.
 */
export async function createSubgraphServer<TContext extends RequestContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const { logger, registry } = options;
  const hasMutations = Object.keys((options.resolvers as { Mutation?: object }).Mutation ?? {}).length > 0;
  if (hasMutations && !options.idempotency) {
    throw new Error(`subgraph ${options.name} has mutations but no idempotency option`);
  }
  const schema = buildSubgraphSchema({
    typeDefs: options.typeDefs,
    resolvers: options.idempotency
      ? idempotentMutations(options.resolvers, options.idempotency.modes, logger)
      : options.resolvers,
  });
  const metricsPlugin = requestMetricsPlugin<TContext>(registry);
  const stopPurge = options.idempotency ? startIdempotencyKeyPurge(options.idempotency.db, logger) : () => {};

  const apollo = new ApolloServer<TContext>({
    // Our entry points stop everything in order on SIGTERM (platform/process.ts); Apollo's own
    // handler would stop only Apollo and then re-raise the signal, killing the rest mid-drain.
    stopOnTerminationSignals: false,
    schema,
    includeStacktraceInErrorResponses: false,
    // The gateway sends JSON; a simple (text/plain, form) POST from a browser is refused.
    csrfPrevention: true,
    plugins: [metricsPlugin, replayedHeaderPlugin<TContext>(), ...(options.plugins ?? [])],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
      if (publicErrorCodes.has(code)) {
        const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions };
      }
      logger.error(
        { err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path },
        'resolver failed',
      );
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  await apollo.start();

  const contextFor = async (
    token: string | null,
    headers: Record<string, string | undefined> = {},
  ): Promise<TContext> => {
    let user: RequestContext['user'] = null;
    if (token) {
      try {
        const claims = await options.verifier.verify(token);
        user = { id: claims.userId, ...(claims.sessionId ? { sessionId: claims.sessionId } : {}) };
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
      }
    }
    const requestId = headers['x-request-id'] ?? randomUUID();
    const key = headers[idempotencyKeyHeader];
    const fingerprint = headers[idempotencyFingerprintHeader];
    return options.extendContext(
      {
        user,
        token: user ? token : null,
        requestId,
        traceparent: validTraceparent(headers['traceparent']),
        // Trusted: only a request with the gateway secret gets this far.
        clientAddress: headers[clientAddressHeader] ?? 'unknown',
        // Trusted likewise: the gateway validated the key and computed the fingerprint.
        idempotency: key !== undefined && fingerprint ? { key, fingerprint, replays: [] } : null,
        log: logger.child({ requestId }),
      },
      headers,
    );
  };

  const { edge } = options;
  const secretAccepted = gatewaySecretCheck(edge.GATEWAY_SECRET);
  const fromGateway = (req: http.IncomingMessage) => secretAccepted(req.headers[gatewaySecretHeader]);
  const httpServer = http.createServer((req, res) => {
    (async () => {
      if (options.routes && (await options.routes(req, res))) return;
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/graphql' && path !== '/') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      if (!fromGateway(req)) {
        refuseOutsider(res);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      await handleGraphQLRequest(apollo, req, res, () => contextFor(bearerToken(req.headers.authorization), headers), {
        maxBodyBytes: edge.MAX_BODY_BYTES,
      });
    })().catch((error) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else res.end();
    });
  });
  httpServer.keepAliveTimeout = 65_000;
  countHttpResponses(httpServer, registry);
  const opsServer = createOpsServer({ readiness: options.readiness, registry });
  const close = (server: http.Server) =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections?.();
    });

  return {
    httpServer,
    opsServer,
    apollo,
    schema,
    contextFor,
    fromGateway,
    listen: async () => ({
      port: await listen(httpServer, edge.PORT, edge.BIND_HOST),
      opsPort: await listen(opsServer, edge.OPS_PORT, edge.BIND_HOST),
    }),
    stop: async () => {
      stopPurge();
      await Promise.all([close(httpServer), close(opsServer)]);
      await apollo.stop();
    },
  };
}

/**
 * Tells the gateway whether the keyed mutation fields of this request were all answered from
 * their stored results (`idempotent-replayed: true`) or not (`false`).
 */
function replayedHeaderPlugin<TContext extends RequestContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const replays = rc.contextValue.idempotency?.replays ?? [];
          if (replays.length > 0)
            rc.response.http.headers.set(idempotentReplayedHeader, String(replays.every(Boolean)));
        },
      };
    },
  };
}

/**
 * RED metrics per operation: `graphql_request_duration_seconds` (its `_count` is the request
 * rate) and `graphql_errors_total`. The operation is the client's (the gateway names its fetches
 * after it), bounded to our clients' operations.
 */
function requestMetricsPlugin<TContext extends RequestContext>(
  registry: MetricsRegistry,
): ApolloServerPlugin<TContext> {
  const duration = new prom.Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new prom.Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors by operation and code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const operationOf = (name: string | undefined | null) =>
    boundedOperationLabel(name ? plannedOperationOrigin(name) : name, clientOperationNames);
  return {
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse(rc) {
          end({ operation: operationOf(rc.operationName) });
        },
        async didEncounterErrors(rc) {
          const operation = operationOf(rc.operationName);
          for (const e of rc.errors)
            errors.inc({
              operation,
              code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR',
            });
        },
      };
    },
  };
}
