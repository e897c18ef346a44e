import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';
import type { CorsPolicy } from './cors.js';
import type { SubgraphCallPolicy } from './data-source.js';
import { topics } from '@taskwire/platform/events';
import type { OperationLimits } from './limits.js';
import { trustedDocumentsModes } from './trusted-documents.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const subgraphUrl = (port: number) => z.string().url().default(`http://127.0.0.1:${port}/graphql`);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Configuration of the gateway (parsed once, in main.ts or by tests). */
export const gatewayConfigSchema = z
  .object({
    PORT: envFields.port(4000),
    /** /healthz, /readyz and /metrics, apart from the API (docs/operations.md "Gateway edge"). */
    OPS_PORT: envFields.port(4100),
    /** The interface both ports listen on: loopback unless a deployment opens it (k8s: 0.0.0.0). */
    BIND_HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: envFields.logLevel,
    ACCOUNTS_URL: subgraphUrl(4001),
    TASKS_URL: subgraphUrl(4002),
    PLANNING_URL: subgraphUrl(4003),
    AUDIT_URL: subgraphUrl(4004),
    /** JWKS of the accounts service; defaults to ACCOUNTS_URL's origin + /.well-known/jwks.json. */
    JWKS_URL: z.string().url().optional(),
    /** PEM public key; when set it is used instead of the JWKS. */
    JWT_PUBLIC_KEY: envFields.jwtPublicKey,
    SUPERGRAPH_PATH: z.string().default(path.join(repoRoot, 'schema/supergraph.graphql')),
    WEB_DIST_DIR: z.string().default(path.join(repoRoot, 'web/dist')),
    PLAYGROUND_DIST_DIR: z.string().default(path.join(repoRoot, 'gateway/playground/dist')),
    /** Deepest selection nesting accepted (introspection fields are not counted). */
    MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
    /** Largest estimated cost accepted (limits.ts: fields weighted by the work behind them, lists by `first`). */
    MAX_QUERY_COST: z.coerce.number().int().min(1).default(10_000),
    /** Lexical tokens per document: parsing stops there, so no later walk can be driven deeper. */
    MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(4_000),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(30),
    MAX_QUERY_ROOT_FIELDS: z.coerce.number().int().min(1).default(20),
    MAX_QUERY_FRAGMENTS: z.coerce.number().int().min(0).default(50),
    MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).default(50),
    MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(102_400),
    /** Requests per minute per user (token `sub`), or per client address without a token. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(120),
    /** Messages a client may send on one graphql-ws connection per minute, in bursts of WS_MESSAGE_BURST. */
    WS_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    WS_MESSAGE_BURST: z.coerce.number().int().min(1).default(60),
    /** Answer `Apollo-Query-Plan-Experimental` request headers with the query plan (development only). */
    EXPOSE_QUERY_PLANS: flag(false),
    /**
     * Proxies in front of the gateway that append to `x-forwarded-for` (the ingress): the client
     * address is the entry that many hops from the right; 0 takes the TCP peer and ignores the header.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Sent to every subgraph as `x-gateway-secret` (the first one of a comma-separated rotation list). */
    GATEWAY_SECRET: envFields.gatewaySecret,
    /** Open subscriptions per user on one gateway process (graphql-ws). */
    MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(100),
    /** Undelivered events kept per client subscription; when full the oldest is dropped and counted. */
    MAX_QUEUED_EVENTS_PER_SUBSCRIPTION: z.coerce.number().int().min(1).default(100),
    /** Each call to a subgraph (connect, request, whole response) is aborted after this long (REQUEST_TIMEOUT). */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    /** Consecutive failed calls to one subgraph that open its circuit (calls refused: SUBGRAPH_CIRCUIT_BREAKER_REJECTED). */
    SUBGRAPH_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
    /** How long an open circuit refuses calls before one probe call is let through. */
    SUBGRAPH_BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * Web origins allowed to call /graphql from a browser (CORS), comma-separated, each
     * `scheme://host[:port]`; empty (the default): none, only the gateway's own origin.
     */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const origins = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const origin of origins) {
          let parsed: URL | undefined;
          try {
            parsed = new URL(origin);
          } catch {
            parsed = undefined;
          }
          if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin)
            ctx.addIssue({
              code: 'custom',
              message: `each origin must be scheme://host[:port] without a path or trailing slash, got "${origin}"`,
            });
        }
        return origins;
      }),
    /** How long a browser may cache a CORS preflight answer (Access-Control-Max-Age). */
    CORS_PREFLIGHT_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    INTROSPECTION: flag(true),
    /**
     * The longest an access token lives (the accounts service's ACCESS_TOKEN_TTL_SECONDS): how
     * long a deleted account's id stays revoked, and how far back the revocation feed reads.
     */
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
    /** Read for `user.deleted` (revoking the tokens of accounts deleted through other replicas). */
    KAFKA_BROKERS: envFields.kafkaBrokers,
    USER_EVENTS_TOPIC: z.string().min(1).default(topics.user),
    /** Off only where no Kafka runs (a single replica still revokes what it deletes itself). */
    REVOCATION_FEED: flag(true),
    /**
     * Which documents run (gateway/src/trusted-documents.ts): `off` any (as before), `allow` the
     * manifest's ids resolved and any other document accepted, `enforce` the manifest's ids only.
     */
    TRUSTED_DOCUMENTS: z.enum(trustedDocumentsModes).default('off'),
    /** The trusted documents manifest (written by `npm run codegen`; only grows). */
    TRUSTED_DOCUMENTS_PATH: z.string().default(path.join(repoRoot, 'schema/trusted-documents.json')),
    /** main.ts builds the playground bundle on start when it is missing. */
    PLAYGROUND_BUILD_ON_START: flag(true),
  })
  .transform((c) => ({ ...c, JWKS_URL: c.JWKS_URL ?? `${new URL(c.ACCOUNTS_URL).origin}/.well-known/jwks.json` }));

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** The operation limits of a configuration, as limits.ts checks them. */
export function operationLimits(config: GatewayConfig): OperationLimits {
  return {
    maxTokens: config.MAX_QUERY_TOKENS,
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_QUERY_ALIASES,
    maxRootFields: config.MAX_QUERY_ROOT_FIELDS,
    maxFragments: config.MAX_QUERY_FRAGMENTS,
    maxDirectives: config.MAX_QUERY_DIRECTIVES,
    maxCost: config.MAX_QUERY_COST,
  };
}

/** The secret the gateway sends: the first of GATEWAY_SECRET's list (subgraphs accept all of theirs). */
export function gatewaySecretToSend(config: Pick<GatewayConfig, 'GATEWAY_SECRET'>): string {
  return config.GATEWAY_SECRET[0]!;
}

/** How the gateway calls each subgraph: timeout and circuit breaker. */
export function subgraphCallPolicy(config: GatewayConfig): SubgraphCallPolicy {
  return {
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    breakerFailures: config.SUBGRAPH_BREAKER_FAILURES,
    breakerHalfOpenAfterMs: config.SUBGRAPH_BREAKER_HALF_OPEN_AFTER_MS,
  };
}

/** Who may call /graphql from a page on another origin (cors.ts). */
export function corsPolicy(config: GatewayConfig): CorsPolicy {
  return { origins: new Set(config.CORS_ORIGINS), preflightMaxAgeSeconds: config.CORS_PREFLIGHT_MAX_AGE_SECONDS };
}

/** Subgraph name (as in the supergraph) → URL. */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return {
    accounts: config.ACCOUNTS_URL,
    tasks: config.TASKS_URL,
    planning: config.PLANNING_URL,
    audit: config.AUDIT_URL,
  };
}
