import type { Kysely, Transaction } from 'kysely';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import type { EventOrigin } from '@taskwire/platform/events';
import { badUserInput, notFound } from '@taskwire/platform/errors';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { accountsSchema, type AccountsDatabase, type UserRow } from '../../db/database.js';
import { deleteMembershipsOf } from '../co-member/co-member.repository.js';
import { deleteMailsToAddressWithoutUser } from '../mail/mail.repository.js';
import { userChanges, userCreatedEvent, userDeletedEvent, userUpdatedEvent } from './user.events.js';
import {
  deleteUserOutboxRows,
  deleteUserRow,
  DuplicateEmailError,
  insertUser,
  lockUserById,
  updateUserRow,
} from './user.repository.js';
import { validateEmail } from './user.validation.js';

/*
 * The user's domain operations. Each changes `accounts.users` and writes its `user-events`
 * event into the outbox in one transaction: a projection never hears of a change that rolled
 * back, and never misses one that committed.
 */

type Db = Kysely<AccountsDatabase>;

const emailTaken = (field: string) =>
  badUserInput(field, 'expected an e-mail address without an account, got one that is already registered');

/** A replayed answer needs the profile, never the password hash: it is not kept beside the key. */
const withoutSecrets = { storedAs: (row: UserRow): UserRow => ({ ...row, password_hash: '' }) };

/**
 * Creates a user (input already validated) and emits `user.created`; the new user is its actor.
 * `then` runs in the same transaction (the verification mail). Under an Idempotency-Key the new
 * row is stored with the key (without its password hash) and a retry gets it back unchanged.
 * @throws GraphQLError BAD_USER_INPUT on `input.email` when the e-mail is registered in any case.
 */
export async function createUser(
  db: Db,
  user: { email: string; name: string; timeZone: string; passwordHash: string },
  request: Omit<EventOrigin, 'actor'>,
  then: (trx: Transaction<AccountsDatabase>, created: UserRow) => Promise<void>,
): Promise<UserRow> {
  try {
    return await mutationTransaction(
      db,
      async (trx) => {
        const created = await insertUser(trx, user);
        await enqueueEvents(trx, accountsSchema, [userCreatedEvent(created, { ...request, actor: created.id })]);
        await then(trx, created);
        return created;
      },
      withoutSecrets,
    );
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw emailTaken('input.email');
    throw error;
  }
}

/**
 * `changeUser` inside the caller's transaction.
 * @throws GraphQLError NOT_FOUND when the user does not exist; DuplicateEmailError when a new
 * e-mail belongs to another account.
 */
export async function changeUserIn(
  trx: Transaction<AccountsDatabase>,
  userId: string,
  changes: { email?: string; name?: string; timeZone?: string; emailVerified?: true },
  origin: EventOrigin,
): Promise<UserRow> {
  const before = await lockUserById(trx, userId);
  if (!before) throw notFound('User', userId);
  const intended: UserRow = {
    ...before,
    email: changes.email ?? before.email,
    name: changes.name ?? before.name,
    time_zone: changes.timeZone ?? before.time_zone,
    email_verified: changes.emailVerified ?? before.email_verified,
  };
  // Nothing really changes: leave the row (and updated_at) alone and tell no one.
  if (userChanges(before, intended).length === 0) return before;
  const after = (await updateUserRow(trx, userId, changes))!;
  await enqueueEvents(trx, accountsSchema, [userUpdatedEvent(before, after, origin)!]);
  return after;
}

/**
 * Applies validated changes to a user; emits `user.updated` naming only the fields whose value
 * really changed (setting the same name twice emits nothing).
 * @throws GraphQLError NOT_FOUND when the user does not exist; BAD_USER_INPUT on `emailField`
 * when a new e-mail belongs to another account.
 */
async function changeUser(
  db: Db,
  userId: string,
  changes: { email?: string; name?: string; timeZone?: string },
  origin: EventOrigin,
  emailField: string,
): Promise<UserRow> {
  try {
    return await mutationTransaction(db, (trx) => changeUserIn(trx, userId, changes, origin), withoutSecrets);
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw emailTaken(emailField);
    throw error;
  }
}

/** Name and time zone (validated by the caller); see `changeUser`. */
export function updateUserProfile(
  db: Db,
  userId: string,
  changes: { name?: string; timeZone?: string },
  origin: EventOrigin,
): Promise<UserRow> {
  return changeUser(db, userId, changes, origin, 'input.email');
}

/**
 * Changes a user's e-mail address and emits `user.updated` with an `email` change, without
 * verification (workers and tests; the API changes an address through `changeEmail` and its
 * verification link, credentials.service.ts).
 * @throws GraphQLError BAD_USER_INPUT on `email` for a malformed or already registered address,
 * NOT_FOUND for an unknown user.
 */
export async function changeUserEmail(db: Db, userId: string, email: string, origin: EventOrigin): Promise<UserRow> {
  return changeUser(db, userId, { email: validateEmail('email', email) }, origin, 'email');
}

/**
 * Deletes a user (their sign-in failures, earlier outbox rows, the invitation mails to their
 * address queued before it had an account with them and their rows in the membership
 * projection; tables that reference the user cascade) and emits `user.deleted` with the state before deletion: every other owner erases the user's
 * rows on it (docs/architecture.md "Account deletion").
 * @returns the deleted row, or null when there was no such user (nothing emitted).
 */
export async function deleteUser(db: Db, userId: string, origin: EventOrigin): Promise<UserRow | null> {
  return mutationTransaction(db, async (trx) => {
    const deleted = await deleteUserRow(trx, userId);
    if (!deleted) return null;
    await deleteUserOutboxRows(trx, userId);
    await deleteMailsToAddressWithoutUser(trx, deleted.email);
    await deleteMembershipsOf(trx, userId);
    await enqueueEvents(trx, accountsSchema, [userDeletedEvent(deleted, origin)]);
    return deleted;
  });
}
