import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { countHttpResponses, listen } from './http.js';
import { createMetricsRegistry } from './metrics.js';

describe('countHttpResponses', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    await new Promise((r) => server?.close(r));
  });

  it('counts API responses by status class and leaves probes and scrapes out', async () => {
    const registry = createMetricsRegistry('http-test');
    // Every path answers with the status its query asks for.
    server = http.createServer((req, res) => {
      res.writeHead(Number(new URL(req.url!, 'http://x').searchParams.get('status') ?? 200));
      res.end();
    });
    countHttpResponses(server, registry);
    const port = await listen(server, 0, '127.0.0.1');
    for (const path of [
      '/graphql',
      '/graphql?status=500',
      '/graphql?status=503',
      '/?status=404',
      '/readyz?status=503',
      '/metrics',
      '/healthz',
    ])
      await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    const counted = (await registry.getSingleMetric('taskwire_http_requests_total')!.get()).values;
    expect(Object.fromEntries(counted.map((v) => [v.labels.status_class, v.value]))).toEqual({
      '2xx': 1,
      '4xx': 1,
      '5xx': 2,
    });
  });
});
