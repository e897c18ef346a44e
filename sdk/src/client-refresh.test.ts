import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskwireClient, TaskwireError } from './index.js';

// Automatic renewal against a local HTTP server that behaves like the gateway: an expired
// access token gets 401 UNAUTHENTICATED; refreshSession spends a single-use refresh token.
let server: http.Server;
let url: string;
let validToken = 'access-1';
let liveRefresh = 'refresh-1';
let refreshCalls = 0;
const seen: Array<{ operation: string; authorization: string | undefined; variables: Record<string, unknown> }> = [];

const user = { id: 'u1', email: 'a@b.co', name: 'A', timeZone: 'UTC', emailVerified: true };

function answer(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { operationName: string; variables: Record<string, unknown> };
      seen.push({ operation: body.operationName, authorization: req.headers.authorization, variables: body.variables });
      const unauthenticated = (message: string) =>
        answer(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
      if (body.operationName === 'RefreshSession') {
        refreshCalls += 1;
        if (req.headers.authorization) return unauthenticated('the access token has expired; sign in again');
        if (body.variables.refreshToken !== liveRefresh) return unauthenticated('the refresh token is not valid');
        // Slow enough that concurrent failures overlap with it.
        setTimeout(() => {
          validToken = `access-${refreshCalls + 1}`;
          liveRefresh = `refresh-${refreshCalls + 1}`;
          const expiresAt = new Date(Date.now() + 900_000).toISOString();
          answer(res, 200, {
            data: { refreshSession: { token: validToken, expiresAt, refreshToken: liveRefresh, user } },
          });
        }, 50);
        return;
      }
      if (req.headers.authorization !== `Bearer ${validToken}`) return unauthenticated('the access token has expired');
      answer(res, 200, { data: { me: user } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createTaskwireClient renewal', () => {
  it('renews once for concurrent expired requests, retries them, and hands over the new refresh token', async () => {
    validToken = 'access-fresh';
    liveRefresh = 'refresh-a';
    refreshCalls = 0;
    seen.length = 0;
    const handed: Array<string | null> = [];
    const client = createTaskwireClient({
      url,
      token: 'access-expired',
      refreshToken: 'refresh-a',
      onRefreshToken: (t) => handed.push(t),
    });
    const results = await Promise.all([client.me(), client.me(), client.me()]);
    expect(results.map((r) => r?.id)).toEqual(['u1', 'u1', 'u1']);
    expect(refreshCalls).toBe(1);
    expect(handed).toEqual(['refresh-2']);
    expect(client.refreshToken).toBe('refresh-2');
    expect(client.token).toBe('access-2');
    const refresh = seen.find((s) => s.operation === 'RefreshSession');
    expect(refresh).toMatchObject({ authorization: undefined, variables: { refreshToken: 'refresh-a' } });
    expect(seen.filter((s) => s.operation === 'Me' && s.authorization === 'Bearer access-2')).toHaveLength(3);
  });

  it('gives up when the refresh token is refused, reports null, and surfaces UNAUTHENTICATED', async () => {
    validToken = 'access-fresh';
    liveRefresh = 'someone-else';
    refreshCalls = 0;
    const handed: Array<string | null> = [];
    const client = createTaskwireClient({
      url,
      token: 'access-expired',
      refreshToken: 'refresh-spent',
      onRefreshToken: (t) => handed.push(t),
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskwireError);
    expect((error as TaskwireError).code).toBe('UNAUTHENTICATED');
    expect(handed).toEqual([null]);
    expect(client.refreshToken).toBeUndefined();
    // Without a refresh token there is nothing more to try: no second refresh.
    await client.me().catch(() => undefined);
    expect(refreshCalls).toBe(1);
  });

  it('does not renew without a refresh token', async () => {
    refreshCalls = 0;
    const client = createTaskwireClient({ url, token: 'access-expired' });
    await expect(client.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refreshCalls).toBe(0);
  });
});
