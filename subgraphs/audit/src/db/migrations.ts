import { sql, Migrator, type Kysely, type Migration } from 'kysely';
import { migrationNamePattern } from '@taskwire/platform/migrations';
import * as createAuditEntries from './migrations/2026_11_28_183000_create_audit_entries.js';

/**
 * The migrations of schema `audit`, imported statically: platform's `migrateSchema` loads
 * files through Kysely's FileMigrationProvider, whose `import()` of a `.ts` file fails under
 * vitest (Kysely is not transformed there). `db/migrations.test.ts` checks this list
 * against the folder. Names follow `YYYY_MM_DD_HHMMSS_what` like the files.
 */
export const auditMigrations: Record<string, Migration> = {
  '2026_11_28_183000_create_audit_entries': createAuditEntries,
};

/** Creates the schema if needed and applies pending migrations, bookkeeping inside the schema. */
export async function applyAuditMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  for (const name of Object.keys(auditMigrations)) {
    if (!migrationNamePattern.test(`${name}.ts`)) throw new Error(`migration name ${name} does not match ${migrationNamePattern}`);
  }
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db: db.withSchema(schema) as Kysely<any>,
    provider: { getMigrations: async () => auditMigrations },
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '?'} of schema ${schema} failed: ${cause}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
