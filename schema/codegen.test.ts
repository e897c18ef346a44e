import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('codegen', () => {
  it('generated files are up to date (run `npm run codegen`)', () => {
    // --check exits 1 when generating would change any file.
    const result = spawnSync(
      path.join(root, 'node_modules/.bin/graphql-codegen'),
      ['--config', 'codegen.yml', '--check'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 60_000);
});
