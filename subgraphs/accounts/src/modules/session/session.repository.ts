import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AccountsDatabase, SessionRow } from '../../db/database.js';

type Db = Executor<AccountsDatabase>;

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** Starts a session that ends at the latest `maxDays` from now. */
export async function insertSession(
  db: Db,
  session: { userId: string; userAgent: string | null; clientAddress: string; maxDays: number },
): Promise<SessionRow> {
  return db
    .insertInto('sessions')
    .values({
      user_id: session.userId,
      user_agent: session.userAgent,
      client_address: session.clientAddress,
      expires_at: sql<Date>`now() + make_interval(days => ${session.maxDays})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertRefreshToken(db: Db, token: { tokenHash: string; sessionId: string }): Promise<void> {
  await db.insertInto('refresh_tokens').values({ token_hash: token.tokenHash, session_id: token.sessionId }).execute();
}

/** A refresh token and its session, both locked until the transaction ends; undefined when unknown. */
export async function lockRefreshToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens as t')
    .innerJoin('sessions as s', 's.id', 't.session_id')
    .select([
      't.token_hash',
      't.used_at',
      't.successor_sealed',
      's.id as session_id',
      's.user_id',
      's.revoked_at',
      sql<number>`extract(epoch from now() - t.used_at)`.as('seconds_since_used'),
      sql<boolean>`s.expires_at <= now()`.as('past_max_age'),
      sql<number>`extract(epoch from now() - s.last_used_at) / 86400`.as('idle_days'),
    ])
    .where('t.token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a refresh token spent, keeping its successor sealed for the grace window. */
export async function markRefreshTokenUsed(db: Db, tokenHash: string, successorSealed: string | null): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ used_at: sql<Date>`now()`, successor_sealed: successorSealed })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Records a use of the session (idle limit, the list of sessions). */
export async function touchSession(
  db: Db,
  sessionId: string,
  seen: { userAgent: string | null; clientAddress: string },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      last_used_at: sql<Date>`now()`,
      client_address: seen.clientAddress,
      ...(seen.userAgent ? { user_agent: seen.userAgent } : {}),
    })
    .where('id', '=', sessionId)
    .execute();
}

/**
 * Revokes live sessions of a user: one (`sessionId`), all but one (`exceptSessionId`) or all;
 * their refresh tokens stop working at once. Returns how many were live.
 */
export async function revokeSessions(
  db: Db,
  filter: { userId: string; sessionId?: string; exceptSessionId?: string | undefined; reason: string },
): Promise<number> {
  if (filter.sessionId !== undefined && !isUuid(filter.sessionId)) return 0;
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()`, revoked_reason: filter.reason })
    .where('user_id', '=', filter.userId)
    .where('revoked_at', 'is', null);
  if (filter.sessionId !== undefined) query = query.where('id', '=', filter.sessionId);
  if (filter.exceptSessionId !== undefined && isUuid(filter.exceptSessionId))
    query = query.where('id', '!=', filter.exceptSessionId);
  const result = await query.executeTakeFirst();
  // Spent tokens are kept (reuse detection); live ones of a revoked session are worthless now.
  await db
    .deleteFrom('refresh_tokens')
    .where('used_at', 'is', null)
    .where('session_id', 'in', (eb) =>
      eb.selectFrom('sessions').select('id').where('user_id', '=', filter.userId).where('revoked_at', 'is not', null),
    )
    .execute();
  return Number(result.numUpdatedRows);
}

/** Revokes one session by id (any user), e.g. after refresh-token reuse or past its limits. */
export async function revokeSessionById(db: Db, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()`, revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The user's live sessions (not revoked, within both limits), most recently used first. */
export async function listLiveSessions(db: Db, userId: string, idleDays: number): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_used_at', '>', sql<Date>`now() - make_interval(days => ${idleDays})`)
    .orderBy('last_used_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The session of a refresh token (spent or not), or undefined. */
export async function findSessionOfRefreshToken(
  db: Db,
  tokenHash: string,
): Promise<{ session_id: string; user_id: string } | undefined> {
  return db
    .selectFrom('refresh_tokens as t')
    .innerJoin('sessions as s', 's.id', 't.session_id')
    .select(['s.id as session_id', 's.user_id'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
