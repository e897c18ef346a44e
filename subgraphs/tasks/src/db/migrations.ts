import { sql, Migrator, type Kysely, type Migration } from 'kysely';
import * as createTasks from './migrations/2026_11_28_180000_create_tasks.js';
import * as searchPerUser from './migrations/2026_11_28_190000_search_per_user.js';

/**
 * The migrations of schema `tasks`, imported statically: Kysely's FileMigrationProvider
 * `import()`s `.ts` files natively, which fails under vitest; a static list works under tsx
 * and vitest alike. Names follow `YYYY_MM_DD_HHMMSS_what` like the files.
 */
export const tasksMigrations: Record<string, Migration> = {
  '2026_11_28_180000_create_tasks': createTasks,
  '2026_11_28_190000_search_per_user': searchPerUser,
};

/** Creates the schema if needed and applies pending migrations, bookkeeping inside the schema. */
export async function applyTasksMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db: db.withSchema(schema) as Kysely<any>,
    provider: { getMigrations: async () => tasksMigrations },
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
