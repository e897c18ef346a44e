import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { publicErrorCodes } from '@taskwire/platform/errors';
import type { Logger } from '@taskwire/platform/logger';

/** What a client sees instead of an error without a public code. */
export const internalServerError = {
  message: 'Internal server error',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
} as const satisfies GraphQLFormattedError;

/** Extensions that describe the gateway's internals, never the contract. */
const internalExtensions = ['stacktrace', 'exception', 'serviceName', 'http'] as const;

/**
 * The one rule for what a client sees of an error, over HTTP (Apollo's `formatError`) and over
 * the WebSocket (every `next` and `error` message): an error with a public code keeps its
 * message, locations, path and contract extensions (code, field, retryAfterSeconds…); any
 * other is logged with its cause and replaced by `internalServerError`. Masking a masked error
 * gives it back unchanged and logs nothing, so the socket can mask what the HTTP endpoint
 * already masked.
 */
export type ErrorMasker = (error: GraphQLError | GraphQLFormattedError, cause?: unknown) => GraphQLFormattedError;

export function createErrorMasker(logger: Pick<Logger, 'error'>): ErrorMasker {
  return (error, cause) => {
    const formatted = error instanceof GraphQLError ? error.toJSON() : error;
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
    const where = formatted.path ? { path: formatted.path } : {};
    if (publicErrorCodes.has(code)) {
      const extensions = { ...formatted.extensions };
      for (const name of internalExtensions) delete extensions[name];
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...where,
        extensions,
      };
    }
    if (!isMasked(formatted)) {
      const original = error instanceof GraphQLError ? error.originalError : undefined;
      logger.error({ err: cause ?? original ?? formatted, ...where, message: formatted.message }, 'request failed');
    }
    return { message: internalServerError.message, ...where, extensions: { ...internalServerError.extensions } };
  };
}

function isMasked(error: GraphQLFormattedError): boolean {
  return (
    error.message === internalServerError.message && error.extensions?.code === internalServerError.extensions.code
  );
}

/** A result with every error masked (graphql-ws sends it as it is: no `toJSON` needed). */
export function maskResult(
  mask: ErrorMasker,
  result: { data?: unknown; errors?: readonly (GraphQLError | GraphQLFormattedError)[]; extensions?: unknown },
): FormattedExecutionResult {
  const { errors, ...rest } = result;
  if (!errors || errors.length === 0) return rest as FormattedExecutionResult;
  return { ...(rest as FormattedExecutionResult), errors: errors.map((e) => mask(e)) };
}
