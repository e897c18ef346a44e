import { deleteUserIdempotencyRecords } from '@taskwire/platform/idempotency.repository';
import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AccountsDatabase, UserRow } from '../../db/database.js';
import type { RecentSignInFailures } from './user.throttle.js';

type Db = Executor<AccountsDatabase>;

export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
}

/** Ids that are not uuids cannot be users (and would make PostgreSQL's uuid cast fail). */
function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', valid).execute();
}

/**
 * Whether `userId` has an account, holding its row until the transaction ends: a row naming
 * the user written in the same transaction then either commits before the account's deletion
 * (which erases it) or runs after it and sees no account.
 */
export async function holdExistingUser(db: Db, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).forShare().executeTakeFirst();
  return row !== undefined;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** @throws DuplicateEmailError when the e-mail exists in any case. */
export async function insertUser(
  db: Db,
  user: { email: string; name: string; timeZone: string; passwordHash: string },
): Promise<UserRow> {
  try {
    return await db
      .insertInto('users')
      .values({ email: user.email, name: user.name, time_zone: user.timeZone, password_hash: user.passwordHash })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new DuplicateEmailError(user.email);
    throw error;
  }
}

/** The user row, locked until the caller's transaction ends (so before/after of a change are exact). */
export async function lockUserById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** @throws DuplicateEmailError when a new e-mail belongs to another account in any case. */
export async function updateUserRow(
  db: Db,
  id: string,
  changes: { email?: string; name?: string; timeZone?: string; emailVerified?: true },
): Promise<UserRow | undefined> {
  try {
    return await db
      .updateTable('users')
      .set({
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
        ...(changes.emailVerified ? { email_verified: true } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new DuplicateEmailError(changes.email ?? '');
    throw error;
  }
}

/** Replaces the user's password hash. */
export async function updatePasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Marks the user's current address verified. */
export async function markEmailVerified(db: Db, id: string): Promise<UserRow | undefined> {
  return db.updateTable('users').set({ email_verified: true }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Deletes the user and their sign-in failures; returns the row as it was, or undefined. */
export async function deleteUserRow(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const deleted = await db.deleteFrom('users').where('id', '=', id).returningAll().executeTakeFirst();
  if (deleted) await db.deleteFrom('sign_in_failures').where('account_key', '=', deleted.email.toLowerCase()).execute();
  if (deleted) await deleteUserIdempotencyRecords(db, id);
  return deleted;
}

/**
 * Deletes the user's earlier `user-events` rows from the outbox (relayed or not; each holds the
 * user's address and name), before their `user.deleted` is written.
 */
export async function deleteUserOutboxRows(db: Db, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where(sql<string>`envelope->>'userId'`, '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Sign-in failures within the last `windowSeconds`: of this account from this address (with
 * the seconds since the last one, for the backoff) and of this address over all accounts.
 */
export async function countRecentSignInFailures(
  db: Db,
  { accountKey, clientAddress, windowSeconds }: { accountKey: string; clientAddress: string; windowSeconds: number },
): Promise<RecentSignInFailures> {
  const window = sql<Date>`make_interval(secs => ${windowSeconds})`;
  const recent = db.selectFrom('sign_in_failures').where('failed_at', '>', sql<Date>`now() - ${window}`);
  const [pair, address] = await Promise.all([
    recent
      .select([
        sql<string>`count(*)`.as('count'),
        sql<string | null>`extract(epoch from now() - max(failed_at))`.as('since_last'),
      ])
      .where('account_key', '=', accountKey)
      .where('client_address', '=', clientAddress)
      .executeTakeFirstOrThrow(),
    recent
      .select([
        sql<string>`count(*)`.as('count'),
        sql<string | null>`ceil(extract(epoch from min(failed_at) + ${window} - now()))`.as('retry_after'),
      ])
      .where('client_address', '=', clientAddress)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    pair: { count: Number(pair.count), secondsSinceLast: Number(pair.since_last ?? 0) },
    address: { count: Number(address.count), retryAfterSeconds: Number(address.retry_after ?? 0) },
  };
}

/** Records a failure and drops this account's and address's rows that left the window. */
export async function recordSignInFailure(
  db: Db,
  { accountKey, clientAddress, windowSeconds }: { accountKey: string; clientAddress: string; windowSeconds: number },
): Promise<void> {
  await db.insertInto('sign_in_failures').values({ account_key: accountKey, client_address: clientAddress }).execute();
  await db
    .deleteFrom('sign_in_failures')
    .where((eb) => eb.or([eb('account_key', '=', accountKey), eb('client_address', '=', clientAddress)]))
    .where('failed_at', '<', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .execute();
}

/** A successful sign-in forgives this account's failures from this address (not the others). */
export async function clearSignInFailures(
  db: Db,
  { accountKey, clientAddress }: { accountKey: string; clientAddress: string },
): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where('account_key', '=', accountKey)
    .where('client_address', '=', clientAddress)
    .execute();
}
