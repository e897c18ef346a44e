import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/**
 * Migration names follow `YYYY_MM_DD_HHMMSS_what` (files: the same name + `.ts`); Kysely
 * applies them in name order.
 */
export const migrationNamePattern = /^\d{4}_\d{2}_\d{2}_\d{6}_[a-z0-9_]+\.ts$/;

/**
 * Creates the schema if needed and applies pending migrations, keeping Kysely's bookkeeping
 * inside that schema so each subgraph migrates only its own.
 *
 * Migrations are passed as a static map (name → module) rather than loaded from a folder:
 * Kysely's FileMigrationProvider `import()`s `.ts` files itself, which works under tsx but not
 * under vitest. `test/migrations.test.ts` checks every map against its folder.
 * @throws Error naming the failed migration, or a name that breaks the pattern.
 */
export async function migrateSchema(
  db: Kysely<any>,
  schema: string,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const badNames = Object.keys(migrations).filter((name) => !migrationNamePattern.test(`${name}.ts`));
  if (badNames.length > 0)
    throw new Error(`migration names must match ${migrationNamePattern}: ${badNames.join(', ')}`);
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating the schema at once: the loser sees a unique violation.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
  const migrator = new Migrator({
    db: db.withSchema(schema),
    provider: { getMigrations: async () => migrations },
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
