import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCors } from './cors.js';

const listed = 'http://app.example.test';
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (applyCors(req, res, { origins: new Set([listed]), preflightMaxAgeSeconds: 600 })) return;
    res.setHeader('content-type', 'application/json');
    res.end('{"data":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const preflight = (origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });

describe('applyCors', () => {
  it('answers a preflight from a listed origin with that origin, credentials and a max age', async () => {
    const response = await preflight(listed);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(listed);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('refuses a preflight from any other origin without a single allow header', async () => {
    for (const origin of ['http://evil.example.test', `${listed}.evil.test`, 'null']) {
      const response = await preflight(origin);
      expect(response.status).toBe(403);
      for (const name of response.headers.keys()) expect(name).not.toMatch(/^access-control-/);
      expect(response.headers.get('vary')).toContain('Origin');
    }
  });

  it('reflects a listed origin on the request itself, and no other', async () => {
    const ok = await fetch(url, { method: 'POST', headers: { origin: listed } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(listed);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const other = await fetch(url, { method: 'POST', headers: { origin: 'http://evil.example.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    expect(other.headers.get('vary')).toContain('Origin');
  });
});
