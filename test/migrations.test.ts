import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationNamePattern } from '../platform/src/migrations.js';
import { accountsMigrations } from '../subgraphs/accounts/src/db/migrations.js';
import { auditMigrations } from '../subgraphs/audit/src/db/migrations.js';
import { planningMigrations } from '../subgraphs/planning/src/db/migrations.js';
import { tasksMigrations } from '../subgraphs/tasks/src/db/migrations.js';

const root = path.resolve(import.meta.dirname, '..');
const lists = { accounts: accountsMigrations, tasks: tasksMigrations, planning: planningMigrations, audit: auditMigrations };

describe('subgraph migrations', () => {
  for (const [subgraph, migrations] of Object.entries(lists)) {
    it(`${subgraph}: every file in db/migrations/ is listed once, named by the one pattern`, () => {
      const folder = path.join(root, 'subgraphs', subgraph, 'src', 'db', 'migrations');
      const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
      for (const file of files) expect(file).toMatch(migrationNamePattern);
      expect(Object.keys(migrations).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
      for (const migration of Object.values(migrations)) expect(typeof migration.up).toBe('function');
    });
  }
});
