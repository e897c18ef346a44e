/**
 * No source file outside a schema's owner names that schema in SQL: every other package learns
 * about the owner's data from its events (projections) or its public functions. Test files are
 * scanned too: a test that seeds or reads another schema's tables bypasses the owner's events,
 * which is exactly the coupling this rule removes (the notifier's tests once wrote into three
 * foreign schemas).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Each PostgreSQL schema and the folder of the one package that owns (migrates, reads, writes) it. */
const owners: Record<string, string> = {
  accounts: 'subgraphs/accounts/',
  tasks: 'subgraphs/tasks/',
  planning: 'subgraphs/planning/',
  audit: 'subgraphs/audit/',
  notifier: 'consumers/src/notifier/',
};

const sourceExtensions = /\.(ts|tsx|mts|cts|js|mjs|cjs|sql)$/;
const skippedFolders = new Set(['node_modules', 'dist', 'build', '.git', '.taskwire', 'coverage', 'generated']);

/** Ways SQL names a schema: `<keyword> schema.table` (quotes allowed), `withSchema('schema')`, a search_path. */
function schemaReferences(schema: string): RegExp[] {
  const name = `"?${schema}"?`;
  const keywords = ['from', 'join', 'into', 'update', 'table', 'references', 'truncate', 'on', 'lock'].join('|');
  return [
    new RegExp(`\\b(?:${keywords})\\s+(?:only\\s+)?${name}\\.["a-z_]`, 'i'),
    new RegExp(`withSchema\\(\\s*['"\`]${schema}['"\`]`),
    new RegExp(`search_path\\s*=\\s*['"]?${schema}\\b`, 'i'),
  ];
}

/** Schemas `text` names in SQL. */
export function schemasNamedIn(text: string): string[] {
  return Object.keys(owners).filter((schema) => schemaReferences(schema).some((re) => re.test(text)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return skippedFolders.has(entry.name) ? [] : sourceFiles(path.join(dir, entry.name));
    return sourceExtensions.test(entry.name) ? [path.join(dir, entry.name)] : [];
  });
}

describe('schema ownership', () => {
  it('recognises the ways SQL names a schema (so the scan below can fail)', () => {
    const q = (s: string) => s.replace('@', '.');
    expect(schemasNamedIn(q('select email from accounts@users where id = $1'))).toEqual(['accounts']);
    expect(schemasNamedIn(q('insert into "planning"@"reminder_firing" (id) values (1)'))).toEqual(['planning']);
    expect(schemasNamedIn(q('select 1 from x join tasks@tasks t on t.id = x.id'))).toEqual(['tasks']);
    expect(schemasNamedIn(q('create index i on audit@audit_entries (user_id)'))).toEqual(['audit']);
    // Joined at run time so this file's own text does not name the schemas.
    expect(schemasNamedIn(['db.withSchema(', "'notifier').selectFrom('recipient')"].join(''))).toEqual(['notifier']);
    expect(schemasNamedIn(['-c search_path', '=accounts,public'].join(''))).toEqual(['accounts']);
    // JavaScript property paths and prose are not SQL.
    expect(schemasNamedIn('res.data.tasks.edges; the accounts service; audit.entries.length')).toEqual([]);
  });

  it('no source file outside its owner names a schema in SQL', () => {
    const offences = sourceFiles(root).flatMap((file) => {
      const relative = path.relative(root, file).split(path.sep).join('/');
      return schemasNamedIn(readFileSync(file, 'utf8'))
        .filter((schema) => !relative.startsWith(owners[schema]!))
        .map((schema) => `${relative} names schema ${schema} (owned by ${owners[schema]})`);
    });
    expect(offences).toEqual([]);
  });
});
