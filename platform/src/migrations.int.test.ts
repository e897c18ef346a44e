import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.js';
import { createDatabase } from './database.js';
import { migrateSchema, migrationsApplied, waitForMigrations } from './migrations.js';

const migrations = {
  '2026_01_01_000000_create_things': {
    up: async (db: Kysely<any>) => db.schema.createTable('things').addColumn('id', 'integer').execute(),
  },
};

describe('waitForMigrations (a worker waits for the schema owner)', () => {
  let db: Kysely<any>;
  beforeAll(async () => {
    db = createDatabase<any>({ url: await createTestDatabase('wait_migrations'), schema: 'public' });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('waits while the schema does not exist, resolves once the owner migrated it, and creates nothing itself', async () => {
    expect(await migrationsApplied(db, 'owned', Object.keys(migrations))).toBe(false);
    let resolved = false;
    const waiting = waitForMigrations(db, 'owned', Object.keys(migrations), { intervalMs: 50 }).then(() => {
      resolved = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(resolved).toBe(false);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_namespace where nspname = 'owned'`.execute(db);
    expect(rows[0]!.n).toBe(0);
    await migrateSchema(db, 'owned', migrations);
    await waiting;
    expect(resolved).toBe(true);
  });

  it('fails after its timeout naming the schema, when a migration it knows is missing', async () => {
    await expect(
      waitForMigrations(db, 'owned', [...Object.keys(migrations), '2026_02_01_000000_later'], {
        timeoutMs: 200,
        intervalMs: 50,
      }),
    ).rejects.toThrow(/schema owned is not migrated/);
  });
});
