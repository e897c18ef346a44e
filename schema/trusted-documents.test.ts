import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  currentTrustedDocuments,
  documentId,
  mergeTrustedDocuments,
  readTrustedDocuments,
  type TrustedDocumentsManifest,
} from './trusted-documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = 'schema/trusted-documents.json';
const committed = readTrustedDocuments();
const ids = new Set(committed.operations.map((operation) => operation.id));

/** The manifest as a commit holds it, or undefined where git or the file is not there (a shallow clone). */
function manifestAt(revision: string): TrustedDocumentsManifest | undefined {
  const result = spawnSync('git', ['show', `${revision}:${manifestPath}`], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? (JSON.parse(result.stdout) as TrustedDocumentsManifest) : undefined;
}

describe('schema/trusted-documents.json', () => {
  it('holds every operation the web app and the SDK send now (run `npm run codegen`)', () => {
    const missing = currentTrustedDocuments().filter((document) => !ids.has(document.id));
    expect(missing.map((document) => document.name)).toEqual([]);
  });

  it('keeps every id of the committed manifest and of its previous version: it only grows', () => {
    const previous = ['HEAD', 'HEAD~1'].map(manifestAt).filter((manifest) => manifest !== undefined);
    // In a full checkout at least HEAD has it (once committed); a shallow one may lack HEAD~1.
    for (const manifest of previous) {
      const dropped = manifest.operations.filter((operation) => !ids.has(operation.id));
      expect(dropped.map((operation) => `${operation.name} ${operation.id}`)).toEqual([]);
    }
  });

  it('names each document by the SHA-256 of its text, once', () => {
    for (const operation of committed.operations) expect(documentId(operation.body)).toBe(operation.id);
    expect(ids.size).toBe(committed.operations.length);
    expect(committed.format).toBe('apollo-persisted-query-manifest');
  });
});

describe('mergeTrustedDocuments', () => {
  const doc = (name: string, body: string) => ({ id: documentId(body), name, type: 'query' as const, body });

  it('never drops a previous document, and adds the current ones once', () => {
    const old = doc('Old', 'query Old { me { id } }');
    const kept = doc('Kept', 'query Kept { tags { id } }');
    const added = doc('Added', 'query Added { tags { name } }');
    const merged = mergeTrustedDocuments([old, kept], [kept, added]);
    expect(merged.operations.map((operation) => operation.name)).toEqual(['Added', 'Kept', 'Old']);
  });
});
