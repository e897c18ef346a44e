/**
 * Helpers for tests of other packages that need what accounts keeps to itself (not a test
 * file): the mails it queued, as a user would find them in their mailbox.
 */
import { createAccountsDatabase } from './db/database.js';
import { findMailsTo } from './modules/mail/mail.repository.js';

/** Subjects and bodies of the mails queued for `recipient`, oldest first. */
export async function mailsTo(
  databaseUrl: string,
  recipient: string,
): Promise<Array<{ subject: string; body: string }>> {
  const db = createAccountsDatabase(databaseUrl);
  try {
    return (await findMailsTo(db, recipient)).map(({ subject, body }) => ({ subject, body }));
  } finally {
    await db.destroy();
  }
}

/** The token of the latest verification link mailed to `recipient`, if one was queued. */
export async function latestVerificationToken(databaseUrl: string, recipient: string): Promise<string | undefined> {
  const db = createAccountsDatabase(databaseUrl);
  try {
    const links = (await findMailsTo(db, recipient))
      .map((mail) => /\/verify-email\?token=(\S+)/.exec(mail.body)?.[1])
      .filter((token): token is string => token !== undefined);
    const last = links.at(-1);
    return last === undefined ? undefined : decodeURIComponent(last);
  } finally {
    await db.destroy();
  }
}
