import { createHash } from 'node:crypto';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { DocumentNode, FormattedExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Logger } from '@taskwire/platform/logger';
import type { GatewayContext } from '../context.js';
import { maskResult, type ErrorMasker } from '../error-masking.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner.js';

type OperationContext = ReturnType<typeof buildOperationContext>;
type RequestContext = Parameters<typeof executeQueryPlan>[2];

/** One client operation, ready to run its plan once per event. */
export interface PreparedOperation {
  plan: SubscriptionPlan;
  operationContext: OperationContext;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  query: string;
  queryHash: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

export interface EventExecutor {
  prepare(options: {
    plan: SubscriptionPlan;
    document: DocumentNode;
    operation: OperationDefinitionNode;
    query: string;
    operationName: string | undefined;
    variables: Record<string, unknown>;
  }): PreparedOperation;
  /**
   * Builds the client's result for one event of the primary subscription: the plan runs with
   * the primary fetch answered by the event, and the other fetches (`_entities` on the
   * subgraphs that own the rest of the selection) sent through the gateway's data sources
   * with `context` (its token). Errors come back masked; this never rejects.
   */
  run(
    prepared: PreparedOperation,
    event: FormattedExecutionResult,
    context: GatewayContext,
  ): Promise<FormattedExecutionResult>;
}

/** A cache that keeps nothing: the gateway caches no subgraph responses. */
const noCache: RequestContext['cache'] = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => undefined,
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Runs the rest of a subscription's plan per event with @apollo/gateway's public
 * `executeQueryPlan`, so each event is shaped exactly as a query's result would be.
 */
export function createEventExecutor(options: {
  planner: SubscriptionPlanner;
  /** The client-facing API schema (graphql-js). */
  schema: GraphQLSchema;
  /** The gateway's data sources by subgraph name. */
  dataSources: Readonly<Record<string, GraphQLDataSource<GatewayContext>>>;
  mask: ErrorMasker;
  logger: Logger;
}): EventExecutor {
  const { planner, schema, dataSources, mask, logger } = options;
  const schemaHash = sha256(planner.supergraphSdl) as RequestContext['schemaHash'];

  const requestContextFor = (prepared: PreparedOperation, context: GatewayContext): RequestContext => ({
    request: { query: prepared.query, variables: prepared.variables, operationName: prepared.operationName },
    context,
    logger,
    schema,
    schemaHash,
    cache: noCache,
    queryHash: prepared.queryHash,
    document: prepared.document,
    source: prepared.query,
    operationName: prepared.operationName ?? null,
    operation: prepared.operation,
    // executeQueryPlan records the paths of subgraph errors here: a fresh object per event.
    metrics: {},
    overallCachePolicy: undefined,
  });

  /** The data sources with the primary's owner answering the primary fetch from the event. */
  const serviceMapFor = (plan: SubscriptionPlan, event: FormattedExecutionResult) => {
    const { serviceName, operation } = plan.primary;
    const owner = dataSources[serviceName];
    const eventSource: GraphQLDataSource<GatewayContext> = {
      process: (request) => {
        if (request.request.query === operation) return Promise.resolve(event);
        // Other fetches of entities the owner also serves go to it over HTTP as usual.
        if (!owner) return Promise.reject(new Error(`no data source for subgraph ${serviceName}`));
        return owner.process(request);
      },
    };
    return { ...dataSources, [serviceName]: eventSource };
  };

  return {
    prepare({ plan, document, operation, query, operationName, variables }) {
      return {
        plan,
        operationContext: buildOperationContext({
          schema,
          operationDocument: document,
          ...(operationName ? { operationName } : {}),
        }),
        document,
        operation,
        query,
        queryHash: sha256(query),
        operationName,
        variables,
      };
    },
    async run(prepared, event, context) {
      try {
        const executed = await executeQueryPlan(
          prepared.plan.perEvent,
          serviceMapFor(prepared.plan, event),
          requestContextFor(prepared, context),
          prepared.operationContext,
          planner.supergraphSchema,
          planner.apiSchema,
        );
        return maskResult(mask, { data: executed.data ?? null, errors: executed.errors ?? [] });
      } catch (error) {
        return { data: null, errors: [mask({ message: String((error as Error)?.message ?? error) }, error)] };
      }
    },
  };
}
