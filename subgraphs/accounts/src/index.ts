/**
 * `@taskwire/accounts`: what other packages may use of the accounts domain. Nothing yet: users
 * reach other services as `user-events` (schema/EVENTS.md). The service is
 * `@taskwire/accounts/server`, the migrator `@taskwire/accounts/migrate`.
 */
export { accountsSchema } from './db/database.js';
