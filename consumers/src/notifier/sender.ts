import { backoffDelayMs } from '@taskwire/platform/backoff';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { NotifierDatabase } from './db/database.js';
import {
  claimDueEmails,
  firingAcknowledged,
  markAwaitingRecipient,
  markFailed,
  markSent,
  markSkipped,
  recipientOf,
  type PendingEmail,
} from './repository.js';

export interface MailSenderOptions {
  db: Kysely<NotifierDatabase>;
  logger: Logger;
  smtpUrl: string;
  mailFrom: string;
  webUrl: string;
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  leaseSeconds: number;
  /**
   * How long after it fell due a mail waits for its recipient to be projected (the user's
   * `user.created` may arrive after the `reminder.due`); then it is skipped as `no recipient`.
   */
  recipientWaitSeconds: number;
  /** Mails claimed per round. */
  batchSize?: number;
  onOutcome?: (outcome: MailOutcome) => void;
  /** Injected transport (tests); default nodemailer over SMTP_URL. */
  transport?: Pick<Transporter, 'sendMail' | 'close'>;
}

export type MailOutcome =
  'sent' | 'acknowledged' | 'awaiting_recipient' | 'no_recipient' | 'user_deleted' | 'smtp_error';

export interface MailSender {
  start(): void;
  /** Finishes the round in flight, then stops. */
  stop(): Promise<void>;
  /** Runs one round now (tests). */
  runOnce(): Promise<number>;
}

/** Message-ID of a firing's mail: the same on every attempt, so a resend is recognisable as the same message. */
export function messageIdOf(firingId: string): string {
  return `<reminder-${firingId}@taskwire>`;
}

/**
 * Sends the mails that are due: claims rows (`sending`, with a lease), checks the projected
 * acknowledgement of the firing and the projected recipient, sends one message per firing,
 * marks it `sent`. An SMTP failure puts the row back with a backoff; nothing is given up.
 */
export function createMailSender(options: MailSenderOptions): MailSender {
  const { db, logger } = options;
  const transport = options.transport ?? nodemailer.createTransport(options.smtpUrl);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  /** Waits (with backoff) for a recipient not projected yet; gives up after the wait, or at once for a deleted user. */
  const withoutRecipient = async (mail: PendingEmail, deleted: boolean): Promise<void> => {
    const waitedTooLong = Date.now() >= mail.due_at.getTime() + options.recipientWaitSeconds * 1_000;
    if (!deleted && !waitedTooLong) {
      const delay = backoffDelayMs(mail.recipient_waits + 1, {
        baseMs: options.retryBaseMs,
        maxMs: options.retryMaxMs,
        jitter: true,
      });
      await markAwaitingRecipient(db, mail.firing_id, new Date(Date.now() + delay));
      options.onOutcome?.('awaiting_recipient');
      return;
    }
    await markSkipped(db, mail.firing_id, deleted ? 'user deleted' : 'no recipient');
    options.onOutcome?.(deleted ? 'user_deleted' : 'no_recipient');
    logger.warn(
      { firingId: mail.firing_id, userId: mail.user_id, deleted },
      'no e-mail address for the user; reminder mail skipped',
    );
  };

  const deliver = async (mail: PendingEmail): Promise<void> => {
    try {
      if (await firingAcknowledged(db, mail.firing_id)) {
        await markSkipped(db, mail.firing_id, 'acknowledged');
        options.onOutcome?.('acknowledged');
        return;
      }
      const recipient = await recipientOf(db, mail.user_id);
      if (!recipient.known) {
        await withoutRecipient(mail, recipient.deleted);
        return;
      }
      const title = mail.task_title ?? 'a task';
      const messageId = messageIdOf(mail.firing_id);
      const link = `${options.webUrl.replace(/\/$/, '')}/?task=${encodeURIComponent(mail.task_id)}`;
      await transport.sendMail({
        from: options.mailFrom,
        to: { name: recipient.name, address: recipient.email },
        subject: `Reminder: ${title}`,
        messageId,
        headers: { 'X-Taskwire-Firing-Id': mail.firing_id, 'X-Taskwire-Reminder-Id': mail.reminder_id },
        text: `Hello ${recipient.name},\n\nyour reminder for "${title}" fell due at ${mail.fired_at.toISOString()}.\n\nOpen it: ${link}\n`,
      });
      await markSent(db, mail.firing_id, messageId);
      options.onOutcome?.('sent');
      logger.info({ firingId: mail.firing_id, to: recipient.email }, 'reminder mail sent');
    } catch (error) {
      const delay = backoffDelayMs(Math.max(1, mail.attempts), {
        baseMs: options.retryBaseMs,
        maxMs: options.retryMaxMs,
        jitter: true,
      });
      logger.warn(
        { err: error, firingId: mail.firing_id, attempts: mail.attempts, retryInMs: delay },
        'reminder mail failed; will retry',
      );
      options.onOutcome?.('smtp_error');
      await markFailed(
        db,
        mail.firing_id,
        String((error as Error)?.message ?? error),
        new Date(Date.now() + delay),
      ).catch((e) =>
        logger.error(
          { err: e, firingId: mail.firing_id },
          'could not record the failure; the lease will expire and the mail be retried',
        ),
      );
    }
  };

  const round = async (): Promise<number> => {
    const claimed = await claimDueEmails(db, { limit: options.batchSize ?? 20, leaseSeconds: options.leaseSeconds });
    await Promise.all(claimed.map(deliver));
    return claimed.length;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().catch((error) => {
        logger.error({ err: error }, 'mail round failed');
        return 0;
      });
      void running.then((n) => {
        running = null;
        // A full batch: more may be due right away.
        schedule(n >= (options.batchSize ?? 20) ? 0 : options.pollMs);
      });
    }, delayMs);
  };

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      if (!options.transport) transport.close();
    },
    runOnce: () => round(),
  };
}
