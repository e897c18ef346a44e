/**
 * The trusted documents manifest (schema/trusted-documents.json): every operation the web app
 * and the SDK send, by id (the SHA-256 of the document text exactly as the client sends it), in
 * Apollo's persisted query manifest format. The gateway resolves ids with it
 * (gateway/src/trusted-documents.ts, `TRUSTED_DOCUMENTS`).
 *
 * The manifest only grows: an id an older client (an SDK release, a cached web bundle) may
 * still send is never removed. `npm run codegen` runs this file after graphql-codegen;
 * schema/trusted-documents.test.ts fails when an id disappears or a current operation is missing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InMemoryCache } from '@apollo/client';
import { print, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { operations as sdkOperations } from '@taskwire/sdk';
import * as web from '@taskwire/web/generated-documents';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const trustedDocumentsPath = path.join(root, 'schema/trusted-documents.json');

export interface TrustedDocument {
  /** Lower-case hex SHA-256 of `body`. */
  id: string;
  /** The operation's name, e.g. `TaskList`. */
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The document text, byte for byte as the client sends it (the id is its hash). */
  body: string;
}

export interface TrustedDocumentsManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedDocument[];
}

/** The id of a document text: lower-case hex SHA-256, as the clients compute it. */
export function documentId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

function entry(body: string, document: DocumentNode): TrustedDocument {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation?.name) throw new Error(`expected a named operation in:\n${body}`);
  return { id: documentId(body), name: operation.name.value, type: operation.operation, body };
}

/**
 * The web app's documents as it sends them: through Apollo Client, whose cache adds `__typename`
 * to every selection set before the link prints and hashes the document (web/src/apollo.ts), and
 * as codegen wrote them, printed as is (sign-in and sign-up, web/src/components/SignIn.tsx).
 */
export function webDocuments(): TrustedDocument[] {
  const cache = new InMemoryCache();
  return Object.entries(web)
    .filter(([name]) => name.endsWith('Document'))
    .flatMap(([, value]) => {
      const document: DocumentNode = value;
      const transformed = cache.transformDocument(document);
      return [entry(print(transformed), transformed), entry(print(document), document)];
    });
}

/** The SDK's documents as it sends them (sdk/src/operations.ts: `print` of the generated document). */
export function sdkDocuments(): TrustedDocument[] {
  return Object.values(sdkOperations).map((info) => entry(info.source, info.document));
}

/** Every document a current client sends. */
export function currentTrustedDocuments(): TrustedDocument[] {
  return [...webDocuments(), ...sdkDocuments()];
}

/** The union of a previous manifest and the current documents: nothing is ever dropped. */
export function mergeTrustedDocuments(
  previous: readonly TrustedDocument[],
  current: readonly TrustedDocument[],
): TrustedDocumentsManifest {
  const byId = new Map<string, TrustedDocument>();
  for (const document of [...previous, ...current]) if (!byId.has(document.id)) byId.set(document.id, document);
  const operations = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** Reads a manifest file (an empty one when it does not exist yet). */
export function readTrustedDocuments(file = trustedDocumentsPath): TrustedDocumentsManifest {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TrustedDocumentsManifest;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      return { format: 'apollo-persisted-query-manifest', version: 1, operations: [] };
    throw error;
  }
}

export function formatManifest(manifest: TrustedDocumentsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const previous = readTrustedDocuments();
  const merged = mergeTrustedDocuments(previous.operations, currentTrustedDocuments());
  writeFileSync(trustedDocumentsPath, formatManifest(merged));
  console.log(
    `schema/trusted-documents.json: ${merged.operations.length} documents (${merged.operations.length - previous.operations.length} new)`,
  );
}
