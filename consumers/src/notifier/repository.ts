import { sql, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import { isFiringAcknowledged } from '@taskwire/planning';
import type { NotifierDatabase, PendingEmailTable } from './db/database.js';

export type PendingEmail = Selectable<PendingEmailTable>;

/** Records the mail of one firing, to be sent at `dueAt` unless acknowledged; a second call for the firing is a no-op. */
export async function schedulePendingEmail(
  db: Executor<NotifierDatabase>,
  mail: { firingId: string; userId: string; reminderId: string; taskId: string; firedAt: Date; dueAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('pending_email')
    .values({
      firing_id: mail.firingId,
      user_id: mail.userId,
      reminder_id: mail.reminderId,
      task_id: mail.taskId,
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

/** True when the user acknowledged (or dismissed) the reminder after this firing — planning's own query, on its schema. */
export async function firingAcknowledged(db: Kysely<NotifierDatabase>, firingId: string): Promise<boolean> {
  return isFiringAcknowledged(db.withSchema('planning') as Kysely<any>, firingId);
}

export interface Recipient {
  email: string;
  name: string;
}

/**
 * The one read outside the notifier's and planning's schemas: the recipient's address and
 * name from `accounts.users`, by primary key, read-only (docs/notifier.md explains why).
 */
export async function recipientOf(db: Kysely<NotifierDatabase>, userId: string): Promise<Recipient | null> {
  const result = await sql<Recipient>`select email, name from accounts.users where id::text = ${userId}`.execute(db);
  return result.rows[0] ?? null;
}

/** The task's title for the subject line (`tasks.tasks`, read-only, scoped by owner); null when gone. */
export async function taskTitleOf(
  db: Kysely<NotifierDatabase>,
  userId: string,
  taskId: string,
): Promise<string | null> {
  const result = await sql<{
    title: string;
  }>`select title from tasks.tasks where id::text = ${taskId} and user_id::text = ${userId}`.execute(db);
  return result.rows[0]?.title ?? null;
}

export async function countOpenEmails(db: Kysely<NotifierDatabase>): Promise<number> {
  const row = await db
    .selectFrom('pending_email')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('state', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
