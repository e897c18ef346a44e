/**
 * `@taskwire/audit/migrate`: the audit schema's migrator. Only this package migrates schema
 * `audit` (its `migrate.ts` entry: the init container, `npm start`, the test stack); the
 * audit-writer waits for it instead.
 */
import type { Kysely } from 'kysely';
import { waitForMigrations } from '@taskwire/platform/migrations';
import { auditSchema } from './db/database.js';
import { auditMigrations } from './db/migrations.js';

export { migrateAudit } from './service.js';
export { auditMigrations };

/** Resolves once the audit schema has every migration this build knows (see `waitForMigrations`). */
export function waitForAuditSchema(db: Kysely<any>, options?: Parameters<typeof waitForMigrations>[3]): Promise<void> {
  return waitForMigrations(db, auditSchema, Object.keys(auditMigrations), options);
}
