/**
 * `@taskwire/accounts/migrate`: the accounts schema's migrator. Only this package migrates
 * schema `accounts` (its `migrate.ts` entry: the init container, `npm start`, the test stack).
 */
export { migrateAccounts } from './service.js';
export { accountsMigrations } from './db/migrations.js';
