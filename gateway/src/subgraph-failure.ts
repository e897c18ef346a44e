import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import { Kind, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/**
 * The codes of a subgraph that did not answer, named as Apollo Router (`SUBREQUEST_HTTP_ERROR`,
 * `REQUEST_TIMEOUT`) and Hive Router (`SUBGRAPH_CIRCUIT_BREAKER_REJECTED`) name them
 * (docs/api.md "Errors").
 */
export const subgraphFailureCodes = [
  'SUBREQUEST_HTTP_ERROR',
  'REQUEST_TIMEOUT',
  'SUBGRAPH_CIRCUIT_BREAKER_REJECTED',
] as const;
export type SubgraphFailureCode = (typeof subgraphFailureCodes)[number];

/** A subgraph answered with a gateway-level HTTP failure (a proxy's 502/503/504) instead of GraphQL. */
export class SubgraphHttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`subgraph answered HTTP ${status}`);
  }
}

const messages: Record<SubgraphFailureCode, string> = {
  SUBREQUEST_HTTP_ERROR:
    'temporarily unavailable: the service behind this field could not be reached; the rest of the response is complete, retry later',
  REQUEST_TIMEOUT:
    'temporarily unavailable: the service behind this field did not answer in time; the rest of the response is complete, retry later',
  SUBGRAPH_CIRCUIT_BREAKER_REJECTED:
    'temporarily unavailable: the service behind this field is failing and is not called for now; the rest of the response is complete, retry later',
};

/**
 * Which failure a data-source error is, or null for any other error (a fault of ours, masked as
 * INTERNAL_SERVER_ERROR). A call aborted by the per-call timeout is a `TimeoutError`; a refused or
 * reset connection is undici's `TypeError: fetch failed`.
 */
export function subgraphFailureCode(error: unknown): SubgraphFailureCode | null {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError)
    return 'SUBGRAPH_CIRCUIT_BREAKER_REJECTED';
  if (error instanceof SubgraphHttpStatusError) return 'SUBREQUEST_HTTP_ERROR';
  if (!(error instanceof Error)) return null;
  if (error.name === 'TimeoutError') return 'REQUEST_TIMEOUT';
  if (error instanceof TypeError && error.message === 'fetch failed') return 'SUBREQUEST_HTTP_ERROR';
  return null;
}

/** Response keys (alias or name) of the fields a selection set selects, through inline fragments. */
function responseKeys(selectionSet: SelectionSetNode | undefined): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const key of responseKeys(selection.selectionSet)) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * The errors a failed subgraph fetch answers in place of the subgraph, one at the path of each
 * field that fetch was to resolve: for an entity fetch (`_entities(representations)`) each
 * field of each representation (`['_entities', i, 'tags']`, which the gateway turns into the
 * client's path, e.g. `['tasks', 'edges', 3, 'node', 'tags']`); for a root fetch each root field.
 * Those fields are then null in the client's response and every other field stays.
 */
export function failedFetchErrors(
  code: SubgraphFailureCode,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): GraphQLFormattedError[] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const extensions = { code };
  const message = messages[code];
  if (!operation) return [{ message, extensions }];
  const rootFields = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  const entities = rootFields.find((f) => f.name.value === '_entities');
  const representations = variables?.representations;
  if (entities && Array.isArray(representations)) {
    const keys = responseKeys(entities.selectionSet);
    const entityKey = entities.alias?.value ?? '_entities';
    return representations.flatMap((_, index) =>
      keys.map((key) => ({ message, path: [entityKey, index, key], extensions })),
    );
  }
  const keys = responseKeys(operation.selectionSet);
  if (keys.length === 0) return [{ message, extensions }];
  return keys.map((key) => ({ message, path: [key], extensions }));
}
