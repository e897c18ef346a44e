import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AccountsDatabase, MailRow } from '../../db/database.js';

type Db = Executor<AccountsDatabase>;

/** Queues a mail in the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueMail(
  db: Db,
  mail: { userId: string | null; recipient: string; subject: string; body: string },
): Promise<void> {
  await enqueueMailOnce(db, { ...mail, messageId: `<account-${randomUUID()}@taskwire>` });
}

/**
 * Queues a mail under a Message-ID the caller derives from what caused it (an event id), unless
 * one with that Message-ID was queued before: the unique key keeps a redelivered cause from
 * queueing a second copy. Returns whether it was queued now.
 */
export async function enqueueMailOnce(
  db: Db,
  mail: { userId: string | null; recipient: string; subject: string; body: string; messageId: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('mail_outbox')
    .values({
      user_id: mail.userId,
      recipient: mail.recipient,
      subject: mail.subject,
      body: mail.body,
      message_id: mail.messageId,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Deletes the mails to `email` that belong to no account (invitations queued before the address
 * had one), sent or not: the account that now holds the address is being erased. The mails of
 * an account go with its row (ON DELETE CASCADE).
 */
export async function deleteMailsToAddressWithoutUser(db: Db, email: string): Promise<number> {
  const result = await db
    .deleteFrom('mail_outbox')
    .where('user_id', 'is', null)
    .where(sql<string>`lower(recipient)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The oldest due unsent mail, locked until the transaction ends; other senders skip it
 * (`FOR UPDATE SKIP LOCKED`), so one mail is in one sender's hands at a time.
 */
export async function claimDueMail(trx: Transaction<AccountsDatabase>): Promise<MailRow | undefined> {
  return trx
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Marks a mail sent and empties its text: the link's secret stays in the database only until then. */
export async function markMailSent(db: Db, id: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: sql<Date>`now()`, body: '', last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Puts a failed mail back for a later attempt. */
export async function markMailFailed(db: Db, id: string, error: string, retryInMs: number): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 1000),
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${retryInMs / 1000})`,
    }))
    .where('id', '=', id)
    .execute();
}

/** Mails queued for `recipient`, oldest first, sent or not (tests read links from them). */
export async function findMailsTo(db: Db, recipient: string): Promise<MailRow[]> {
  return db.selectFrom('mail_outbox').selectAll().where('recipient', '=', recipient).orderBy('id').execute();
}
