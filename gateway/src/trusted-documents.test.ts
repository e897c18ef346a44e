import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTrustedDocuments,
  readTrustedDocumentsManifest,
  requestedDocumentId,
  type RawGraphQLRequest,
} from './trusted-documents.js';

const body = 'query Tags {\n  tags {\n    id\n    name\n  }\n}';
const id = createHash('sha256').update(body).digest('hex');
const unknownId = 'f'.repeat(64);
const documents = new Map([[id, body]]);
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const post = (json: unknown): RawGraphQLRequest => ({ method: 'POST', search: '', body: json });
const get = (params: Record<string, string>): RawGraphQLRequest => ({
  method: 'GET',
  search: `?${new URLSearchParams(params).toString()}`,
  body: undefined,
});

describe('requestedDocumentId', () => {
  it('reads documentId (sha256: prefix or bare) and Apollo persistedQuery hashes, lower-cased', () => {
    expect(requestedDocumentId({ documentId: `sha256:${id.toUpperCase()}` })).toBe(id);
    expect(requestedDocumentId({ documentId: id })).toBe(id);
    expect(requestedDocumentId({ extensions: persisted(id) })).toBe(id);
    expect(requestedDocumentId({ extensions: { other: 1 } })).toBeUndefined();
  });
});

describe('createTrustedDocuments', () => {
  it('off: passes every request through untouched (automatic persisted queries answer hashes)', () => {
    const trusted = createTrustedDocuments('off', documents);
    const request = post({ extensions: persisted(id) });
    expect(trusted.resolve(request)).toBe(request);
    expect(trusted.accepts('{ __typename }')).toBe(true);
  });

  for (const mode of ['allow', 'enforce'] as const) {
    it(`${mode}: replaces a known id (POST, either convention) by its document and drops the id`, () => {
      const trusted = createTrustedDocuments(mode, documents);
      expect(trusted.resolve(post({ operationName: 'Tags', variables: {}, extensions: persisted(id) }))).toEqual(
        post({ operationName: 'Tags', variables: {}, query: body }),
      );
      expect(trusted.resolve(post({ documentId: `sha256:${id}`, extensions: { trace: true } }))).toEqual(
        post({ query: body, extensions: { trace: true } }),
      );
    });

    it(`${mode}: resolves a GET's documentId or extensions into its query string`, () => {
      const trusted = createTrustedDocuments(mode, documents);
      const resolved = trusted.resolve(
        get({ operationName: 'Tags', extensions: JSON.stringify(persisted(id)), variables: '{}' }),
      ) as RawGraphQLRequest;
      const search = new URLSearchParams(resolved.search);
      expect(search.get('query')).toBe(body);
      expect(search.has('extensions')).toBe(false);
      expect(search.get('operationName')).toBe('Tags');
      const byDocumentId = trusted.resolve(get({ documentId: `sha256:${id}` })) as RawGraphQLRequest;
      expect(new URLSearchParams(byDocumentId.search).get('query')).toBe(body);
    });

    it(`${mode}: uses the trusted text even when the client also sent one`, () => {
      const trusted = createTrustedDocuments(mode, documents);
      expect(trusted.resolve(post({ query: '{ me { id } }', extensions: persisted(id) }))).toEqual(
        post({ query: body }),
      );
    });

    it(`${mode}: refuses an unknown documentId with PERSISTED_QUERY_NOT_FOUND`, () => {
      const refused = createTrustedDocuments(mode, documents).resolve(post({ documentId: `sha256:${unknownId}` }));
      expect(refused).toEqual({
        refusal: expect.objectContaining({ status: 400, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }),
      });
    });
  }

  it('allow: accepts any other document, and leaves unknown Apollo hashes to automatic persisted queries', () => {
    const trusted = createTrustedDocuments('allow', documents);
    const freeform = post({ query: '{ me { id } }' });
    expect(trusted.resolve(freeform)).toBe(freeform);
    const apq = post({ query: '{ me { id } }', extensions: persisted(unknownId) });
    expect(trusted.resolve(apq)).toBe(apq);
    expect(trusted.accepts('subscription { reminderDue { firedAt } }')).toBe(true);
  });

  it('enforce: refuses a document without an id, an unknown hash, and an unknown hash with a document', () => {
    const trusted = createTrustedDocuments('enforce', documents);
    const code = (request: RawGraphQLRequest) => {
      const resolved = trusted.resolve(request);
      return 'refusal' in resolved ? [resolved.refusal.status, resolved.refusal.extensions.code] : 'accepted';
    };
    expect(code(post({ query: '{ me { id } }' }))).toEqual([400, 'PERSISTED_QUERY_ID_REQUIRED']);
    expect(code(get({ query: '{ me { id } }' }))).toEqual([400, 'PERSISTED_QUERY_ID_REQUIRED']);
    expect(code(post({ extensions: persisted(unknownId) }))).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(code(post({ query: '{ me { id } }', extensions: persisted(unknownId) }))).toEqual([
      400,
      'PERSISTED_QUERY_NOT_IN_LIST',
    ]);
    expect(trusted.accepts(body)).toBe(true);
    expect(trusted.accepts('{ me { id } }')).toBe(false);
  });
});

describe('readTrustedDocumentsManifest', () => {
  it('reads an Apollo persisted query manifest and refuses anything else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trusted-documents-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id, name: 'Tags', type: 'query', body }],
      }),
    );
    expect(readTrustedDocumentsManifest(good)).toEqual(documents);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ [id]: body }));
    expect(() => readTrustedDocumentsManifest(bad)).toThrow(/apollo-persisted-query-manifest/);
  });
});
