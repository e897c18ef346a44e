import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { eventually } from '../../../test/support.js';
import {
  createConnectionRegistry,
  subscriptionCloseCodes,
  terminationReason,
  type ConnectionContext,
} from './connections.js';

describe('createConnectionRegistry and terminationReason', () => {
  let wss: WebSocketServer;
  let url = '';

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => wss.close(() => r())));

  /** A real socket pair: the server side as graphql-ws's context sees it, and the client's close code. */
  async function connect() {
    const accepted = new Promise<WebSocket>((r) => wss.once('connection', (socket) => r(socket)));
    const client = new WebSocket(url);
    const closed = new Promise<number>((r) => client.once('close', (code) => r(code)));
    await new Promise((r) => client.once('open', r));
    const socket = await accepted;
    const connection = { extra: { socket } } as unknown as ConnectionContext;
    return { client, connection, closed };
  }

  const auth = (inMs: number) => ({ userId: 'u1', token: 't', expiresAtMs: Date.now() + inMs });

  it('closes a connection with 4401 when its token expires, and forgets it', async () => {
    const registry = createConnectionRegistry();
    const { connection, closed } = await connect();
    registry.track(connection, auth(50));
    expect(registry.size()).toBe(1);
    expect(await closed).toBe(subscriptionCloseCodes.tokenExpired);
    await eventually(() => (registry.size() === 0 ? true : undefined), { what: 'the registry to forget it' });
    expect(terminationReason('client', connection)).toBe('token_expired');
  });

  it('closes every connection with 1012 on closeAll', async () => {
    const registry = createConnectionRegistry();
    const a = await connect();
    const b = await connect();
    registry.track(a.connection, auth(60_000));
    registry.track(b.connection, auth(60_000));
    registry.closeAll();
    expect(await Promise.all([a.closed, b.closed])).toEqual([1012, 1012]);
    expect(terminationReason('client', a.connection)).toBe('shutdown');
    await eventually(() => (registry.size() === 0 ? true : undefined), { what: 'no connections left' });
  });

  it('tells a client that completed from one that went away, and keeps reasons from elsewhere', async () => {
    const { client, connection, closed } = await connect();
    expect(terminationReason('client', connection)).toBe('client_complete');
    expect(terminationReason('upstream_error', connection)).toBe('upstream_error');
    client.close();
    await closed;
    await eventually(() => (connection.extra.socket.readyState === WebSocket.CLOSED ? true : undefined), {
      what: 'the server side to close',
    });
    expect(terminationReason('client', connection)).toBe('client_disconnect');
  });
});
