import type { Kysely, Transaction } from 'kysely';
import { badUserInput, notFound, unauthenticated } from '@taskwire/platform/errors';
import type { EventOrigin } from '@taskwire/platform/events';
import type { AccountsDatabase, UserRow } from '../../db/database.js';
import { enqueueMail } from '../mail/mail.repository.js';
import { passwordResetMail, verifyEmailMail } from '../mail/mail.templates.js';
import { hashSecretToken, newSecretToken } from '../session/secret-token.js';
import { revokeSessions } from '../session/session.repository.js';
import { startSession, type ClientSeen, type IssuedSession, type SessionPolicy } from '../session/session.service.js';
import { hashPassword } from './password.js';
import { insertLinkToken, linkIssuedWithin, lockLiveLinkToken, spendLinkTokens } from './link-token.repository.js';
import {
  DuplicateEmailError,
  findUserByEmail,
  findUsersByIds,
  lockUserById,
  updatePasswordHash,
} from './user.repository.js';
import { changeUserIn, createUser } from './user.service.js';
import { validateEmail, validatePassword } from './user.validation.js';

/*
 * Passwords and addresses: sign-up with a verification link, password change and reset, address
 * change behind a verification link. Every mail that carries a secret is queued in
 * `accounts.mail_outbox` in the same transaction as the token's hash (mail-sender.ts sends it),
 * never through Kafka.
 */

type Db = Kysely<AccountsDatabase>;
type Trx = Transaction<AccountsDatabase>;

/** A reset link works for 30 minutes (the contract). */
export const passwordResetValidSeconds = 30 * 60;

export interface CredentialsPolicy {
  session: SessionPolicy;
  /** Origin of the web app, for the links (PUBLIC_URL). */
  publicUrl: string;
  /** At most one reset mail per account per this many seconds (PASSWORD_RESET_WINDOW_SECONDS). */
  passwordResetWindowSeconds: number;
  /** How long a verification link works (EMAIL_VERIFICATION_VALID_HOURS). */
  emailVerificationValidHours: number;
}

/** Queues a verification link for `email` (the account's address, or the one it changes to). */
async function sendVerificationLink(trx: Trx, policy: CredentialsPolicy, user: UserRow, email: string): Promise<void> {
  const token = newSecretToken();
  await insertLinkToken(trx, {
    tokenHash: hashSecretToken(token),
    purpose: 'verify_email',
    userId: user.id,
    email,
    validSeconds: policy.emailVerificationValidHours * 3600,
  });
  const mail = verifyEmailMail({
    publicUrl: policy.publicUrl,
    token,
    name: user.name,
    validHours: policy.emailVerificationValidHours,
    change: email !== user.email,
  });
  await enqueueMail(trx, { userId: user.id, recipient: email, ...mail });
}

/**
 * Creates an account (input validated), its first session and a verification link to its address.
 * @throws GraphQLError BAD_USER_INPUT on `input.email` when the address is registered.
 */
export async function signUpUser(
  db: Db,
  policy: CredentialsPolicy,
  user: { email: string; name: string; timeZone: string; password: string },
  client: ClientSeen,
  request: Omit<EventOrigin, 'actor'>,
): Promise<IssuedSession> {
  const passwordHash = await hashPassword(user.password);
  // The session starts after the account's own transaction, so that a retry under the same
  // Idempotency-Key, which gets the stored account back, still gets a session (and no secret is
  // ever stored with the key).
  const created = await createUser(db, { ...user, passwordHash }, request, async (trx, row) => {
    await sendVerificationLink(trx, policy, row, row.email);
  });
  return signInUser(db, policy, created, client);
}

/** Starts a session for a user whose password was checked. */
export function signInUser(
  db: Db,
  policy: CredentialsPolicy,
  user: UserRow,
  client: ClientSeen,
): Promise<IssuedSession> {
  return db.transaction().execute((trx) => startSession(trx, policy.session, user, client));
}

const wrongPassword = (field: string) =>
  badUserInput(field, "expected the account's current password, got a wrong one");

/**
 * Checks a user's password under the sign-in throttle (user.resolvers.ts: one rule for every
 * password check, so a stolen access token cannot be used to guess the password).
 * @returns whether the password is right; throws TOO_MANY_REQUESTS while backed off.
 */
export type PasswordCheck = (user: UserRow, password: string) => Promise<boolean>;

/** The answer to a valid token whose account no longer exists (deleted meanwhile). */
export const accountGone = () => unauthenticated('the account of this token no longer exists');

/**
 * The signed-in user's row once `password` (argument `field`) proved to be theirs: the one
 * rule of every mutation that asks for the current password (changePassword, changeEmail,
 * deleteAccount).
 * @throws GraphQLError BAD_USER_INPUT on `field` when it is wrong; TOO_MANY_REQUESTS while
 * throttled; UNAUTHENTICATED when the account is gone.
 */
export async function confirmPassword(db: Db, userId: string, password: string, check: PasswordCheck, field: string) {
  const [user] = await findUsersByIds(db, [userId]);
  if (!user) throw accountGone();
  if (!(await check(user, password))) throw wrongPassword(field);
  return user;
}

/**
 * Changes the password; every session of the user but `keepSessionId` ends.
 * @throws GraphQLError BAD_USER_INPUT on `currentPassword` when it is wrong, on `newPassword`
 * when it breaks the password rules; TOO_MANY_REQUESTS while wrong passwords are throttled;
 * UNAUTHENTICATED when the account is gone.
 */
export async function changePassword(
  db: Db,
  userId: string,
  passwords: { current: string; next: string },
  keepSessionId: string | undefined,
  check: PasswordCheck,
): Promise<void> {
  const user = await confirmPassword(db, userId, passwords.current, check, 'currentPassword');
  validatePassword('newPassword', passwords.next, user.email);
  const passwordHash = await hashPassword(passwords.next);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, userId, passwordHash);
    await revokeSessions(trx, { userId, exceptSessionId: keepSessionId, reason: 'password changed' });
  });
}

/**
 * Queues a reset link (30 minutes, single use) to the address if it has an account and no link
 * was sent to it within the window. Says nothing about which happened: the caller answers the
 * same in every case.
 * @returns whether a mail was queued (for logs only).
 */
export async function requestPasswordReset(db: Db, policy: CredentialsPolicy, rawEmail: string): Promise<boolean> {
  const found = await findUserByEmail(db, rawEmail.trim());
  if (!found) return false;
  return db.transaction().execute(async (trx) => {
    // The user row's lock serialises concurrent requests, so the window admits exactly one.
    const user = await lockUserById(trx, found.id);
    if (!user) return false;
    const recent = await linkIssuedWithin(trx, {
      userId: user.id,
      purpose: 'password_reset',
      windowSeconds: policy.passwordResetWindowSeconds,
    });
    if (recent) return false;
    const token = newSecretToken();
    await insertLinkToken(trx, {
      tokenHash: hashSecretToken(token),
      purpose: 'password_reset',
      userId: user.id,
      email: user.email,
      validSeconds: passwordResetValidSeconds,
    });
    const mail = passwordResetMail({
      publicUrl: policy.publicUrl,
      token,
      name: user.name,
      validMinutes: passwordResetValidSeconds / 60,
    });
    await enqueueMail(trx, { userId: user.id, recipient: user.email, ...mail });
    return true;
  });
}

const deadLink = (what: string) =>
  badUserInput('token', `expected the token of an unused ${what} link that has not expired`);

/**
 * Sets a new password with a reset link's token, ends every session of the user and starts a
 * new one. Following the link proves the mailbox, so the address counts as verified.
 * @throws GraphQLError BAD_USER_INPUT on `token` (unknown, used or expired) or `newPassword`.
 */
export async function resetPassword(
  db: Db,
  policy: CredentialsPolicy,
  input: { token: string; newPassword: string },
  client: ClientSeen,
): Promise<IssuedSession> {
  // Hashing (tens of ms) before the transaction keeps the locks short; the password rule
  // needs the address, so it is checked again below.
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const link = await lockLiveLinkToken(trx, hashSecretToken(input.token), 'password_reset');
    if (!link) throw deadLink('password reset');
    const user = await lockUserById(trx, link.user_id);
    if (!user) throw deadLink('password reset');
    validatePassword('newPassword', input.newPassword, user.email);
    await updatePasswordHash(trx, user.id, passwordHash);
    await spendLinkTokens(trx, user.id, 'password_reset');
    await revokeSessions(trx, { userId: user.id, reason: 'password reset' });
    const verified =
      link.email.toLowerCase() === user.email.toLowerCase()
        ? await changeUserIn(
            trx,
            user.id,
            { emailVerified: true },
            { actor: user.id, traceparent: null, correlationId: null },
          )
        : user;
    return startSession(trx, policy.session, verified, client);
  });
}

/**
 * Asks to change the address: queues a verification link to the new address (older pending
 * links of the user stop working); the change happens in `verifyEmail`.
 * @throws GraphQLError BAD_USER_INPUT on `password` when wrong, on `newEmail` when malformed,
 * unchanged or registered to another account; TOO_MANY_REQUESTS while wrong passwords are
 * throttled.
 */
export async function requestEmailChange(
  db: Db,
  policy: CredentialsPolicy,
  userId: string,
  input: { newEmail: string; password: string },
  check: PasswordCheck,
): Promise<void> {
  const newEmail = validateEmail('newEmail', input.newEmail);
  const current = await confirmPassword(db, userId, input.password, check, 'password');
  if (newEmail === current.email)
    throw badUserInput('newEmail', 'expected an address other than the account’s current one');
  const other = await findUserByEmail(db, newEmail);
  if (other && other.id !== userId)
    throw badUserInput('newEmail', 'expected an e-mail address without an account, got one that is already registered');
  await db.transaction().execute(async (trx) => {
    const user = await lockUserById(trx, userId);
    if (!user) throw notFound('User', userId);
    await spendLinkTokens(trx, userId, 'verify_email');
    await sendVerificationLink(trx, policy, user, newEmail);
  });
}

/**
 * Follows a verification link: marks the address verified, or (for an address change) makes
 * the new address the account's, emitting `user.updated`. Every pending verification link of
 * the user is spent, so an older link cannot change the address back.
 * @throws GraphQLError BAD_USER_INPUT on `token` when unknown, used or expired, or when its
 * address has meanwhile been registered by another account.
 */
export async function verifyEmail(db: Db, token: string, request: Omit<EventOrigin, 'actor'>): Promise<UserRow> {
  try {
    return await db.transaction().execute(async (trx) => {
      const link = await lockLiveLinkToken(trx, hashSecretToken(token), 'verify_email');
      if (!link) throw deadLink('verification');
      await spendLinkTokens(trx, link.user_id, 'verify_email');
      return changeUserIn(
        trx,
        link.user_id,
        { email: link.email, emailVerified: true },
        { ...request, actor: link.user_id },
      );
    });
  } catch (error) {
    if (error instanceof DuplicateEmailError)
      throw badUserInput('token', 'expected a link to an address without an account; it was registered meanwhile');
    throw error;
  }
}
