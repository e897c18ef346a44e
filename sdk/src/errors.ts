import type { GraphQLFormattedError } from 'graphql';

/**
 * The codes a Taskwire API error can carry (`extensions.code`, docs/api.md), plus the SDK's own
 * codes for failures that never reached GraphQL execution:
 * - `NETWORK_ERROR`: the request did not get a response (fetch rejected, connection refused);
 * - `HTTP_ERROR`: a response that is not a GraphQL result (e.g. a proxy's 502 page);
 * - `BAD_RESPONSE`: a GraphQL response without `data` or `errors`;
 * - `SUBSCRIPTION_CLOSED`: the WebSocket closed for good (not retried);
 * - `TIMEOUT`: no complete response within `timeoutMs` (retried like a network error);
 * - `ABORTED`: the caller's `AbortSignal` aborted the call.
 * Other server codes (e.g. `GRAPHQL_VALIDATION_FAILED`, `TOO_MANY_REQUESTS`) pass through.
 */
export type TaskwireErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | 'BAD_RESPONSE'
  | 'SUBSCRIPTION_CLOSED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'TOO_MANY_REQUESTS'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'PERSISTED_QUERY_ID_REQUIRED'
  | (string & {});

export interface TaskwireErrorOptions {
  code: TaskwireErrorCode;
  message: string;
  operation?: string | undefined;
  field?: string | undefined;
  path?: ReadonlyArray<string | number> | undefined;
  errors?: readonly GraphQLFormattedError[] | undefined;
  status?: number | undefined;
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/**
 * Every failure of an SDK call: a GraphQL error from the API (the first one's
 * `extensions.code`, `extensions.field` and `path`; all of them in `errors`) or a network /
 * protocol failure (`NETWORK_ERROR`, `HTTP_ERROR`, `BAD_RESPONSE`, with the original `cause`).
 */
export class TaskwireError extends Error {
  override readonly name = 'TaskwireError';
  /** `extensions.code` of the first GraphQL error, or one of the SDK's own codes. */
  readonly code: TaskwireErrorCode;
  /** `extensions.field` for `BAD_USER_INPUT`: the input path at fault, e.g. `input.title`. */
  readonly field: string | undefined;
  /** Response path of the first GraphQL error, e.g. `['createTask']`. */
  readonly path: ReadonlyArray<string | number> | undefined;
  /** Every GraphQL error of the response (empty for network failures). */
  readonly errors: readonly GraphQLFormattedError[];
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The SDK operation that failed, e.g. `createTask`. */
  readonly operation: string | undefined;
  /** `TOO_MANY_REQUESTS`: seconds the server asked to wait (`Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: TaskwireErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.field = options.field;
    this.path = options.path;
    this.errors = options.errors ?? [];
    this.status = options.status;
    this.operation = options.operation;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Builds the error for a GraphQL response's `errors` (at least one). */
  static fromGraphQLErrors(
    errors: readonly GraphQLFormattedError[],
    context: {
      operation?: string | undefined;
      status?: number | undefined;
      retryAfterSeconds?: number | undefined;
    } = {},
  ): TaskwireError {
    const first = errors[0];
    const extensions = (first?.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const field = typeof extensions.field === 'string' ? extensions.field : undefined;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return new TaskwireError({
      code,
      field,
      path: first?.path,
      errors,
      status: context.status,
      retryAfterSeconds: context.retryAfterSeconds,
      operation: context.operation,
      message: `${context.operation ? `${context.operation}: ` : ''}${first?.message ?? 'unknown error'}${more}`,
    });
  }
}

/** True when `error` is a TaskwireError, optionally with the given code. */
export function isTaskwireError(error: unknown, code?: TaskwireErrorCode): error is TaskwireError {
  return error instanceof TaskwireError && (code === undefined || error.code === code);
}
