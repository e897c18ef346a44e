import type http from 'node:http';

/** Who may call the API from a web page on another origin (gateway/src/env.ts CORS_ORIGINS). */
export interface CorsPolicy {
  /** Exact origins (`scheme://host[:port]`) allowed; no wildcard. */
  origins: ReadonlySet<string>;
  /** Access-Control-Max-Age of a preflight answer. */
  preflightMaxAgeSeconds: number;
}

/** What a page's script may send: the SDK's and the web app's headers (sdk/src/client.ts). */
const allowedHeaders = [
  'authorization',
  'content-type',
  'accept',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'traceparent',
  // The SDK's key on every mutation (docs/api.md "Idempotent mutations").
  'idempotency-key',
  // Refresh tokens as the HttpOnly cookie (docs/sessions.md).
  'x-refresh-token-delivery',
].join(', ');
/** Response headers a page's script may read besides the CORS-safelisted ones. */
const exposedHeaders = ['x-request-id', 'retry-after', 'idempotent-replayed'].join(', ');

/**
 * CORS for /graphql. Only a listed origin is reflected, with `Access-Control-Allow-Credentials`
 * (cookie sessions will need it; never for any other origin, and never `*`); every answer
 * varies by Origin so no cache serves one origin's answer to another. A preflight (OPTIONS with
 * Access-Control-Request-Method) is answered here: 204 with the allow headers and
 * Access-Control-Max-Age for a listed origin, 403 without any allow header for another.
 * @returns true when it answered the request (a preflight); false to go on handling it.
 */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse, policy: CorsPolicy): boolean {
  res.appendHeader('vary', 'Origin');
  const origin = req.headers.origin;
  const listed = origin !== undefined && policy.origins.has(origin);
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (listed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
  }
  if (!preflight) {
    if (listed) res.setHeader('access-control-expose-headers', exposedHeaders);
    return false;
  }
  if (!listed) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('origin not allowed\n');
    return true;
  }
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': allowedHeaders,
    'access-control-max-age': String(policy.preflightMaxAgeSeconds),
    'content-length': '0',
  });
  res.end();
  return true;
}
