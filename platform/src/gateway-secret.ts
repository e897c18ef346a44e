import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The header the gateway sends on every subgraph call, HTTP and WebSocket upgrade. */
export const gatewaySecretHeader = 'x-gateway-secret';
/**
 * The client address the gateway decided (TRUSTED_PROXY_HOPS); a subgraph reads it only from a
 * request that carried a valid gateway secret, so a direct client cannot choose it.
 */
export const clientAddressHeader = 'x-client-address';
/** The client's User-Agent as the gateway received it (the list of sessions shows it); trusted likewise. */
export const clientUserAgentHeader = 'x-client-user-agent';

/** Short secrets could be guessed; 32 characters is what `generateGatewaySecret` makes at least. */
const minSecretLength = 32;

/**
 * `GATEWAY_SECRET`: one secret, or several separated by commas during a rotation. The gateway
 * sends the first; a subgraph accepts any of them (docs/operations.md "Gateway secret").
 */
export const gatewaySecretField = z
  .string({ error: 'required: the shared secret of gateway and subgraphs (comma-separated during a rotation)' })
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0, 'expected at least one secret')
  .refine(
    (list) => list.every((s) => s.length >= minSecretLength && /^[\x21-\x7e]+$/.test(s)),
    `expected secrets of at least ${minSecretLength} printable ASCII characters without spaces or commas`,
  );

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * A check of a presented `x-gateway-secret` against the accepted ones. Compares SHA-256
 * digests in constant time, so neither the secret nor its length leaks through timing.
 */
export function gatewaySecretCheck(secrets: readonly string[]): (presented: string | string[] | undefined) => boolean {
  const accepted = secrets.map(digest);
  return (presented) => {
    if (typeof presented !== 'string' || presented === '') return false;
    const candidate = digest(presented);
    // Every accepted secret is compared, so the time does not say which one matched.
    return accepted.reduce((ok, secret) => timingSafeEqual(secret, candidate) || ok, false);
  };
}

/** A fresh random secret (43 URL-safe characters). */
export function generateGatewaySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads `gateway-secret` from `dir`, generating it first when missing (the local `npm start`). */
export function ensureGatewaySecretFile(dir: string): string {
  const file = path.join(dir, 'gateway-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = generateGatewaySecret();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
