/**
 * `@taskwire/accounts/migrate`: the accounts schema's migrator. Only this package migrates
 * schema `accounts` (its `migrate.ts` entry: the init container, `npm start`, the test stack).
 */
import type { Kysely } from 'kysely';
import { waitForMigrations } from '@taskwire/platform/migrations';
import { accountsSchema } from './db/database.js';
import { accountsMigrations } from './db/migrations.js';

export { migrateAccounts } from './service.js';
export { accountsMigrations };

/** Resolves once the accounts schema has every migration this build knows (see `waitForMigrations`). */
export function waitForAccountsSchema(
  db: Kysely<any>,
  options?: Parameters<typeof waitForMigrations>[3],
): Promise<void> {
  return waitForMigrations(db, accountsSchema, Object.keys(accountsMigrations), options);
}
