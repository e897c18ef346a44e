import { backoffDelayMs } from '@taskwire/platform/backoff';
import type { Logger } from '@taskwire/platform/logger';
import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AccountsDatabase } from '../../db/database.js';
import { claimDueMail, markMailFailed, markMailSent } from './mail.repository.js';

export interface AccountsMailSenderOptions {
  db: Kysely<AccountsDatabase>;
  logger: Logger;
  smtpUrl: string;
  mailFrom: string;
  /** How often to look for due mails when not woken (a mail queued here wakes it at once). */
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface AccountsMailSender {
  start(): void;
  /** Looks for due mails now (after a transaction that queued one committed). */
  wake(): void;
  /** Finishes the mail in flight, then stops. */
  stop(): Promise<void>;
  /** Sends every due mail now; resolves to how many were sent (tests). */
  runOnce(): Promise<number>;
}

/**
 * Sends accounts' own mails (reset and verification links) from `accounts.mail_outbox`.
 *
 * Exactly once: a mail is claimed with its row lock held (`FOR UPDATE SKIP LOCKED`), sent, and
 * marked sent in the same transaction, so no two senders (replicas) send the same row. The one
 * duplicate window is a crash (or lost connection) after the SMTP server accepted the message and
 * before the commit: the row is then claimed and sent again, with the same Message-ID, so the
 * copy is recognisable as the same message.
 */
export function createAccountsMailSender(options: AccountsMailSenderOptions): AccountsMailSender {
  const { db, logger } = options;
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl, {
    // A lock is held while sending: bound how long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  /** Sends one due mail; false when none was due. */
  const sendOne = async (): Promise<boolean> =>
    db.transaction().execute(async (trx) => {
      const mail = await claimDueMail(trx);
      if (!mail) return false;
      try {
        await transport.sendMail({
          from: options.mailFrom,
          to: mail.recipient,
          subject: mail.subject,
          messageId: mail.message_id,
          text: mail.body,
        });
        await markMailSent(trx, mail.id);
        logger.info({ mailId: mail.id, userId: mail.user_id, subject: mail.subject }, 'account mail sent');
      } catch (error) {
        const retryInMs = backoffDelayMs(mail.attempts + 1, {
          baseMs: options.retryBaseMs,
          maxMs: options.retryMaxMs,
          jitter: true,
        });
        logger.warn(
          { err: error, mailId: mail.id, attempts: mail.attempts + 1, retryInMs },
          'account mail failed; will retry',
        );
        await markMailFailed(trx, mail.id, String((error as Error)?.message ?? error), retryInMs);
      }
      return true;
    });

  const round = async (): Promise<number> => {
    let sent = 0;
    while (await sendOne()) sent += 1;
    return sent;
  };

  const run = () => {
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = round().catch((error) => {
      logger.error({ err: error }, 'account mail round failed');
      return 0;
    });
    void running.then(() => {
      running = null;
      if (stopped) return;
      if (again) {
        again = false;
        run();
        return;
      }
      timer = setTimeout(run, options.pollMs);
    });
  };

  return {
    start() {
      stopped = false;
      run();
    },
    wake() {
      if (!stopped) run();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport.close();
    },
    runOnce: () => round(),
  };
}
