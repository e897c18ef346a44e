import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { checkOperation, depthLimitRule, parseOptions, type OperationLimits } from '../limits.js';

/** Open subscriptions per user: a slot is reserved before a subscription starts and released when it ends. */
export interface PerUserCap {
  /** Takes a slot of `userId`; a TOO_MANY_REQUESTS error when all are taken. */
  reserve(userId: string): GraphQLError | null;
  release(userId: string): void;
  /** Slots `userId` holds. */
  held(userId: string): number;
}

export function createPerUserCap(maxPerUser: number): PerUserCap {
  const held = new Map<string, number>();
  return {
    reserve(userId) {
      const n = held.get(userId) ?? 0;
      if (n >= maxPerUser)
        return new GraphQLError(`too many open subscriptions: at most ${maxPerUser} per user; complete one first`, {
          extensions: { code: 'TOO_MANY_REQUESTS' },
        });
      held.set(userId, n + 1);
      return null;
    },
    release(userId) {
      const n = (held.get(userId) ?? 1) - 1;
      if (n <= 0) held.delete(userId);
      else held.set(userId, n);
    },
    held: (userId) => held.get(userId) ?? 0,
  };
}

export interface CheckedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

export interface OperationChecker {
  /**
   * Parses (within the token limit), validates (with the depth limit), checks the operation
   * limits and costs one operation sent on the socket, as the HTTP endpoint does; every error
   * carries the code the HTTP endpoint gives it.
   */
  check(payload: {
    query: string;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
  }): CheckedOperation | GraphQLError[];
}

/** Documents kept parsed and validated (every tab of the web app sends the same text). */
const maxCachedDocuments = 1_000;

export function createOperationChecker(options: { schema: GraphQLSchema; limits: OperationLimits }): OperationChecker {
  const documents = new Map<string, DocumentNode | GraphQLError[]>();

  const parseAndValidate = (query: string): DocumentNode | GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions(options.limits));
    } catch (error) {
      if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
      throw error;
    }
    const errors = validate(options.schema, document, [...specifiedRules, depthLimitRule(options.limits.maxDepth)]);
    return errors.length > 0 ? errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) : document;
  };

  const checkedDocument = (query: string): DocumentNode | GraphQLError[] => {
    let checked = documents.get(query);
    if (!checked) {
      checked = parseAndValidate(query);
      if (documents.size >= maxCachedDocuments) documents.delete(documents.keys().next().value as string);
      documents.set(query, checked);
    }
    return checked;
  };

  return {
    check({ query, operationName, variables }) {
      const document = checkedDocument(query);
      if (Array.isArray(document)) return document;
      const checked = checkOperation(options.limits, {
        schema: options.schema,
        document,
        operationName: operationName ?? null,
        variables: variables ?? {},
      });
      if ('errors' in checked) return [...checked.errors];
      return { document, operation: checked.operation };
    },
  };
}

/** The error with `code` added when it has none. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    extensions: { ...error.extensions, code },
  });
}
