import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesDir = path.join(repoRoot, 'test/fixtures/lint');
const boundaryRule = 'boundaries/dependencies';

/** A fixture file: its text, the path it is linted under, and (for violations) the expected message. */
interface Fixture {
  name: string;
  text: string;
  lintedAs: string;
  expect: string | undefined;
}

function readFixtures(kind: 'violations' | 'allowed'): Fixture[] {
  const dir = path.join(fixturesDir, kind);
  return readdirSync(dir).map((name) => {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const lintedAs = /^\/\/ Linted as (\S+)/.exec(text)?.[1];
    if (!lintedAs) throw new Error(`${kind}/${name}: the first line must be "// Linted as <path>"`);
    return { name, text, lintedAs, expect: /^\/\/ Expect: (.+)$/m.exec(text)?.[1] };
  });
}

/** 1-based numbers of the lines that import, re-export or dynamically import a module. */
function importLines(text: string): number[] {
  return text
    .split('\n')
    .flatMap((line, index) => (/^(import|export)\b.*\bfrom '|\bimport\('/.test(line) ? [index + 1] : []));
}

/**
 * The repository's own config, boundary rule only: the other rules are checked by `npm run lint`,
 * and type information is off because the linted paths are virtual (no file on disk, in no project).
 */
function boundaryLinter(): ESLint {
  return new ESLint({
    cwd: repoRoot,
    overrideConfigFile: path.join(repoRoot, 'eslint.config.js'),
    overrideConfig: { languageOptions: { parserOptions: { project: false, projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === boundaryRule,
  });
}

async function lintAs(eslint: ESLint, text: string, filePath: string) {
  const [result] = await eslint.lintText(text, { filePath: path.join(repoRoot, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message }));
}

// The first lint of a run loads the type-aware parser and the whole TypeScript program (seconds
// on a busy 2-core runner), so no case here is held to the default 5 s.
describe('import boundaries (eslint.config.js)', { timeout: 120_000 }, () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = boundaryLinter();
  });

  const violations = readFixtures('violations');
  it('has a violation fixture for every boundary', () => {
    expect(violations.map((fixture) => fixture.name).sort()).toEqual([
      'consumer-to-subgraph-internals-by-package.ts',
      'consumer-to-subgraph-internals-by-relative-path.ts',
      'dist-import.ts',
      'platform-to-services.ts',
      'relative-path-into-another-package.ts',
      'subgraph-to-subgraph.ts',
      'web-to-server-code.ts',
    ]);
  });

  it.each(violations)(
    'fails on violations/$name (linted as $lintedAs)',
    async ({ text, lintedAs, expect: expected }) => {
      const messages = await lintAs(eslint, text, lintedAs);
      expect(importLines(text).length).toBeGreaterThan(0);
      expect(messages.map((m) => m.line)).toEqual(importLines(text));
      for (const message of messages) {
        expect(message.ruleId).toBe(boundaryRule);
        expect(message.message).toContain(expected);
      }
    },
  );

  it.each(readFixtures('allowed'))('passes on allowed/$name (linted as $lintedAs)', async ({ text, lintedAs }) => {
    expect(importLines(text).length).toBeGreaterThan(0);
    expect(await lintAs(eslint, text, lintedAs)).toEqual([]);
  });

  it('lets a consumer import every named entry point of every subgraph, and nothing under a wildcard export', async () => {
    const subgraphs = readdirSync(path.join(repoRoot, 'subgraphs'));
    const entryImports = subgraphs.flatMap((name) => {
      const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'subgraphs', name, 'package.json'), 'utf8')) as {
        name: string;
        exports: Record<string, string>;
      };
      const named = Object.keys(manifest.exports).filter((key) => key !== '.' && !key.includes('*'));
      return [manifest.name, ...named.map((key) => `${manifest.name}/${key.slice(2)}`)];
    });
    expect(entryImports).toContain('@taskwire/tasks');
    const text = entryImports.map((specifier, i) => `import * as entry${i} from '${specifier}';`).join('\n');
    expect(await lintAs(eslint, text, 'consumers/src/fixture.ts')).toEqual([]);
  });

  it('finds no boundary violation in the repository itself', async () => {
    const results = await eslint.lintFiles(['.']);
    const found = results.flatMap((result) =>
      result.messages.map((m) => `${path.relative(repoRoot, result.filePath)}:${m.line} ${m.message}`),
    );
    expect(found).toEqual([]);
  }, 120_000);
});
