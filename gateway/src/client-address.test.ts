import { describe, expect, it } from 'vitest';
import { clientAddressOf, requestIsHttps } from './client-address.js';

const request = (forwardedFor: string | undefined, peer = '10.0.0.9') => ({
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  socket: { remoteAddress: peer },
});

describe('clientAddressOf', () => {
  it('takes the TCP peer and ignores x-forwarded-for with 0 trusted hops', () => {
    expect(clientAddressOf(request('6.6.6.6'), 0)).toBe('10.0.0.9');
  });

  it('takes the entry the trusted proxies appended, never one the client wrote', () => {
    // The client forged "6.6.6.6"; the ingress appended the address it saw, 198.51.100.4.
    expect(clientAddressOf(request('6.6.6.6, 198.51.100.4'), 1)).toBe('198.51.100.4');
    // Two proxies: the outer one saw 198.51.100.4, the inner one saw the outer (172.16.0.2).
    expect(clientAddressOf(request('6.6.6.6, 198.51.100.4, 172.16.0.2'), 2)).toBe('198.51.100.4');
  });

  it('falls back to the farthest address it has when the header is shorter than the hops', () => {
    expect(clientAddressOf(request('198.51.100.4'), 3)).toBe('198.51.100.4');
    expect(clientAddressOf(request(undefined), 1)).toBe('10.0.0.9');
    expect(clientAddressOf(request(' , '), 1)).toBe('10.0.0.9');
  });
});

describe('requestIsHttps', () => {
  const req = (proto: string | undefined, encrypted = false) => ({
    headers: proto === undefined ? {} : { 'x-forwarded-proto': proto },
    socket: { encrypted },
  });

  it('trusts x-forwarded-proto only from trusted proxies', () => {
    expect(requestIsHttps(req('https'), 0)).toBe(false);
    expect(requestIsHttps(req('https'), 1)).toBe(true);
    expect(requestIsHttps(req('http'), 1)).toBe(false);
    expect(requestIsHttps(req(undefined), 1)).toBe(false);
    expect(requestIsHttps(req(undefined, true), 0)).toBe(true);
  });

  it('reads the entry of the outermost trusted proxy, not one the client wrote', () => {
    // The client forged "https"; the (only) trusted proxy appended what it saw.
    expect(requestIsHttps(req('https, http'), 1)).toBe(false);
    // The TLS-terminating ingress wrote "https", the proxy behind it appended "http".
    expect(requestIsHttps(req('https, http'), 2)).toBe(true);
  });
});
