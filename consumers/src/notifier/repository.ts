import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AcknowledgedFiringTable, NotifierDatabase, PendingEmailTable, RecipientTable } from './db/database.js';

export type PendingEmail = Selectable<PendingEmailTable>;

/** Records the mail of one firing, to be sent at `dueAt` unless acknowledged; a second call for the firing is a no-op. */
export async function schedulePendingEmail(
  db: Executor<NotifierDatabase>,
  mail: {
    firingId: string;
    userId: string;
    reminderId: string;
    taskId: string;
    taskTitle: string | null;
    firedAt: Date;
    dueAt: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('pending_email')
    .values({
      firing_id: mail.firingId,
      user_id: mail.userId,
      reminder_id: mail.reminderId,
      task_id: mail.taskId,
      task_title: mail.taskTitle,
      fired_at: mail.firedAt,
      due_at: mail.dueAt,
      next_attempt_at: mail.dueAt,
      state: 'pending',
      lease_until: null,
      last_error: null,
      outcome: null,
      message_id: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('firing_id').doNothing())
    .returning('firing_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Claims up to `limit` mails that are due (or whose sender's lease ran out), marking them
 * `sending` with a lease, in one committed transaction: concurrent notifiers skip each
 * other's rows (`FOR UPDATE SKIP LOCKED`).
 */
export async function claimDueEmails(
  db: Kysely<NotifierDatabase>,
  { limit, leaseSeconds }: { limit: number; leaseSeconds: number },
): Promise<PendingEmail[]> {
  const result = await sql<PendingEmail>`
    update pending_email p set state = 'sending', lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = p.attempts + 1
    where p.firing_id in (
      select firing_id from pending_email
      where (state = 'pending' and next_attempt_at <= now()) or (state = 'sending' and lease_until < now())
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning p.*`.execute(db);
  return result.rows;
}

export async function markSent(db: Executor<NotifierDatabase>, firingId: string, messageId: string): Promise<void> {
  await db
    .updateTable('pending_email')
    .set({ state: 'sent', sent_at: new Date(), message_id: messageId, lease_until: null, outcome: 'sent' })
    .where('firing_id', '=', firingId)
    .execute();
}

export async function markSkipped(db: Executor<NotifierDatabase>, firingId: string, outcome: string): Promise<void> {
  await db
    .updateTable('pending_email')
    .set({ state: 'skipped', outcome, lease_until: null })
    .where('firing_id', '=', firingId)
    .execute();
}

/** Puts a mail back after a failed attempt, to be retried at `retryAt`. */
export async function markFailed(
  db: Executor<NotifierDatabase>,
  firingId: string,
  error: string,
  retryAt: Date,
): Promise<void> {
  await db
    .updateTable('pending_email')
    .set({ state: 'pending', last_error: error.slice(0, 1_000), next_attempt_at: retryAt, lease_until: null })
    .where('firing_id', '=', firingId)
    .execute();
}

/**
 * Puts a mail back because its recipient is not projected yet (the `reminder.due` overtook the
 * user's `user.created`); the attempt the claim counted was no send attempt, so it is returned.
 */
export async function markAwaitingRecipient(
  db: Executor<NotifierDatabase>,
  firingId: string,
  retryAt: Date,
): Promise<void> {
  await db
    .updateTable('pending_email')
    .set((eb) => ({
      state: 'pending',
      next_attempt_at: retryAt,
      lease_until: null,
      attempts: eb('attempts', '-', 1),
      recipient_waits: eb('recipient_waits', '+', 1),
      last_error: 'recipient not known yet',
    }))
    .where('firing_id', '=', firingId)
    .execute();
}

/** Records that the user answered a firing; a repeated event is a no-op. */
export async function recordAcknowledgement(
  db: Executor<NotifierDatabase>,
  ack: Insertable<AcknowledgedFiringTable>,
): Promise<void> {
  await db
    .insertInto('acknowledged_firing')
    .values(ack)
    .onConflict((oc) => oc.column('firing_id').doNothing())
    .execute();
}

/** True when the user acknowledged (or dismissed) the reminder after this firing. */
export async function firingAcknowledged(db: Executor<NotifierDatabase>, firingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('acknowledged_firing')
    .select('firing_id')
    .where('firing_id', '=', firingId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A user's state as `user-events` carry it (every column but the bookkeeping ones). */
export type RecipientRow = Omit<Insertable<RecipientTable>, 'updated_at' | 'deleted_at'>;

/**
 * Records a user's address, name and zone unless a newer snapshot is already there or the user
 * was deleted (per-user order holds on the topic, but a re-driven dead letter can arrive late).
 */
export async function upsertRecipient(db: Executor<NotifierDatabase>, row: RecipientRow): Promise<void> {
  await db
    .insertInto('recipient')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({
          email: row.email,
          name: row.name,
          time_zone: row.time_zone,
          source_updated_at: row.source_updated_at,
          updated_at: sql`now()`,
        })
        .where('recipient.deleted_at', 'is', null)
        .where('recipient.source_updated_at', '<=', row.source_updated_at),
    )
    .execute();
}

/** Forgets a user's personal data and keeps a tombstone, so no older event revives it. */
export async function markRecipientDeleted(
  db: Executor<NotifierDatabase>,
  userId: string,
  deletedAt: Date,
): Promise<void> {
  const tombstone = { email: null, name: null, time_zone: null, deleted_at: deletedAt };
  await db
    .insertInto('recipient')
    .values({ user_id: userId, source_updated_at: deletedAt, ...tombstone })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...tombstone, updated_at: sql`now()` }))
    .execute();
}

/** True when `user.deleted` was applied for this user (the recipient is a tombstone). */
export async function isRecipientDeleted(db: Executor<NotifierDatabase>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('recipient')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Erases a deleted user's mails (queued, sent or skipped: each holds a task title) and
 * acknowledged firings; the recipient tombstone stays (`markRecipientDeleted`).
 * @returns how many rows went, per table.
 */
export async function eraseUserMail(db: Executor<NotifierDatabase>, userId: string): Promise<Record<string, number>> {
  const mails = await db.deleteFrom('pending_email').where('user_id', '=', userId).executeTakeFirst();
  const acks = await db.deleteFrom('acknowledged_firing').where('user_id', '=', userId).executeTakeFirst();
  return { pending_email: Number(mails.numDeletedRows), acknowledged_firing: Number(acks.numDeletedRows) };
}

/** Where a user's mail goes, as far as the projection knows. */
export type RecipientLookup =
  { known: true; email: string; name: string; timeZone: string } | { known: false; deleted: boolean };

export async function recipientOf(db: Executor<NotifierDatabase>, userId: string): Promise<RecipientLookup> {
  const row = await db.selectFrom('recipient').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return { known: false, deleted: false };
  if (row.deleted_at || row.email === null) return { known: false, deleted: true };
  return { known: true, email: row.email, name: row.name ?? '', timeZone: row.time_zone ?? 'UTC' };
}

export async function countOpenEmails(db: Kysely<NotifierDatabase>): Promise<number> {
  const row = await db
    .selectFrom('pending_email')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('state', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * How long the longest-overdue unsent mail has been due, in seconds by the database clock (0 when
 * none is overdue): how far behind the sender is, whatever the reason (SMTP down, sender stuck).
 */
export async function oldestDueEmailAgeSeconds(db: Kysely<NotifierDatabase>): Promise<number> {
  const row = await db
    .selectFrom('pending_email')
    .select(sql<number>`coalesce(extract(epoch from now() - min(due_at)), 0)::float8`.as('seconds'))
    .where('state', 'in', ['pending', 'sending'])
    .where('due_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Math.max(0, Number(row?.seconds ?? 0));
}
