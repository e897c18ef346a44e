import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publicErrorCodes } from './errors.js';

/** docs/api.md is the contract of the error codes; this keeps it complete. */
const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const errorsSection = doc.split(/^## /m).find((s) => s.startsWith('Errors'))!;

/** Every code a client can receive: the ones passed through unmasked, and the masked fault. */
const codes = [...publicErrorCodes, 'INTERNAL_SERVER_ERROR'].sort();

/** Code → HTTP status column of the table in "## Errors". */
function tableRows(): Map<string, string> {
  const rows = errorsSection.split('\n').filter((line) => /^\| `[A-Z_]+`/.test(line));
  return new Map(rows.map((row) => [/`([A-Z_]+)`/.exec(row)![1]!, row.split('|')[2]!.trim()]));
}

/** Code → the JSON of its example (the fenced block after the line that starts with the code). */
function examples(): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of errorsSection.matchAll(/^`([A-Z_]+)` — [^\n]*\n\n```json\n([\s\S]*?)```/gm)) {
    found.set(match[1]!, match[2]!);
  }
  return found;
}

describe('docs/api.md error codes', () => {
  it('lists every code the API returns, with its HTTP status, and no other', () => {
    const rows = tableRows();
    expect([...rows.keys()].sort()).toEqual(codes);
    for (const code of codes) expect(rows.get(code), code).toMatch(/\b[1-5]\d\d\b/);
  });

  it('shows an example response of every code (BAD_USER_INPUT: the example above the list)', () => {
    const shown = examples();
    for (const code of codes.filter((c) => c !== 'BAD_USER_INPUT')) {
      const json = shown.get(code);
      expect(json, `example of ${code}`).toBeDefined();
      const body = JSON.parse(json!) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe(code);
    }
    expect(errorsSection).toContain('"code": "BAD_USER_INPUT"');
  });
});
