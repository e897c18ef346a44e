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

/**
 * True when every migration in `names` is recorded as applied in `schema` (false while the
 * schema or its bookkeeping table does not exist yet).
 */
export async function migrationsApplied(db: Kysely<any>, schema: string, names: readonly string[]): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(`${schema}.kysely_migration`)}`.execute(
      db,
    );
    const applied = new Set(rows.map((r) => r.name));
    return names.every((name) => applied.has(name));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000') return false;
    throw error;
  }
}

/**
 * For a worker that uses another package's schema: waits until that schema's owner has
 * applied `names` (its migrator runs first: the owner's init container, `npm start`, the test
 * stack), instead of migrating a schema it does not own.
 * @throws Error after `timeoutMs` naming the schema.
 */
export async function waitForMigrations(
  db: Kysely<any>,
  schema: string,
  names: readonly string[],
  { timeoutMs = 120_000, intervalMs = 500 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await migrationsApplied(db, schema, names))) {
    if (Date.now() > deadline)
      throw new Error(`schema ${schema} is not migrated after ${timeoutMs} ms (its owner migrates it)`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
