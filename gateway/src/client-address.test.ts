import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address.js';

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
