import { GraphQLError } from 'graphql';

/** Error codes of the public contract (docs/api.md). */
export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'TOO_MANY_REQUESTS' | 'INTERNAL_SERVER_ERROR';

/** Codes a client may see as they are; anything else is masked. */
export const publicErrorCodes: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  // The gateway's operation limits (gateway/src/limits.ts), named as Apollo Router names them.
  'MAX_ALIASES_LIMIT',
  'MAX_ROOT_FIELDS_LIMIT',
  'MAX_FRAGMENTS_LIMIT',
  'MAX_DIRECTIVES_LIMIT',
  // Idempotent mutations (platform/src/idempotency-key.ts).
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
]);

/** Invalid input the user can fix: names the input field and says what was expected. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** Missing, or someone else's: the two are indistinguishable on purpose. */
export function notFound(what: string, id?: string): GraphQLError {
  return new GraphQLError(id ? `${what} ${id} not found` : `${what} not found`, {
    extensions: { code: 'NOT_FOUND' },
  });
}

export function unauthenticated(message = 'a valid access token is required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message = 'not allowed'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function tooManyRequests(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds, http: { status: 429 } },
  });
}
