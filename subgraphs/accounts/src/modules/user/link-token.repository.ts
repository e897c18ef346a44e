import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AccountsDatabase, LinkTokenRow, LinkTokensTable } from '../../db/database.js';

type Db = Executor<AccountsDatabase>;
type Purpose = LinkTokensTable['purpose'];

/** Stores a link token's hash, valid for `validSeconds`. */
export async function insertLinkToken(
  db: Db,
  token: { tokenHash: string; purpose: Purpose; userId: string; email: string; validSeconds: number },
): Promise<void> {
  await db
    .insertInto('link_tokens')
    .values({
      token_hash: token.tokenHash,
      purpose: token.purpose,
      user_id: token.userId,
      email: token.email,
      expires_at: sql<Date>`now() + make_interval(secs => ${token.validSeconds})`,
    })
    .execute();
}

/** Whether a link of this purpose was issued to the user within the last `windowSeconds`. */
export async function linkIssuedWithin(
  db: Db,
  { userId, purpose, windowSeconds }: { userId: string; purpose: Purpose; windowSeconds: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('link_tokens')
    .select('token_hash')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** An unused, unexpired link token of this purpose, locked until the transaction ends. */
export async function lockLiveLinkToken(
  db: Db,
  tokenHash: string,
  purpose: Purpose,
): Promise<LinkTokenRow | undefined> {
  return db
    .selectFrom('link_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
}

/** Spends every live link of this purpose of the user (the one followed, and any older one). */
export async function spendLinkTokens(db: Db, userId: string, purpose: Purpose): Promise<void> {
  await db
    .updateTable('link_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
