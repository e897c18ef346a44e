import type http from 'node:http';

/**
 * The client's address, decided once here and passed on to subgraphs (`x-client-address`).
 * Behind `trustedProxyHops` proxies that each append the address they saw to
 * `x-forwarded-for`, the client is the entry that many hops from the right: entries further
 * left were written by the client itself and prove nothing. With 0 hops, or when the header
 * has fewer entries than expected hops, the nearest address we can vouch for is taken.
 */
export function clientAddressOf(
  req: Pick<http.IncomingMessage, 'headers'> & { socket: { remoteAddress?: string | undefined } },
  trustedProxyHops: number,
): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops === 0) return peer;
  const raw = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // [peer, last hop, …, first hop]: index n is what the n-th trusted proxy saw.
  const chain = [peer, ...hops.reverse()];
  return chain[Math.min(trustedProxyHops, chain.length - 1)]!;
}

/**
 * Whether the client reached us over HTTPS: a TLS socket, or `x-forwarded-proto: https` from a
 * trusted proxy (a TLS-terminating ingress). Read like `x-forwarded-for`: the entry that many
 * hops from the right; without trusted proxies the header is the client's own word and ignored.
 */
export function requestIsHttps(
  req: Pick<http.IncomingMessage, 'headers'> & { socket: object },
  trustedProxyHops: number,
): boolean {
  // A TLSSocket has `encrypted: true`; a plain net.Socket has no such property.
  if ('encrypted' in req.socket && req.socket.encrypted === true) return true;
  if (trustedProxyHops === 0) return false;
  const raw = req.headers['x-forwarded-proto'];
  const protos = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (protos.length === 0) return false;
  return protos[Math.max(0, protos.length - trustedProxyHops)] === 'https';
}
