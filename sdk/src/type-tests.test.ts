import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Type-level tests: the SDK's generated signatures accept what the API accepts and reject
// wrong inputs at compile time. tsc runs in-process on sdk/type-tests/ with the repo's
// compiler options (the root tsconfig excludes *.must-fail.ts).
const typeTests = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../type-tests');

function compile(file: string): { code: number; line: number; message: string }[] {
  const configPath = path.join(typeTests, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, typeTests);
  const program = ts.createProgram([path.join(typeTests, file)], parsed.options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    code: diagnostic.code,
    line: diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0,
    message: `${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
  }));
}

describe('SDK type-level tests', () => {
  it('valid.ts compiles', () => {
    expect(compile('valid.ts').map((d) => `TS${d.code} line ${d.line}: ${d.message}`)).toEqual([]);
  }, 60_000);

  it('invalid.must-fail.ts fails with exactly the announced errors', () => {
    const file = 'invalid.must-fail.ts';
    // `// expect TS2322` announces an error on the next line.
    const expected = readFileSync(path.join(typeTests, file), 'utf8')
      .split('\n')
      .flatMap((text, index) => {
        const match = /\/\/ expect TS(\d+)/.exec(text);
        return match ? [`TS${match[1]} line ${index + 2}`] : [];
      });
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const actual = compile(file).map((d) => `TS${d.code} line ${d.line}`);
    expect(actual.sort()).toEqual(expected.sort());
  }, 60_000);
});
