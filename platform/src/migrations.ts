import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Kysely, Migrator, sql } from 'kysely';

/** Migration files are named `YYYY_MM_DD_HHMMSS_what.ts` (one pattern; sorted by name). */
export const migrationNamePattern = /^\d{4}_\d{2}_\d{2}_\d{6}_[a-z0-9_]+\.ts$/;

/**
 * Creates the schema if needed and applies the folder's pending migrations, keeping the
 * migration bookkeeping inside that schema so each subgraph migrates only its own.
 * @throws Error naming the failed migration.
 */
export async function migrateSchema(db: Kysely<any>, schema: string, folder: string): Promise<string[]> {
  const files = await fs.readdir(folder);
  const bad = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !migrationNamePattern.test(f));
  if (bad.length > 0) throw new Error(`migration files must match ${migrationNamePattern}: ${bad.join(', ')}`);
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db: db.withSchema(schema) as Kysely<any>,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }),
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
