import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { validTraceparent } from './trace-context.js';
import { bearerToken, InvalidTokenError, type TokenVerifier } from './auth.js';
import { publicErrorCodes, unauthenticated } from './errors.js';
import { handleGraphQLRequest } from './graphql-http.js';
import { countHttpResponses, handleOpsRoute, sendJson, type ReadinessChecks } from './http.js';
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
export interface RequestContext extends BaseContext {
  /** The signed-in user, or null when the request carried no valid token. */
  user: { id: string } | null;
  /** The raw bearer token (forwarded by the gateway). */
  token: string | null;
  requestId: string;
  traceparent: string | null;
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
  /** Adds per-request state (DataLoaders…) to the base context. */
  extendContext: (base: RequestContext) => TContext;
  /** Extra HTTP routes (e.g. JWKS); return true when handled. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;
  plugins?: ApolloServerPlugin<TContext>[];
}

export interface SubgraphServer<TContext extends RequestContext> {
  httpServer: http.Server;
  apollo: ApolloServer<TContext>;
  schema: GraphQLSchema;
  /** Builds the context for a token (used by graphql-ws servers sharing this schema). */
  contextFor(token: string | null, headers?: Record<string, string | undefined>): Promise<TContext>;
  stop(): Promise<void>;
}

/**
 * One subgraph process: Apollo Server 5 over `buildSubgraphSchema`, on a plain node:http
 * server that also answers /healthz, /readyz and /metrics. Tokens are verified here again
 * (the gateway verified them too); resolvers call `requireUser`. Errors with a public code
 * pass through; anything else is logged with its cause and masked.
 */
export async function createSubgraphServer<TContext extends RequestContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const schema = buildSubgraphSchema({
    typeDefs: options.typeDefs,
    resolvers: options.resolvers,
  });
  const { logger, registry } = options;
  const metricsPlugin = requestMetricsPlugin<TContext>(registry);

  const apollo = new ApolloServer<TContext>({
    // Our entry points stop everything in order on SIGTERM (platform/process.ts); Apollo's own
    // handler would stop only Apollo and then re-raise the signal, killing the rest mid-drain.
    stopOnTerminationSignals: false,
    schema,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    plugins: [metricsPlugin, ...(options.plugins ?? [])],
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
        user = { id: (await options.verifier.verify(token)).userId };
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
      }
    }
    const requestId = headers['x-request-id'] ?? randomUUID();
    return options.extendContext({
      user,
      token: user ? token : null,
      requestId,
      traceparent: validTraceparent(headers['traceparent']),
      log: logger.child({ requestId }),
    });
  };

  const httpServer = http.createServer((req, res) => {
    (async () => {
      if (await handleOpsRoute(req, res, { readiness: options.readiness, registry })) return;
      if (options.routes && (await options.routes(req, res))) return;
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/graphql' && path !== '/') {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      await handleGraphQLRequest(apollo, req, res, () => contextFor(bearerToken(req.headers.authorization), headers));
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

  return {
    httpServer,
    apollo,
    schema,
    contextFor,
    stop: async () => {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections?.();
      });
      await apollo.stop();
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
