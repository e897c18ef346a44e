import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { migrationNamePattern } from '@taskwire/platform/migrations';
import { auditMigrations } from './migrations.js';

it('lists every migration file of the folder, each named by the pattern', () => {
  const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
  const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const f of files) expect(f).toMatch(migrationNamePattern);
  expect(Object.keys(auditMigrations).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
});
