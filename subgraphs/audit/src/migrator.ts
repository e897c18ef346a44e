/**
 * `@taskwire/audit/migrate`: the audit schema's migrator. Only this package migrates schema
 * `audit` (its `migrate.ts` entry: the init container, `npm start`, the test stack). The
 * audit-writer never migrates it; it connects as the writer role the migration creates.
 */
export { migrateAudit } from './service.js';
export { auditMigrations } from './db/migrations.js';
