import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { OperationTypeNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { bearerToken, createVerifierFromConfig, InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';
import { publicErrorCodes } from '@taskwire/platform/errors';
import { refreshCookieOf, refreshSetCookie, refreshTokenDeliveryHeader } from '@taskwire/platform/refresh-cookie';
import { handleGraphQLRequest, type GraphQLHttpRequest } from '@taskwire/platform/graphql-http';
import {
  countHttpResponses,
  createOpsServer,
  handleOpsRoute,
  listen,
  sendJson,
  type ReadinessChecks,
} from '@taskwire/platform/http';
import { createLogger, type Logger } from '@taskwire/platform/logger';
import { bindActiveContext, validTraceparent } from '@taskwire/platform/trace-context';
import { clientAddressOf, requestIsHttps } from './client-address.js';
import { applyCors, type CorsPolicy } from './cors.js';
import type { GatewayContext } from './context.js';
import { idempotencyPlugin } from './idempotency.js';
import { SubgraphDataSource } from './data-source.js';
import { createErrorMasker, internalServerError } from './error-masking.js';
import {
  corsPolicy,
  gatewaySecretToSend,
  operationLimits,
  subgraphCallPolicy,
  subgraphUrls,
  type GatewayConfig,
} from './env.js';
import { checkOperation, depthLimitRule, parseOptions, subscriptionOverHttpError } from './limits.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { createRateLimiter } from './rate-limiter.js';
import {
  createRevocationFeed,
  createRevocations,
  deletedOwnAccount,
  revokedTokenReason,
  revokingVerifier,
  type Revocations,
} from './revocations.js';
import { cachingVerifier } from './token-cache.js';
import { setSecurityHeaders } from './security-headers.js';
import { createTrustedDocuments, readTrustedDocumentsManifest, type TrustedDocuments } from './trusted-documents.js';
import { placeholderPage, playgroundMissingPage, sendHtml, serveSpa } from './static-files.js';

/** What a graphql-ws server (gateway/src/subscriptions) needs to share this server. */
export interface GatewayHookContext {
  /** The client-facing API schema the gateway serves (after the supergraph loaded). */
  schema: GraphQLSchema;
  /** The supergraph SDL (core schema) the gateway was built from. */
  supergraphSdl: string;
  gateway: ApolloGateway;
  config: GatewayConfig;
  verifier: TokenVerifier;
  /** Users whose tokens are refused (deleted accounts); their open connections are to be closed. */
  revocations: Revocations;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Subgraph name → URL (after env overrides). */
  subgraphUrls: Record<string, string>;
  /** TRUSTED_DOCUMENTS and its manifest: graphql-ws refuses untrusted documents under `enforce`. */
  trustedDocuments: TrustedDocuments;
  /**
   * The gateway's data sources by subgraph name, as `executeQueryPlan` takes them (they
   * forward the token, request id, traceparent and client address of the context given).
   */
  serviceMap(): Record<string, GraphQLDataSource<GatewayContext>>;
  /** A per-operation context for `executeQueryPlan` from a verified (or absent) token. */
  createContext(options: {
    user: { id: string } | null;
    token: string | null;
    clientAddress: string;
    requestId?: string;
    traceparent?: string | null;
  }): GatewayContext;
}

export interface GatewayHooks {
  /**
   * Called once the supergraph is loaded and before the server listens: attach a
   * graphql-ws server to the same port and path, e.g.
   * `new WebSocketServer({ server, path: '/graphql' })`. A returned function runs on stop.
   */
  onHttpServer?(
    server: http.Server,
    ctx: GatewayHookContext,
  ): void | (() => Promise<void> | void) | Promise<void | (() => Promise<void> | void)>;
}

export interface GatewayService {
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<opsPort>: /healthz, /readyz, /metrics */
  opsUrl: string;
  httpServer: http.Server;
  schema: GraphQLSchema;
  supergraphSdl: string;
  metrics: GatewayMetrics;
  stop(): Promise<void>;
}

function errorBody(message: string, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions }] };
}

/** A user id as the access log shows it: enough to group one user's requests, not to name them. */
export function userIdHash(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 16);
}

/** What the access log line of one request reports; filled in as the request goes. */
interface AccessRecord {
  requestId?: string;
  user: GatewayContext['user'];
  access: NonNullable<GatewayContext['access']>;
}

/** One access log line per operation when the response ends, refused ones included, in the request's trace. */
function logAccessOnFinish(res: http.ServerResponse, logger: Logger): AccessRecord {
  const record: AccessRecord = { user: null, access: { operation: null } };
  const startedAt = performance.now();
  res.once(
    'finish',
    bindActiveContext(() =>
      logger.info(
        {
          requestId: record.requestId,
          operation: record.access.operation,
          durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
          status: res.statusCode,
          user: record.user ? userIdHash(record.user.id) : null,
        },
        'graphql request',
      ),
    ),
  );
  return record;
}

/**
 * The public GraphQL endpoint: @apollo/gateway over the static supergraph inside Apollo
 * Server 5 on node:http, plus /healthz, /readyz, /playground and the web app at /; /metrics only
 * on the ops port (OPS_PORT, with /healthz and /readyz again), which is not exposed to clients.
 *
 * Per request, before any subgraph is called: body size (413), bearer token (an invalid or
 * expired one → 401 UNAUTHENTICATED; none → anonymous), per-user rate (429
 * TOO_MANY_REQUESTS), depth (validation) and cost (QUERY_TOO_COMPLEX).
 */
export async function startGateway(config: GatewayConfig, hooks: GatewayHooks = {}): Promise<GatewayService> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createGatewayMetrics();
  const urls = subgraphUrls(config);
  const maxTokenTtlMs = config.ACCESS_TOKEN_TTL_SECONDS * 1000;
  const revocations = createRevocations({ maxTokenTtlMs });
  // Revocation is checked outside the cache: a token cached before its account was deleted is refused too.
  const verifier = revokingVerifier(
    cachingVerifier(await createVerifierFromConfig({ jwtPublicKey: config.JWT_PUBLIC_KEY, jwksUrl: config.JWKS_URL })),
    revocations,
  );
  const revocationFeed = config.REVOCATION_FEED
    ? createRevocationFeed({
        brokers: config.KAFKA_BROKERS,
        topic: config.USER_EVENTS_TOPIC,
        lookbackMs: maxTokenTtlMs,
        revocations,
        logger,
      })
    : null;
  // Not awaited, and not part of /readyz: the API serves while the feed connects (deletions
  // through this replica are revoked either way); the feed retries until Kafka answers.
  void revocationFeed
    ?.start()
    .catch((error: unknown) => logger.error({ err: error }, 'revocation feed failed to start'));
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const trustedDocuments = createTrustedDocuments(
    config.TRUSTED_DOCUMENTS,
    config.TRUSTED_DOCUMENTS === 'off'
      ? new Map<string, string>()
      : readTrustedDocumentsManifest(config.TRUSTED_DOCUMENTS_PATH),
  );
  const { apollo, gateway, apiSchema, dataSources } = await startApollo({
    config,
    logger,
    metrics,
    urls,
    supergraphSdl,
    revocations,
  });

  const handleGraphQL = graphqlHandler({ config, verifier, metrics, apollo, logger, trustedDocuments });
  // The readiness check reads httpServer only when probed, after it is assigned.
  const ops = { readiness: readinessChecks(() => httpServer), registry: metrics.registry };
  const httpServer: http.Server = http.createServer(
    requestHandler({ config, logger, metrics, ops, handleGraphQL, cors: corsPolicy(config) }),
  );
  const opsServer = createOpsServer(ops);
  httpServer.keepAliveTimeout = 65_000;
  countHttpResponses(httpServer, metrics.registry);

  const hookContext: GatewayHookContext = {
    schema: apiSchema,
    supergraphSdl,
    gateway,
    config,
    verifier,
    revocations,
    logger,
    metrics,
    subgraphUrls: urls,
    trustedDocuments,
    serviceMap: () => ({ ...dataSources }),
    createContext: ({ user, token, clientAddress, requestId, traceparent }) => ({
      user,
      token,
      clientAddress,
      requestId: requestId ?? randomUUID(),
      traceparent: traceparent ?? null,
    }),
  };
  const hookCleanup = hooks.onHttpServer ? await hooks.onHttpServer(httpServer, hookContext) : undefined;

  const port = await listen(httpServer, config.PORT, config.BIND_HOST);
  const opsPort = await listen(opsServer, config.OPS_PORT, config.BIND_HOST);
  logger.info(
    {
      port,
      opsPort,
      subgraphs: urls,
      trustedDocuments: trustedDocuments.mode,
      trustedDocumentCount: trustedDocuments.size,
    },
    'gateway listening',
  );
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    httpServer,
    schema: apiSchema,
    supergraphSdl,
    metrics,
    stop: async () => {
      if (typeof hookCleanup === 'function') await hookCleanup();
      await Promise.all(
        [httpServer, opsServer].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      await apollo.stop();
      await revocationFeed?.stop().catch(() => undefined);
    },
  };
}

/** @apollo/gateway inside Apollo Server, started: what the HTTP and WebSocket sides share. */
async function startApollo(options: {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  urls: Record<string, string>;
  supergraphSdl: string;
  revocations: Revocations;
}) {
  const { config, logger, metrics, urls, supergraphSdl } = options;
  const maskError = createErrorMasker(logger);
  // The data sources are kept as they are built (`buildService` is public; the gateway's own
  // map of them is not), so graphql-ws can run plans through the same ones.
  const dataSources: Record<string, SubgraphDataSource> = {};
  const gateway = new ApolloGateway({
    supergraphSdl,
    // The query plan describes the subgraphs' operations: for developers only.
    __exposeQueryPlanExperimental: config.EXPOSE_QUERY_PLANS,
    buildService: ({ name, url }) => {
      const dataSource = new SubgraphDataSource(
        name,
        urls[name] ?? url ?? '',
        metrics,
        gatewaySecretToSend(config),
        subgraphCallPolicy(config),
      );
      dataSources[name] = dataSource;
      return dataSource;
    },
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });
  const apollo = new ApolloServer<GatewayContext>({
    // Our entry points stop everything in order on SIGTERM (platform/process.ts); Apollo's own
    // handler would stop only Apollo and then re-raise the signal, killing the rest mid-drain.
    stopOnTerminationSignals: false,
    gateway,
    introspection: config.INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    parseOptions: parseOptions(operationLimits(config)),
    // Automatic persisted queries would let any client register any document by its hash.
    ...(config.TRUSTED_DOCUMENTS === 'enforce' ? { persistedQueries: false as const } : {}),
    validationRules: [depthLimitRule(config.MAX_QUERY_DEPTH)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      limitsAndMetricsPlugin(config, metrics),
      idempotencyPlugin(),
      revokeDeletedAccountPlugin(options.revocations),
    ],
    // Apollo hands over the original error too: its cause is what gets logged when masked.
    formatError: (formatted: GraphQLFormattedError, error: unknown) =>
      maskError(formatted, (error as { originalError?: unknown })?.originalError ?? error),
  });
  await apollo.start();
  if (!apiSchema) throw new Error('gateway started without a schema');
  return { apollo, gateway, apiSchema, dataSources };
}

/** Operation limits, cost and request metrics, per operation (limits.ts: the same checks as the WebSocket's). */
function limitsAndMetricsPlugin(config: GatewayConfig, metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  const limits = operationLimits(config);
  return {
    async requestDidStart() {
      let operation = 'anonymous';
      const end = metrics.requestDuration.startTimer();
      return {
        async didResolveOperation(rc) {
          operation = metrics.operationLabel(rc.operationName);
          if (rc.contextValue.access) rc.contextValue.access.operation = rc.operationName ?? 'anonymous';
          if (rc.operation?.operation === OperationTypeNode.SUBSCRIPTION) throw subscriptionOverHttpError();
          const checked = checkOperation(limits, {
            schema: rc.schema,
            document: rc.document,
            variables: rc.request.variables ?? {},
            operationName: rc.request.operationName ?? null,
          });
          const [refusal] = 'errors' in checked ? checked.errors : [];
          if (refusal) throw refusal;
        },
        async didEncounterErrors(rc) {
          for (const e of rc.errors) {
            const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
            metrics.errors.inc({ code: publicErrorCodes.has(code) ? code : 'INTERNAL_SERVER_ERROR', operation });
          }
        },
        async willSendResponse() {
          metrics.requests.inc({ operation });
          end({ operation });
        },
      };
    },
  };
}

/**
 * When `deleteAccount` succeeds through this gateway, the caller's tokens are refused from the
 * next request on (other replicas learn it from `user-events`, revocations.ts).
 */
function revokeDeletedAccountPlugin(revocations: Revocations): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const { body } = rc.response;
          const data = body.kind === 'single' ? body.singleResult.data : undefined;
          const userId = rc.contextValue.user?.id;
          if (userId && deletedOwnAccount(rc.operation, data)) revocations.revoke(userId);
        },
      };
    },
  };
}

/** Refuses a request before Apollo sees it, with a coded GraphQL error body (counted). */
function refuse(
  res: http.ServerResponse,
  metrics: GatewayMetrics,
  refusal: { status: number; message: string; extensions: Record<string, unknown>; headers?: Record<string, string> },
) {
  metrics.errors.inc({ code: String(refusal.extensions.code) });
  for (const [k, v] of Object.entries(refusal.headers ?? {})) res.setHeader(k, v);
  sendJson(res, refusal.status, errorBody(refusal.message, refusal.extensions));
}

/** The request's user from its bearer token: anonymous without one, a 401 refusal for a bad one. */
async function authenticate(
  req: http.IncomingMessage,
  verifier: TokenVerifier,
): Promise<{ user: GatewayContext['user']; token: string | null } | { unauthenticated: string }> {
  if (req.headers.authorization === undefined || req.headers.authorization === '') return { user: null, token: null };
  const token = bearerToken(req.headers.authorization);
  if (!token) return { unauthenticated: 'expected an Authorization header of the form "Bearer <token>"' };
  try {
    return { user: { id: (await verifier.verify(token)).userId }, token };
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    // The verifier's reason may name the JWT library's internal codes: the client learns only which of three cases.
    return {
      unauthenticated:
        error.message === 'token expired'
          ? 'the access token has expired; sign in again'
          : error.message === revokedTokenReason
            ? 'the account of this access token was deleted'
            : 'the access token is not valid (malformed, altered or not issued by this service); sign in again',
    };
  }
}

/** POST/GET /graphql: token, rate limit, then Apollo with the forwarded request context. */
function graphqlHandler(deps: {
  config: GatewayConfig;
  verifier: TokenVerifier;
  metrics: GatewayMetrics;
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  trustedDocuments: TrustedDocuments;
}) {
  const { config, metrics } = deps;
  // Before Apollo Server: a resolved document then passes the same limits as a sent one.
  const rewrite = (request: GraphQLHttpRequest) => {
    const resolved = deps.trustedDocuments.resolve(request);
    if ('refusal' in resolved) metrics.errors.inc({ code: resolved.refusal.extensions.code });
    return resolved;
  };
  const rateLimiter = createRateLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST });
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const record = logAccessOnFinish(res, deps.logger);
    const clientAddress = clientAddressOf(req, config.TRUSTED_PROXY_HOPS);
    const auth = await authenticate(req, deps.verifier);
    if ('unauthenticated' in auth) {
      refuse(res, metrics, { status: 401, message: auth.unauthenticated, extensions: { code: 'UNAUTHENTICATED' } });
      return;
    }
    const { user, token } = auth;
    record.user = user;
    const retryAfterSeconds = rateLimiter.take(user ? `user:${user.id}` : `address:${clientAddress}`);
    if (retryAfterSeconds > 0) {
      refuse(res, metrics, {
        status: 429,
        message: `too many requests; retry in ${retryAfterSeconds} s`,
        extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds },
        headers: { 'retry-after': String(retryAfterSeconds) },
      });
      return;
    }
    const header = (name: string) => {
      const v = req.headers[name];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    };
    const requestId = header('x-request-id')?.slice(0, 128) ?? randomUUID();
    record.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const secure = requestIsHttps(req, config.TRUSTED_PROXY_HOPS);
    const context: GatewayContext = {
      user,
      token,
      requestId,
      traceparent: validTraceparent(header('traceparent')),
      clientAddress,
      userAgent: header('user-agent')?.slice(0, 512) ?? null,
      refreshCookie: {
        incoming: refreshCookieOf(req.headers.cookie),
        wantsCookie: header(refreshTokenDeliveryHeader) === 'cookie',
        // Accounts answers before Apollo writes the response, so the header is still ours to set.
        apply: (instruction) => {
          if (!res.headersSent) res.setHeader('set-cookie', refreshSetCookie(instruction, { secure }));
        },
      },
      access: record.access,
      idempotency: { forward: null, replays: [] },
    };
    await handleGraphQLRequest(deps.apollo, req, res, async () => context, {
      maxBodyBytes: config.MAX_BODY_BYTES,
      rewrite,
    });
  };
}

/**
 * /readyz depends on the gateway's own state only: the supergraph is loaded (startGateway does
 * not return before) and the API port listens. Not on the subgraphs: one subgraph's outage would
 * take every gateway pod out of service and the whole API would answer 503, where the other
 * subgraphs' fields still work (each call has a timeout and a circuit breaker, data-source.ts;
 * `gateway_subgraph_up` on /metrics says which subgraph is down).
 */
function readinessChecks(httpServer: () => http.Server): ReadinessChecks {
  return { listening: async () => httpServer().listening };
}

/**
 * The routes: the probes, /graphql, /playground, and the web app at /. /metrics is 404 here (it
 * is on the ops port only): the API port faces clients, and neither they nor the SPA fallback
 * should answer a scrape.
 */
function requestHandler(deps: {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  ops: Parameters<typeof handleOpsRoute>[2];
  handleGraphQL: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  cors: CorsPolicy;
}): http.RequestListener {
  const { config, logger, metrics, ops } = deps;
  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/metrics') {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (await handleOpsRoute(req, res, ops)) return;
    setSecurityHeaders(res);
    if (pathname === '/graphql') {
      if (applyCors(req, res, deps.cors)) return;
      // A declared oversized body is refused before reading it.
      if (Number(req.headers['content-length'] ?? 0) > config.MAX_BODY_BYTES) {
        refuse(res, metrics, {
          status: 413,
          message: `request body larger than ${config.MAX_BODY_BYTES} bytes`,
          extensions: { code: 'BAD_REQUEST' },
          headers: { connection: 'close' },
        });
        return;
      }
      await deps.handleGraphQL(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    if (pathname === '/playground' || pathname.startsWith('/playground/')) {
      if (!(await serveSpa(req, res, { root: config.PLAYGROUND_DIST_DIR, mount: '/playground', pathname })))
        sendHtml(res, 503, playgroundMissingPage);
      return;
    }
    if (!(await serveSpa(req, res, { root: config.WEB_DIST_DIR, mount: '/', pathname })))
      sendHtml(res, 200, placeholderPage);
  };
  return (req, res) => {
    route(req, res).catch((error) => {
      // A client that hangs up mid-request is not a server fault.
      if ((error as { code?: string }).code === 'ECONNRESET' || req.destroyed) {
        logger.debug({ err: error }, 'client aborted the request');
        if (!res.headersSent && !res.destroyed) res.destroy();
        return;
      }
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [internalServerError] });
      else res.end();
    });
  };
}
