import { createRequire } from 'node:module';
import type * as GraphQLModule from 'graphql';
import type {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  OperationDefinitionNode,
  ParseOptions,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type * as QueryComplexityModule from 'graphql-query-complexity';
import type * as MaxAliasesModule from '@escape.tech/graphql-armor-max-aliases';
import type * as MaxDirectivesModule from '@escape.tech/graphql-armor-max-directives';

// The CommonJS instance of graphql, the one @apollo/server and @apollo/gateway use: under
// vitest a plain `import` resolves to graphql's .mjs build, whose `instanceof` checks fail on
// Apollo's schema objects (and whose GraphQLError Apollo would not recognise).
// graphql-query-complexity's and GraphQL Armor's ESM builds import graphql's .mjs files
// directly; their CommonJS builds require the same graphql as Apollo.
const require = createRequire(import.meta.url);
const { GraphQLError, getNamedType, getNullableType, getOperationAST, isListType, Kind, validate } =
  require('graphql') as typeof GraphQLModule;
const { getComplexity } = require('graphql-query-complexity') as typeof QueryComplexityModule;
const { maxAliasesRule } = require('@escape.tech/graphql-armor-max-aliases') as typeof MaxAliasesModule;
const { maxDirectivesRule } = require('@escape.tech/graphql-armor-max-directives') as typeof MaxDirectivesModule;

/** The operation limits of the gateway (env.ts), checked before any subgraph is called. */
export interface OperationLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxFragments: number;
  maxDirectives: number;
  maxCost: number;
}

/**
 * graphql-js's own token limit for `parse`: the parser stops at the limit, so the size of
 * every later walk over the document (validation, limits, cost, planning) is bounded by it,
 * and no chain of fragments or nesting can reach a stack overflow.
 */
export function parseOptions(limits: Pick<OperationLimits, 'maxTokens'>): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/** A refused operation: status 400 and the limit's code (the names Apollo Router uses). */
function limitError(message: string, code: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * Validation rule: refuses operations whose selections nest deeper than `maxDepth`
 * (fragments followed, introspection fields not counted so GraphiQL keeps working). Each
 * fragment's depth is computed once, so spreading a fragment many times costs nothing more.
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const fragmentDepths = new Map<string, number>();
    const inProgress = new Set<string>();
    // Depth of the deepest field below `set`, counting `set`'s own fields as 1.
    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };
    const fragmentDepth = (name: string): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment || inProgress.has(name)) return 0; // unknown/cyclic fragments are other rules' errors
      inProgress.add(name);
      const depth = depthOf(fragment.selectionSet);
      inProgress.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `operation ${node.name ? `"${node.name.value}" ` : ''}nests ${depth} levels deep; the maximum is ${maxDepth}`,
              { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', maxDepth } },
            ),
          );
        }
      },
    };
  };
}

/** Refuses more than `max` fragment definitions in one document. */
function maxFragmentsRule(max: number): ValidationRule {
  return (context) => ({
    Document(node) {
      const count = node.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length;
      if (count > max)
        context.reportError(
          limitError(`the document defines ${count} fragments; the maximum is ${max}`, 'MAX_FRAGMENTS_LIMIT', {
            maxFragments: max,
          }),
        );
    },
  });
}

/** Refuses operations selecting more than `max` root fields (aliases and fragments included). */
function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      let count = 0;
      const seen = new Set<string>();
      const visit = (set: SelectionSetNode) => {
        for (const selection of set.selections) {
          if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
          else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
          else if (!seen.has(selection.name.value)) {
            // Each fragment is counted once per operation: cycles and repeats stop here.
            seen.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) visit(fragment.selectionSet);
          }
        }
      };
      visit(node.selectionSet);
      if (count > max)
        context.reportError(
          limitError(
            `operation ${node.name ? `"${node.name.value}" ` : ''}selects ${count} root fields; the maximum is ${max}`,
            'MAX_ROOT_FIELDS_LIMIT',
            { maxRootFields: max },
          ),
        );
    },
  });
}

/**
 * GraphQL Armor's alias and directive rules, reporting a coded error instead of throwing its
 * uncoded "Syntax Error" (which Apollo Server would answer as a 500).
 */
function armorRule(
  rule: typeof maxAliasesRule | typeof maxDirectivesRule,
  max: number,
  what: string,
  code: string,
): ValidationRule {
  return (context) =>
    rule({
      n: max,
      propagateOnRejection: false,
      onReject: [
        () =>
          context.reportError(
            limitError(`the operation uses more than ${max} ${what}; the maximum is ${max}`, code, { max }),
          ),
      ],
    })(context);
}

/**
 * Checks the counting limits (aliases, root fields, fragments, directives) of a parsed document:
 * each is one pass over a document whose size the token limit already bounds.
 * @returns the refusals, each with its code (MAX_ALIASES_LIMIT, MAX_ROOT_FIELDS_LIMIT, …) and status 400.
 */
export function operationLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: OperationLimits,
): readonly GraphQLModule.GraphQLError[] {
  return validate(schema, document, [
    maxFragmentsRule(limits.maxFragments),
    maxRootFieldsRule(limits.maxRootFields),
    armorRule(maxAliasesRule, limits.maxAliases, 'aliases', 'MAX_ALIASES_LIMIT'),
    armorRule(maxDirectivesRule, limits.maxDirectives, 'directives', 'MAX_DIRECTIVES_LIMIT'),
  ]);
}

/** How many items a list field is assumed to return when it takes no `first`/`count`. */
export const assumedListSize = 10;

/**
 * The work behind a field beyond the 1 every field costs, by schema coordinate: the fields that
 * query a database (once per parent item; entity fields are batched per fetch, but the
 * estimate stays on the safe side), a `totalCount` (a count over the user's tasks), and
 * `nextOccurrences`, whose cost per occurrence is the recurrence engine's expansion of the rule.
 * Calibrated with bench/edge-cost.ts against the 250 ms bound. A `totalCount` counts every match:
 * at 100,000 tasks of one user it takes up to ~80 ms (bench/tasks-search.ts, "default list +
 * totalCount"), so at most three fit in the budget.
 */
export const fieldWeights = {
  database: 20,
  totalCount: 3000,
  perOccurrence: 40,
} as const;

const databaseFields = new Set([
  'Query.me',
  'Query.task',
  'Query.tasks',
  'Query.tags',
  'Query.auditLog',
  'Task.history',
  'Task.tags',
  'Task.reminders',
  'Task.owner',
  'AuditEntry.actor',
  'AuditEntry.task',
  'Reminder.task',
  'ReminderNotification.reminder',
  'ReminderNotification.task',
]);

/**
 * Whether a connection field's selection asks for `totalCount`. A fragment spread is taken to ask
 * for it (its definition is not at hand here): the estimate errs on the safe side.
 */
function selectsTotalCount(node: FieldNode): boolean {
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === 'totalCount'
        : s.kind === Kind.INLINE_FRAGMENT
          ? inSet(s.selectionSet)
          : true,
    );
  return inSet(node.selectionSet);
}

/** The extra cost of one resolution of `Type.field`, before its selection. */
function ownWeight(coordinate: string, args: Record<string, unknown>): number {
  if (coordinate === 'Task.nextOccurrences')
    return fieldWeights.perOccurrence * (typeof args.count === 'number' ? Math.max(0, args.count) : 0);
  return databaseFields.has(coordinate) ? fieldWeights.database : 0;
}

/**
 * Each field costs 1 plus its own weight (fieldWeights) plus its selection times the number of
 * items it returns: `first` or `last` (the larger), else an assumed list size for list fields (not for a
 * connection's `edges`). A connection's `totalCount` is one count whatever `first` is, so its
 * weight is added once, at the connection field, not multiplied with the items.
 */
export const listAwareEstimator: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  let multiplier = 1;
  // A backward page (`last`) is as large as a forward one; `first` keeps its default beside it.
  const pageSize = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  if (pageSize.length > 0) multiplier = Math.max(1, ...pageSize);
  // A connection's `edges` list is already counted by the connection field's `first`.
  else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) multiplier = assumedListSize;
  const returnsConnection = getNamedType(field.type).name.endsWith('Connection');
  const count = returnsConnection && selectsTotalCount(node) ? fieldWeights.totalCount : 0;
  return 1 + ownWeight(`${type.name}.${field.name}`, args) + count + childComplexity * multiplier;
};

/**
 * Estimates an operation's cost.
 * @throws GraphQLError QUERY_TOO_COMPLEX (HTTP 400) when it exceeds `maxCost` (or when the
 *   fragments expand to more nodes than graphql-query-complexity walks), BAD_USER_INPUT (400)
 *   when the variables do not coerce to their declared types (costing coerces them first).
 */
export function assertCostWithin(
  maxCost: number,
  {
    schema,
    document,
    variables,
    operationName,
  }: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variables?: Record<string, unknown>;
    operationName?: string | null;
  },
): number {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [listAwareEstimator],
    });
  } catch (error) {
    throw costingError(error, maxCost);
  }
  if (cost > maxCost) {
    throw new GraphQLError(
      `operation cost ${cost} exceeds the maximum of ${maxCost}; request fewer items (first, count), fewer nested lists or fewer totalCount`,
      { extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } } },
    );
  }
  return cost;
}

/** What graphql-query-complexity threw, as the client's mistake it is. */
function costingError(error: unknown, maxCost: number): Error {
  if (!(error instanceof GraphQLError)) return error as Error;
  // Its own walk limit: the fragments expand to more fields than any accepted operation has.
  if (/maximum allowed number of nodes/.test(error.message))
    return new GraphQLError(
      `operation expands to too many fields to estimate; the maximum cost is ${maxCost}: spread fewer fragments`,
      { extensions: { code: 'QUERY_TOO_COMPLEX', maxCost, http: { status: 400 } } },
    );
  // Otherwise it is graphql-js's variable coercion (getVariableValues): it names the variable.
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * What every operation passes after parsing and validation, over HTTP (limitsAndMetricsPlugin)
 * and over the WebSocket (subscriptions/limits.ts) alike: `operationName` names an operation
 * of the document, the counting limits hold, the variables coerce and the cost is within budget.
 * @returns the operation, or the refusals (each coded, status 400)
 */
export function checkOperation(
  limits: OperationLimits,
  request: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
  },
): { operation: OperationDefinitionNode } | { errors: readonly GraphQLModule.GraphQLError[] } {
  const { schema, document, operationName } = request;
  const operation = getOperationAST(document, operationName ?? null);
  if (!operation) return { errors: [operationResolutionError(document, operationName)] };
  const refused = operationLimitErrors(schema, document, limits);
  if (refused.length > 0) return { errors: refused };
  try {
    assertCostWithin(limits.maxCost, { schema, document, variables: request.variables ?? {}, operationName });
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  return { operation };
}

function operationResolutionError(document: DocumentNode, operationName: string | null | undefined) {
  const names = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [d.name ? `"${d.name.value}"` : '(anonymous)'] : [],
  );
  const message = operationName
    ? `operationName "${operationName}" names no operation of the document; it has ${names.join(', ') || 'none'}`
    : `the document has ${names.length} operations (${names.join(', ')}); name the one to run in operationName`;
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

/** A subscription POSTed or sent by GET: only graphql-ws delivers events. */
export function subscriptionOverHttpError() {
  return new GraphQLError('subscriptions are served over graphql-ws (WebSocket) on /graphql, not over HTTP', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}
