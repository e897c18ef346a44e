import { bearerToken, InvalidTokenError, type TokenVerifier } from '@taskwire/platform/auth';

/** Who a graphql-ws connection belongs to, from its `connectionParams` (verified at connect). */
export interface ConnectionAuth {
  userId: string;
  token: string;
  /** Token expiry, ms since the epoch. */
  expiresAtMs: number;
}

/** Why a connection was refused (label of gateway_subscription_refusals_total). */
export type AuthRefusal = 'missing_token' | 'invalid_token';

export type AuthOutcome = { auth: ConnectionAuth } | { refused: AuthRefusal };

/**
 * Reads `connectionParams.authorization` (or `Authorization`): `"Bearer <token>"`, verified.
 * A verifier failure other than an invalid token (e.g. the JWKS unreachable) is thrown: it is
 * the gateway's fault, not the client's.
 */
export async function authenticateConnection(
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  verifier: TokenVerifier,
): Promise<AuthOutcome> {
  const raw = connectionParams?.authorization ?? connectionParams?.Authorization;
  const token = typeof raw === 'string' ? bearerToken(raw) : null;
  if (!token) return { refused: 'missing_token' };
  try {
    const claims = await verifier.verify(token);
    return { auth: { userId: claims.userId, token, expiresAtMs: claims.exp * 1000 } };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { refused: 'invalid_token' };
    throw error;
  }
}

/** setTimeout's largest delay: a longer one fires at once. */
const maxTimerMs = 2 ** 31 - 1;

/** Delay until the connection's token expires, as a setTimeout can wait for it. */
export function msUntilExpiry(auth: ConnectionAuth, now = Date.now()): number {
  return Math.min(maxTimerMs, Math.max(0, auth.expiresAtMs - now));
}

/**
 * The token to (re)connect upstream with for subscriptions shared by several connections of
 * one user: the one that lives longest, or null when all have expired.
 */
export function freshestToken(auths: Iterable<ConnectionAuth>, now = Date.now()): string | null {
  let best: ConnectionAuth | null = null;
  for (const auth of auths) if (auth.expiresAtMs > now && (!best || auth.expiresAtMs > best.expiresAtMs)) best = auth;
  return best?.token ?? null;
}
