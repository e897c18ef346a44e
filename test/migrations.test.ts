import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationNamePattern } from '@taskwire/platform/migrations';
import { accountsMigrations } from '@taskwire/accounts/migrate';
import { auditMigrations } from '@taskwire/audit/migrate';
import { planningMigrations } from '@taskwire/planning/migrate';
import { tasksMigrations } from '@taskwire/tasks/migrate';
import { notifierMigrations } from '@taskwire/consumers/notifier/db/database';

const root = path.resolve(import.meta.dirname, '..');
const lists: Record<string, { folder: string; migrations: Record<string, { up: unknown }> }> = {
  accounts: { folder: 'subgraphs/accounts/src/db/migrations', migrations: accountsMigrations },
  tasks: { folder: 'subgraphs/tasks/src/db/migrations', migrations: tasksMigrations },
  planning: { folder: 'subgraphs/planning/src/db/migrations', migrations: planningMigrations },
  audit: { folder: 'subgraphs/audit/src/db/migrations', migrations: auditMigrations },
  notifier: { folder: 'consumers/src/notifier/db/migrations', migrations: notifierMigrations },
};

describe('schema migrations', () => {
  for (const [schema, { folder: relative, migrations }] of Object.entries(lists)) {
    it(`${schema}: every file in ${relative} is listed once, named by the one pattern`, () => {
      const folder = path.join(root, relative);
      const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
      for (const file of files) expect(file).toMatch(migrationNamePattern);
      expect(Object.keys(migrations).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
      for (const migration of Object.values(migrations)) expect(typeof migration.up).toBe('function');
    });
  }
});
