import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { knownOperationNames, operationLabel } from './operation-names.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Operation names in a codegen output file (its documents are JSON ASTs). */
function generatedOperationNames(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [
    ...text.matchAll(/"kind":"OperationDefinition","operation":"\w+","name":\{"kind":"Name","value":"(\w+)"/g),
  ].map((m) => m[1]!);
}

describe('known operation names', () => {
  it("are exactly the SDK's and the web app's operations", () => {
    const generated = new Set([
      ...generatedOperationNames('sdk/src/generated/graphql.ts'),
      ...generatedOperationNames('web/src/gql/graphql.ts'),
    ]);
    expect(generated.size).toBeGreaterThan(10);
    expect([...knownOperationNames].sort()).toEqual([...generated].sort());
  });

  it('label every other name as other', () => {
    expect(operationLabel('TaskList')).toBe('TaskList');
    expect(operationLabel('TaskList2')).toBe('other');
    expect(operationLabel('x'.repeat(10_000))).toBe('other');
    expect(operationLabel(null)).toBe('anonymous');
  });
});
