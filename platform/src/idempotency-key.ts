import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';

/** The client's header (IETF draft "The Idempotency-Key HTTP Header Field"), forwarded as is. */
export const idempotencyKeyHeader = 'idempotency-key';
/** The gateway's fingerprint of the client request, forwarded with the key (trusted only with the gateway secret). */
export const idempotencyFingerprintHeader = 'x-idempotency-fingerprint';
/** `true` on an answer replayed from the first request with the same key (as Stripe names it). */
export const idempotentReplayedHeader = 'idempotent-replayed';

/** The longest key accepted (characters). */
export const maxIdempotencyKeyLength = 255;
/** How long a key and its first answer are kept. */
export const idempotencyKeyRetentionHours = 24;

/**
 * Checks a client's `Idempotency-Key` header value.
 * @returns the key.
 * @throws GraphQLError BAD_USER_INPUT (field `Idempotency-Key`, HTTP 400): empty, longer than 255
 * characters, or a character outside printable ASCII.
 */
export function idempotencyKeyInput(value: string): string {
  if (value.length === 0 || value.length > maxIdempotencyKeyLength || !/^[\x20-\x7e]+$/.test(value)) {
    const got =
      value.length > maxIdempotencyKeyLength ? `${value.length} characters` : JSON.stringify(value.slice(0, 64));
    throw new GraphQLError(
      `the Idempotency-Key header must be 1 to ${maxIdempotencyKeyLength} printable ASCII characters (a UUID is best), got ${got}`,
      { extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key', http: { status: 400 } } },
    );
  }
  return value;
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 (hex) of the parts, each length-prefixed so that no two lists of parts collide. */
export function sha256Of(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest('hex');
}

/**
 * The fingerprint of a client request: its operation document, operation name and variables
 * (key order does not matter). A retry with the same key must have the same fingerprint.
 */
export function requestFingerprint(request: {
  query: string;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}): string {
  return sha256Of(request.query, request.operationName ?? '', canonicalJson(request.variables ?? {}));
}

/** The key was used before with another request (HTTP 422). */
export function idempotencyKeyReused(): GraphQLError {
  return new GraphQLError(
    'this Idempotency-Key was already used with a different request (operation or variables); use a new key for a new request',
    { extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', http: { status: 422 } } },
  );
}

/** A request with this key is still being processed (HTTP 409): retry after it finished. */
export function idempotencyKeyInUse(): GraphQLError {
  return new GraphQLError(
    'a request with this Idempotency-Key is still being processed; retry the same request shortly to get its answer',
    { extensions: { code: 'IDEMPOTENCY_KEY_IN_USE', field: 'Idempotency-Key', http: { status: 409 } } },
  );
}
