import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { subgraphs } from '../../schema/compose.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesDir = path.join(repoRoot, 'test/fixtures/lint/schema');

/** The repository's own config; the schema files are linted under schema/ like the real ones. */
function linter(): ESLint {
  return new ESLint({ cwd: repoRoot, overrideConfigFile: path.join(repoRoot, 'eslint.config.js') });
}

async function lintAs(eslint: ESLint, text: string, filePath: string) {
  const [result] = await eslint.lintText(text, { filePath: path.join(repoRoot, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message }));
}

/**
 * 1-based numbers of the lines that name the definition after each `# <marker>:` comment line
 * (the next line, or the one after it when the next one is the definition's description).
 */
function markedLines(text: string, marker: string): number[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    if (!line.trim().startsWith(`# ${marker}:`)) return [];
    return [/^\s*"/.test(lines[index + 1]!) ? index + 3 : index + 2];
  });
}

describe('schema linter (eslint.config.js, @graphql-eslint)', { timeout: 120_000 }, () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = linter();
  });

  it.each(subgraphs.map((s) => s.name))(
    'passes on schema/%s.graphql: every type, field, argument, enum value and root field is described',
    async (name) => {
      const file = `schema/${name}.graphql`;
      const results = await eslint.lintFiles([path.join(repoRoot, file)]);
      expect(results).toHaveLength(1);
      const rules = results[0]!.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`);
      expect(rules).toEqual([]);
    },
    120_000,
  );

  it('fails on a definition of each kind without a description', async () => {
    const text = readFileSync(path.join(fixturesDir, 'missing-descriptions.graphql'), 'utf8');
    const messages = await lintAs(eslint, text, 'schema/missing-descriptions.graphql');
    expect(markedLines(text, 'undescribed')).toHaveLength(6);
    expect(messages.map((m) => m.line).sort((a, b) => a - b)).toEqual(markedLines(text, 'undescribed'));
    for (const message of messages) expect(message.ruleId).toBe('@graphql-eslint/require-description');
  }, 120_000);

  it('fails on names that break the naming conventions', async () => {
    const text = readFileSync(path.join(fixturesDir, 'bad-names.graphql'), 'utf8');
    const messages = await lintAs(eslint, text, 'schema/bad-names.graphql');
    expect([...new Set(messages.map((m) => m.line))].sort((a, b) => a - b)).toEqual(markedLines(text, 'misnamed'));
    for (const message of messages) expect(message.ruleId).toBe('@graphql-eslint/naming-convention');
  }, 120_000);
});
