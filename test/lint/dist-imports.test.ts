import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every module specifier a source file names: static and dynamic imports, re-exports, require(). */
function moduleSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** A package's dist/ folder is its private build output (e.g. `@apollo/gateway/dist/...`). */
function isDistPath(specifier: string): boolean {
  return !specifier.startsWith('.') && specifier.split('/').includes('dist');
}

/** The repository's source files as git sees them (tracked or new, not ignored); the lint fixtures break rules on purpose. */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter((file) => /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(file) && !file.startsWith('test/fixtures/lint/'));
}

// Reads and scans every source file: seconds on a busy 2-core runner.
describe('No source file imports a dist/ path', { timeout: 60_000 }, () => {
  it('finds every kind of import of a dist/ path, and only those', () => {
    const text = [
      "import { a } from '@apollo/gateway/dist/operationContext.js';",
      "import type { B } from 'pkg/dist';",
      "export * from 'dist/index.js';",
      "const c = await import('graphql-ws/dist/server.js');",
      "const d = require('@scope/pkg/lib/dist/x.cjs');",
      "import { e } from '@apollo/gateway';",
      "import { f } from './dist/local.js';",
      "import { g } from 'distance/dist-tools';",
      "import { h } from 'node:path';",
    ].join('\n');
    expect(moduleSpecifiers(text).filter(isDistPath)).toEqual([
      '@apollo/gateway/dist/operationContext.js',
      'pkg/dist',
      'dist/index.js',
      'graphql-ws/dist/server.js',
      '@scope/pkg/lib/dist/x.cjs',
    ]);
  });

  it('holds for every source file in the repository', () => {
    const files = sourceFiles();
    expect(files).toContain('gateway/src/service.ts');
    const found = files.flatMap((file) =>
      moduleSpecifiers(readFileSync(path.join(repoRoot, file), 'utf8'))
        .filter(isDistPath)
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(found).toEqual([]);
  });
});
