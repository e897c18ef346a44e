import type { Kysely, Migration } from 'kysely';
import { migrateSchema } from '@taskwire/platform/migrations';
import * as createAuditEntries from './migrations/2026_11_28_183000_create_audit_entries.js';
import * as erasedUser from './migrations/2026_12_02_120000_erased_user.js';
import * as projectAccess from './migrations/2026_12_12_100000_project_access.js';

/**
 * The migrations of schema `audit`, imported statically: platform's `migrateSchema` loads
 * files through Kysely's FileMigrationProvider, whose `import()` of a `.ts` file fails under
 * vitest (Kysely is not transformed there). `db/migrations.test.ts` checks this list
 * against the folder. Names follow `YYYY_MM_DD_HHMMSS_what` like the files.
 */
export const auditMigrations: Record<string, Migration> = {
  '2026_11_28_183000_create_audit_entries': createAuditEntries,
  '2026_12_02_120000_erased_user': erasedUser,
  '2026_12_12_100000_project_access': projectAccess,
};

/** Applies pending migrations of this subgraph's schema (see platform `migrateSchema`). */
export async function applyAuditMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  return migrateSchema(db, schema, auditMigrations);
}
