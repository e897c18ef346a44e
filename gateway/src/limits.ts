import { createRequire } from 'node:module';
import type * as GraphQLModule from 'graphql';
import type {
  ASTVisitor,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type * as QueryComplexityModule from 'graphql-query-complexity';

// The CommonJS instance of graphql, the one @apollo/server and @apollo/gateway use: under
// vitest a plain `import` resolves to graphql's .mjs build, whose `instanceof` checks fail on
// Apollo's schema objects (and whose GraphQLError Apollo would not recognise).
// graphql-query-complexity's ESM build imports graphql's .mjs files directly; its CommonJS
// build requires the same graphql as Apollo.
const require = createRequire(import.meta.url);
const { GraphQLError, getNullableType, isListType, Kind } = require('graphql') as typeof GraphQLModule;
const { getComplexity } = require('graphql-query-complexity') as typeof QueryComplexityModule;

/**
 * Validation rule: refuses operations whose selections nest deeper than `maxDepth`
 * (fragments followed, introspection fields not counted so GraphiQL keeps working).
 */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let deepest = depth;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(
            deepest,
            selection.selectionSet ? depthOf(selection.selectionSet, depth + 1, seen) : depth + 1,
          );
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) continue; // unknown/cyclic fragments are other rules' errors
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, new Set([...seen, name])));
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `operation ${node.name ? `"${node.name.value}" ` : ''}nests ${depth > maxDepth + 50 ? 'far more than' : depth} levels deep; the maximum is ${maxDepth}`,
              { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', maxDepth } },
            ),
          );
        }
      },
    };
  };
}

/** How many items a list field is assumed to return when it takes no `first`/`count`. */
export const assumedListSize = 10;

/**
 * Each field costs 1 plus its selection times the number of items it returns: `first`,
 * `count`, else an assumed list size for list fields (not for a connection's `edges`).
 */
export const listAwareEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  let multiplier = 1;
  if (typeof args.first === 'number') multiplier = Math.max(1, args.first);
  else if (typeof args.count === 'number') multiplier = Math.max(1, args.count);
  // A connection's `edges` list is already counted by the connection field's `first`.
  else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) multiplier = assumedListSize;
  return 1 + childComplexity * multiplier;
};

/**
 * Estimates an operation's cost.
 * @throws GraphQLError QUERY_TOO_COMPLEX (HTTP 400) when it exceeds `maxCost`.
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
  const cost = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [listAwareEstimator],
  });
  if (cost > maxCost) {
    throw new GraphQLError(
      `operation cost ${cost} exceeds the maximum of ${maxCost}; request fewer items (first) or fewer nested lists`,
      {
        extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
      },
    );
  }
  return cost;
}
