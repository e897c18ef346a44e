import { sql, Migrator, type Kysely, type Migration } from 'kysely';
import * as createPlanning from './migrations/2026_11_28_190000_create_planning.js';
import * as firingFiredBy from './migrations/2026_11_28_200000_firing_fired_by.js';

/**
 * The migrations of schema `planning`, imported statically: Kysely's FileMigrationProvider
 * `import()`s `.ts` files, which fails under vitest; a static list works under tsx and vitest.
 * Names follow `YYYY_MM_DD_HHMMSS_what` like the files.
 */
export const planningMigrations: Record<string, Migration> = {
  '2026_11_28_190000_create_planning': createPlanning,
  '2026_11_28_200000_firing_fired_by': firingFiredBy,
};

/**
 * Creates the schema if needed and applies pending migrations (Kysely's migrator holds an
 * advisory lock, so replicas starting together apply each migration once).
 * @throws Error naming the failed migration.
 */
export async function applyPlanningMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating the schema at once: the loser sees a unique violation.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
  const migrator = new Migrator({
    db: db.withSchema(schema) as Kysely<any>,
    provider: { getMigrations: async () => planningMigrations },
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
