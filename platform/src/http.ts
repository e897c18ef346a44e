import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { prom, singleMetric } from './metrics.js';

/** A readiness probe: name → check; every check must resolve true for 200. */
export type ReadinessChecks = Record<string, () => Promise<boolean>>;

/**
 * Answers /healthz (process alive), /readyz (all checks pass) and /metrics (Prometheus).
 * @returns true when it handled the request.
 */
export async function handleOpsRoute(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { readiness, registry }: { readiness: ReadinessChecks; registry: Registry },
): Promise<boolean> {
  const url = req.url ?? '/';
  const pathname = url.split('?')[0];
  if (pathname === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return true;
  }
  if (pathname === '/readyz') {
    const entries = await Promise.all(
      Object.entries(readiness).map(async ([name, check]) => {
        const ok = await Promise.race([
          check().catch(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(false), 3_000).unref()),
        ]);
        return [name, ok] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, ok]) => ok);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
    return true;
  }
  if (pathname === '/metrics') {
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(await registry.metrics());
    return true;
  }
  return false;
}

/** The ops routes: probes and scrapes, which the request metrics leave out. */
const opsPaths: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Counts the responses `server` finishes by status class (`taskwire_http_requests_total`, the
 * input of the 5xx-rate alert). Probes and scrapes are left out: they would dilute the rate, and a
 * 503 from /readyz is a pod not ready, not a failed request.
 */
export function countHttpResponses(server: http.Server, registry: Registry): void {
  const responses = singleMetric(
    registry,
    'taskwire_http_requests_total',
    () =>
      new prom.Counter({
        name: 'taskwire_http_requests_total',
        help: 'HTTP requests answered (ops routes excluded), by status class',
        labelNames: ['status_class'],
        registers: [registry],
      }),
  );
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (opsPaths.has((req.url ?? '/').split('?')[0]!)) return;
    res.once('finish', () => responses.inc({ status_class: `${Math.floor(res.statusCode / 100)}xx` }));
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Reads a request body up to maxBytes.
 * @throws BodyTooLargeError past the limit (answer 413).
 */
export async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`request body larger than ${maxBytes} bytes`);
  }
}

/** Listens on 127.0.0.1/0.0.0.0:port (0 = any free port) and resolves to the bound port. */
export function listen(server: http.Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A bare ops server (/healthz, /readyz, /metrics) for processes without GraphQL. */
export function createOpsServer(options: { readiness: ReadinessChecks; registry: Registry }): http.Server {
  return http.createServer((req, res) => {
    handleOpsRoute(req, res, options)
      .then((handled) => {
        if (!handled) sendJson(res, 404, { error: 'not found' });
      })
      .catch(() => sendJson(res, 500, { error: 'internal error' }));
  });
}
