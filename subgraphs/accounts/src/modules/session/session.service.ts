import type { Kysely } from 'kysely';
import { signAccessToken, type SigningKeys } from '@taskwire/platform/auth';
import type { Executor } from '@taskwire/platform/database';
import type { AccountsDatabase, UserRow } from '../../db/database.js';
import { findUsersByIds } from '../user/user.repository.js';
import { hashSecretToken, newSecretToken, openWith, sealWith } from './secret-token.js';
import {
  insertRefreshToken,
  insertSession,
  lockRefreshToken,
  markRefreshTokenUsed,
  revokeSessionById,
  touchSession,
} from './session.repository.js';

/*
 * Sessions with rotating refresh tokens, after RFC 9700 (OAuth 2.0 security best current
 * practice): a refresh token is opaque, stored only as a hash and spent by its first use, which
 * returns its successor. Presenting a spent token again means two parties hold it, so the whole
 * session (the token family) is revoked — except within a short grace window, in which the
 * repeat gets the same successor (two tabs refreshing at once). docs/sessions.md has the rules.
 */

export interface SessionPolicy {
  keys: SigningKeys;
  accessTokenTtlSeconds: number;
  /** A session unused this long ends (SESSION_IDLE_DAYS). */
  idleDays: number;
  /** A session ends this long after sign-in, used or not (SESSION_MAX_DAYS). */
  maxDays: number;
  /** A spent refresh token presented again this soon gets the same successor (0: never). */
  reuseGraceSeconds: number;
}

/** Who is asking: recorded on the session (the list of sessions shows it). */
export interface ClientSeen {
  userAgent: string | null;
  clientAddress: string;
}

/** A signed-in session as the API answers it (the refresh token only to whom may see it). */
export interface IssuedSession {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  sessionId: string;
  user: UserRow;
}

async function accessTokenFor(policy: SessionPolicy, userId: string, sessionId: string) {
  const now = new Date();
  const accessToken = await signAccessToken(policy.keys, userId, {
    ttlSeconds: policy.accessTokenTtlSeconds,
    now,
    sessionId,
  });
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + policy.accessTokenTtlSeconds) * 1000).toISOString();
  return { accessToken, expiresAt };
}

/** Starts a session for a user who just proved who they are (inside the caller's transaction). */
export async function startSession(
  trx: Executor<AccountsDatabase>,
  policy: SessionPolicy,
  user: UserRow,
  client: ClientSeen,
): Promise<IssuedSession> {
  const session = await insertSession(trx, { userId: user.id, ...client, maxDays: policy.maxDays });
  const refreshToken = newSecretToken();
  await insertRefreshToken(trx, { tokenHash: hashSecretToken(refreshToken), sessionId: session.id });
  return { ...(await accessTokenFor(policy, user.id, session.id)), refreshToken, sessionId: session.id, user };
}

/** A refresh's result: the renewed session, or why the token was refused. */
export type RefreshOutcome =
  { issued: IssuedSession } | { refused: 'unknown or revoked' | 'expired' | 'no user' | 'reused' };

/**
 * Spends a refresh token: answers a new access token and the successor refresh token, or a
 * refusal for an unknown, spent (after the grace window), revoked or expired token. A spent one
 * also revokes its session, and an expired one ends it (both committed).
 */
export async function refreshSession(
  db: Kysely<AccountsDatabase>,
  policy: SessionPolicy,
  refreshToken: string,
  client: ClientSeen,
): Promise<RefreshOutcome> {
  // A refusal that revokes must commit the revocation: the transaction returns it, not throws.
  return db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
    const row = await lockRefreshToken(trx, hashSecretToken(refreshToken));
    if (!row || row.revoked_at) return { refused: 'unknown or revoked' };
    if (row.past_max_age || Number(row.idle_days) >= policy.idleDays) {
      await revokeSessionById(trx, row.session_id, 'expired');
      return { refused: 'expired' };
    }
    const [user] = await findUsersByIds(trx, [row.user_id]);
    if (!user) return { refused: 'no user' };
    if (row.used_at) {
      const successor = row.successor_sealed ? openWith(refreshToken, row.successor_sealed) : null;
      if (successor && Number(row.seconds_since_used) <= policy.reuseGraceSeconds) {
        await touchSession(trx, row.session_id, client);
        const access = await accessTokenFor(policy, user.id, row.session_id);
        return { issued: { ...access, refreshToken: successor, sessionId: row.session_id, user } };
      }
      await revokeSessionById(trx, row.session_id, 'refresh token reused');
      return { refused: 'reused' };
    }
    const successor = newSecretToken();
    await insertRefreshToken(trx, { tokenHash: hashSecretToken(successor), sessionId: row.session_id });
    await markRefreshTokenUsed(
      trx,
      row.token_hash,
      policy.reuseGraceSeconds > 0 ? sealWith(refreshToken, successor) : null,
    );
    await touchSession(trx, row.session_id, client);
    const access = await accessTokenFor(policy, user.id, row.session_id);
    return { issued: { ...access, refreshToken: successor, sessionId: row.session_id, user } };
  });
}
