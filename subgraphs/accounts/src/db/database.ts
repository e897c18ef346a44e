import type { Generated, Selectable } from 'kysely';
import { createDatabase } from '@taskwire/platform/database';
import type { IdempotencyKeysTable } from '@taskwire/platform/idempotency.repository';
import type { OutboxTable } from '@taskwire/platform/outbox';

export const accountsSchema = 'accounts';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  time_zone: string;
  password_hash: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  /** lower(email) of the attempted account (also for unknown e-mails). */
  account_key: string;
  client_address: string;
  failed_at: Generated<Date>;
}

export interface AccountsDatabase {
  users: UsersTable;
  sign_in_failures: SignInFailuresTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type UserRow = Selectable<UsersTable>;

export function createAccountsDatabase(url: string) {
  return createDatabase<AccountsDatabase>({ url, schema: accountsSchema, applicationName: 'accounts' });
}
