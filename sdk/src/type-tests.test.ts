import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Type-level tests: the SDK's generated signatures accept what the API accepts and reject
// wrong inputs at compile time. tsc runs in-process on sdk/type-tests/ with the repo's
// compiler options (the root tsconfig excludes *.must-fail.ts).
const typeTests = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../type-tests');

const validFile = path.join(typeTests, 'valid.ts');
const invalidFile = path.join(typeTests, 'invalid.must-fail.ts');

interface Diagnostic {
  file: string;
  code: number;
  line: number;
  message: string;
}

let diagnostics: Diagnostic[] | undefined;

/** One program for both files (half the time of two): diagnostics are told apart by file. */
function compileBoth(): Diagnostic[] {
  if (diagnostics) return diagnostics;
  const configPath = path.join(typeTests, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, typeTests);
  const program = ts.createProgram([validFile, invalidFile], parsed.options);
  diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    file: diagnostic.file ? path.resolve(diagnostic.file.fileName) : '',
    code: diagnostic.code,
    line:
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
        : 0,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  }));
  return diagnostics;
}

describe('SDK type-level tests', () => {
  it('valid.ts compiles', () => {
    // Everything but the must-fail file: valid.ts and the SDK sources it pulls in.
    const errors = compileBoth().filter((d) => d.file !== invalidFile);
    expect(errors.map((d) => `${d.file}:${d.line} TS${d.code}: ${d.message}`)).toEqual([]);
  }, 60_000);

  it('invalid.must-fail.ts fails with exactly the announced errors', () => {
    // `// expect TS2322` announces an error on the next line.
    const expected = readFileSync(invalidFile, 'utf8')
      .split('\n')
      .flatMap((text, index) => {
        const match = /\/\/ expect TS(\d+)/.exec(text);
        return match ? [`TS${match[1]} line ${index + 2}`] : [];
      });
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const actual = compileBoth()
      .filter((d) => d.file === invalidFile)
      .map((d) => `TS${d.code} line ${d.line}`);
    expect(actual.sort()).toEqual(expected.sort());
  }, 60_000);
});
