import { readFileSync } from 'node:fs';

/**
 * `TRUSTED_DOCUMENTS` (docs/operations.md "Trusted documents"):
 * - `off`: any document, as before; ids are only Apollo Server's automatic persisted queries;
 * - `allow`: ids in schema/trusted-documents.json are resolved, any other document is accepted;
 * - `enforce`: only ids in the manifest are accepted (automatic persisted queries are off).
 */
export const trustedDocumentsModes = ['off', 'allow', 'enforce'] as const;
export type TrustedDocumentsMode = (typeof trustedDocumentsModes)[number];

/** The codes Apollo Router gives the same refusals (docs/api.md "Trusted documents"). */
export type TrustedDocumentsCode =
  'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'PERSISTED_QUERY_ID_REQUIRED';

export interface TrustedDocumentsRefusal {
  status: number;
  message: string;
  extensions: { code: TrustedDocumentsCode };
}

/** A GraphQL request as it arrived: the method, the URL's query string and the parsed JSON body. */
export interface RawGraphQLRequest {
  method: string;
  search: string;
  body: unknown;
}

export interface TrustedDocuments {
  readonly mode: TrustedDocumentsMode;
  /** Number of documents in the manifest (0 when off). */
  readonly size: number;
  /**
   * The request with a known id replaced by its document (so every later check, cost and depth
   * included, sees the trusted text), unchanged when it needs no resolving, or a refusal.
   */
  resolve(request: RawGraphQLRequest): RawGraphQLRequest | { refusal: TrustedDocumentsRefusal };
  /** True when `query` may run as sent (graphql-ws: full documents only). */
  accepts(query: string): boolean;
}

interface ManifestFile {
  format?: unknown;
  operations?: Array<{ id?: unknown; body?: unknown }>;
}

/** Id → document text of a manifest in Apollo's persisted query manifest format. */
export function readTrustedDocumentsManifest(file: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ManifestFile;
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`${file}: expected an apollo-persisted-query-manifest with an operations array`);
  }
  const documents = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (typeof operation.id !== 'string' || typeof operation.body !== 'string') {
      throw new Error(`${file}: every operation needs a string id and body`);
    }
    documents.set(operation.id.toLowerCase(), operation.body);
  }
  return documents;
}

const sha256Prefix = 'sha256:';

/**
 * The id a request names: `documentId` (the GraphQL-over-HTTP persisted documents convention,
 * `sha256:<hex>` or the bare hex) or `extensions.persistedQuery.sha256Hash` (Apollo's).
 */
export function requestedDocumentId(params: { documentId?: unknown; extensions?: unknown }): string | undefined {
  if (typeof params.documentId === 'string' && params.documentId !== '') {
    const id = params.documentId.toLowerCase();
    return id.startsWith(sha256Prefix) ? id.slice(sha256Prefix.length) : id;
  }
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash.toLowerCase() : undefined;
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const { persistedQuery: _, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

const refusals = {
  notFound: (id: string): TrustedDocumentsRefusal => ({
    status: 400,
    message: `no trusted document has the id ${id}; send an id from schema/trusted-documents.json`,
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
  }),
  notInList: (id: string): TrustedDocumentsRefusal => ({
    status: 400,
    message: `the document with id ${id} is not in the trusted documents list; this server runs only the web app's and the SDK's operations`,
    extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
  }),
  idRequired: (): TrustedDocumentsRefusal => ({
    status: 400,
    message:
      'this server runs trusted documents only: send documentId (or extensions.persistedQuery.sha256Hash) of an operation in schema/trusted-documents.json instead of a query',
    extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' },
  }),
};

/** The parameters of a request, from its JSON body (POST) or its query string (GET). */
function paramsOf(request: RawGraphQLRequest): Record<string, unknown> | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const search = new URLSearchParams(request.search);
    let extensions: unknown;
    try {
      extensions = search.has('extensions') ? JSON.parse(search.get('extensions')!) : undefined;
    } catch {
      extensions = undefined; // Apollo Server answers malformed extensions itself.
    }
    return { documentId: search.get('documentId') ?? undefined, extensions, query: search.get('query') ?? undefined };
  }
  return typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : undefined;
}

/** The request with `query` set to the trusted text and the id fields removed. */
function substitute(request: RawGraphQLRequest, query: string): RawGraphQLRequest {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const search = new URLSearchParams(request.search);
    search.delete('documentId');
    search.set('query', query);
    const extensions = search.has('extensions')
      ? withoutPersistedQuery(JSON.parse(search.get('extensions')!))
      : undefined;
    if (extensions) search.set('extensions', JSON.stringify(extensions));
    else search.delete('extensions');
    return { ...request, search: `?${search.toString()}` };
  }
  const { documentId: _, extensions, ...rest } = request.body as Record<string, unknown>;
  const remaining = withoutPersistedQuery(extensions);
  return { ...request, body: { ...rest, query, ...(remaining ? { extensions: remaining } : {}) } };
}

/** Trusted documents for a mode and a manifest (id → text; ignored when off). */
export function createTrustedDocuments(mode: TrustedDocumentsMode, documents: Map<string, string>): TrustedDocuments {
  const bodies = new Set(documents.values());
  return {
    mode,
    size: mode === 'off' ? 0 : documents.size,
    resolve(request) {
      if (mode === 'off') return request;
      const params = paramsOf(request);
      // Batches and bodies that are not objects: Apollo Server refuses them itself.
      if (!params) return request;
      const id = requestedDocumentId(params);
      const hasQuery = typeof params.query === 'string' && params.query !== '';
      if (id !== undefined) {
        const trusted = documents.get(id);
        if (trusted !== undefined) return substitute(request, trusted);
        if (mode === 'enforce') return { refusal: hasQuery ? refusals.notInList(id) : refusals.notFound(id) };
        // allow: an unknown Apollo hash is an automatic persisted query (Apollo Server answers
        // it); an unknown documentId has nothing else to resolve it.
        if (params.documentId !== undefined && params.documentId !== '') return { refusal: refusals.notFound(id) };
        return request;
      }
      if (mode === 'enforce' && hasQuery) return { refusal: refusals.idRequired() };
      return request;
    },
    accepts: (query) => mode !== 'enforce' || bodies.has(query),
  };
}
