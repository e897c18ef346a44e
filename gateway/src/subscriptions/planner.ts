import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** The two halves of a federated subscription's plan. */
export interface SubscriptionPlan {
  /** The subscription the owning subgraph streams (with the `@key` fields the rest needs). */
  primary: FetchNode;
  /** Entity fetches to the other subgraphs, run once per event (absent when the owner serves every field). */
  rest: PlanNode | undefined;
  /** The whole plan to hand to `executeQueryPlan` per event: `Sequence[primary, rest]`. */
  perEvent: QueryPlan;
}

export interface SubscriptionPlanner {
  /** The supergraph SDL it plans against. */
  supergraphSdl: string;
  /** graphql-js form of the supergraph (what `executeQueryPlan` wants). */
  supergraphSchema: GraphQLSchema;
  /** federation-internals form of the API schema. */
  apiSchema: Schema;
  /**
   * Plans one subscription operation.
   * @throws GraphQLError when the document does not fit the API schema or is not a subscription.
   */
  plan(document: DocumentNode, operationName?: string | null): SubscriptionPlan;
}

/** Builds a query planner over a supergraph SDL (rebuild it when the supergraph changes). */
export function createSubscriptionPlanner(supergraphSdl: string): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  return {
    supergraphSdl,
    supergraphSchema,
    apiSchema,
    plan(document, operationName) {
      const operation = operationFromDocument(apiSchema, document, { operationName: operationName ?? undefined });
      const queryPlan = planner.buildQueryPlan(operation);
      const node = queryPlan.node;
      if (!node || node.kind !== 'Subscription')
        throw new Error(`expected a subscription plan, got ${node?.kind ?? 'an empty plan'}`);
      const perEvent: QueryPlan = {
        kind: 'QueryPlan',
        node: node.rest ? { kind: 'Sequence', nodes: [node.primary, node.rest] } : node.primary,
      };
      return { primary: node.primary, rest: node.rest, perEvent };
    },
  };
}
