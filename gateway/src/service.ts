import { readFileSync } from 'node:fs';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { bearerToken, createVerifierFromConfig, InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';
import { publicErrorCodes } from '@taskwire/platform/errors';
import { handleGraphQLRequest } from '@taskwire/platform/graphql-http';
import { handleOpsRoute, listen, sendJson, type ReadinessChecks } from '@taskwire/platform/http';
import { createLogger, type Logger } from '@taskwire/platform/logger';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './data-source.js';
import { subgraphUrls, type GatewayConfig } from './env.js';
import { assertCostWithin, depthLimitRule } from './limits.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { createRateLimiter } from './rate-limiter.js';
import { cachingVerifier } from './token-cache.js';
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
  logger: Logger;
  metrics: GatewayMetrics;
  /** Subgraph name → URL (after env overrides). */
  subgraphUrls: Record<string, string>;
  /**
   * The gateway's data sources by subgraph name, as `executeQueryPlan` takes them (they
   * forward the token, request id, traceparent and client address of the context given).
   */
  serviceMap(): ServiceMap;
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
  httpServer: http.Server;
  schema: GraphQLSchema;
  supergraphSdl: string;
  metrics: GatewayMetrics;
  stop(): Promise<void>;
}

function errorBody(message: string, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions }] };
}

function clientAddressOf(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The public GraphQL endpoint: @apollo/gateway over the static supergraph inside Apollo
 * Server 5 on node:http, plus /healthz, /readyz, /metrics, /playground and the web app at /.
 *
 * Per request, before any subgraph is called: body size (413), bearer token (an invalid or
 * expired one → 401 UNAUTHENTICATED; none → anonymous), per-user rate (429
 * TOO_MANY_REQUESTS), depth (validation) and cost (QUERY_TOO_COMPLEX).
 */
export async function startGateway(config: GatewayConfig, hooks: GatewayHooks = {}): Promise<GatewayService> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const metrics = createGatewayMetrics();
  const urls = subgraphUrls(config);
  const verifier = cachingVerifier(
    await createVerifierFromConfig({ jwtPublicKey: config.JWT_PUBLIC_KEY, jwksUrl: config.JWKS_URL }),
  );
  const rateLimiter = createRateLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST });
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, urls[name] ?? url ?? '', metrics),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });

  const limitsAndMetrics: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      let operation = 'anonymous';
      const end = metrics.requestDuration.startTimer();
      return {
        async didResolveOperation(rc) {
          operation = metrics.operationLabel(rc.operationName);
          assertCostWithin(config.MAX_QUERY_COST, {
            schema: rc.schema,
            document: rc.document,
            variables: rc.request.variables ?? {},
            operationName: rc.operationName ?? null,
          });
        },
        async didEncounterErrors(rc) {
          for (const e of rc.errors) {
            const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
            metrics.errors.inc({ code: publicErrorCodes.has(code) ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
        async willSendResponse() {
          metrics.requests.inc({ operation });
          end({ operation });
        },
      };
    },
  };

  const apollo = new ApolloServer<GatewayContext>({
    // Our entry points stop everything in order on SIGTERM (platform/process.ts); Apollo's own
    // handler would stop only Apollo and then re-raise the signal, killing the rest mid-drain.
    stopOnTerminationSignals: false,
    gateway,
    introspection: config.INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule(config.MAX_QUERY_DEPTH)],
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsAndMetrics],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
      if (publicErrorCodes.has(code)) {
        // Keep the contract's extensions (code, field, retryAfterSeconds…); drop internals.
        const { stacktrace: _s, exception: _e, serviceName: _n, http: _h, ...extensions } = formatted.extensions ?? {};
        return {
          message: formatted.message,
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions,
        };
      }
      // Anything else (subgraph failures, SQL, network errors) is logged and masked.
      logger.error(
        {
          err: (error as { originalError?: unknown })?.originalError ?? error,
          path: formatted.path,
          message: formatted.message,
        },
        'request failed',
      );
      return {
        message: 'Internal server error',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
  });
  await apollo.start();
  if (!apiSchema) throw new Error('gateway started without a schema');

  const readiness: ReadinessChecks = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      async () => {
        const response = await fetch(`${new URL(url).origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        return response.ok;
      },
    ]),
  );

  const refuse = (
    res: http.ServerResponse,
    status: number,
    message: string,
    extensions: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    metrics.errors.inc({ code: String(extensions.code) });
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    sendJson(res, status, errorBody(message, extensions));
  };

  const handleGraphQL = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const clientAddress = clientAddressOf(req, config.TRUST_PROXY);
    let user: GatewayContext['user'] = null;
    let token: string | null = null;
    if (req.headers.authorization !== undefined && req.headers.authorization !== '') {
      token = bearerToken(req.headers.authorization);
      if (!token) {
        refuse(res, 401, 'expected an Authorization header of the form "Bearer <token>"', { code: 'UNAUTHENTICATED' });
        return;
      }
      try {
        user = { id: (await verifier.verify(token)).userId };
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw error;
        refuse(res, 401, `the access token is not valid: ${error.message}; sign in again`, { code: 'UNAUTHENTICATED' });
        return;
      }
    }
    const retryAfterSeconds = rateLimiter.take(user ? `user:${user.id}` : `address:${clientAddress}`);
    if (retryAfterSeconds > 0) {
      refuse(
        res,
        429,
        `too many requests; retry in ${retryAfterSeconds} s`,
        { code: 'TOO_MANY_REQUESTS', retryAfterSeconds },
        { 'retry-after': String(retryAfterSeconds) },
      );
      return;
    }
    const header = (name: string) => {
      const v = req.headers[name];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    };
    const requestId = header('x-request-id')?.slice(0, 128) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const context: GatewayContext = { user, token, requestId, traceparent: header('traceparent'), clientAddress };
    await handleGraphQLRequest(apollo, req, res, async () => context, { maxBodyBytes: config.MAX_BODY_BYTES });
  };

  const httpServer = http.createServer((req, res) => {
    (async () => {
      if (await handleOpsRoute(req, res, { readiness, registry: metrics.registry })) return;
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      if (pathname === '/graphql') {
        // A declared oversized body is refused before reading it.
        if (Number(req.headers['content-length'] ?? 0) > config.MAX_BODY_BYTES) {
          refuse(
            res,
            413,
            `request body larger than ${config.MAX_BODY_BYTES} bytes`,
            { code: 'BAD_REQUEST' },
            { connection: 'close' },
          );
          return;
        }
        await handleGraphQL(req, res);
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
    })().catch((error) => {
      // A client that hangs up mid-request is not a server fault.
      if ((error as { code?: string }).code === 'ECONNRESET' || req.destroyed) {
        logger.debug({ err: error }, 'client aborted the request');
        if (!res.headersSent && !res.destroyed) res.destroy();
        return;
      }
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', { code: 'INTERNAL_SERVER_ERROR' }));
      else res.end();
    });
  });
  httpServer.keepAliveTimeout = 65_000;

  const hookContext: GatewayHookContext = {
    schema: apiSchema,
    supergraphSdl,
    gateway,
    config,
    verifier,
    logger,
    metrics,
    subgraphUrls: urls,
    serviceMap: () => {
      // ApolloGateway keeps its data sources private; this is how its own executor reads them.
      const internal = (gateway as unknown as { serviceMap: Record<string, { dataSource: ServiceMap[string] }> })
        .serviceMap;
      return Object.fromEntries(Object.entries(internal).map(([name, { dataSource }]) => [name, dataSource]));
    },
    createContext: ({ user, token, clientAddress, requestId, traceparent }) => ({
      user,
      token,
      clientAddress,
      requestId: requestId ?? randomUUID(),
      traceparent: traceparent ?? null,
    }),
  };
  const hookCleanup = hooks.onHttpServer ? await hooks.onHttpServer(httpServer, hookContext) : undefined;

  const port = await listen(httpServer, config.PORT);
  logger.info({ port, subgraphs: urls }, 'gateway listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    httpServer,
    schema: apiSchema,
    supergraphSdl,
    metrics,
    stop: async () => {
      if (typeof hookCleanup === 'function') await hookCleanup();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
