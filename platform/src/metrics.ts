import client from 'prom-client';
import { sdkOperations } from './generated/sdk-operations.js';
import { webOperations } from './generated/web-operations.js';

export type MetricsRegistry = client.Registry;
export { client as prom };

/** A registry per process with Node's default metrics, labelled by service. */
/**
 * The metric `name` of `registry`, created by `create` the first time: several instances of one
 * component (runners, relays) in a process share one series set instead of registering twice.
 */
export function singleMetric<T>(registry: client.Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export function createMetricsRegistry(service: string): client.Registry {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The operation names our own clients send: the SDK's documents (sdk/operations/*.graphql) and
 * the web app's (web/src), generated from them by `npm run codegen`.
 */
export const clientOperationNames: ReadonlySet<string> = new Set(
  [sdkOperations, webOperations].flatMap((ops) =>
    [ops.Query, ops.Mutation, ops.Subscription].flatMap((names) => Object.values<string>(names)),
  ),
);

/**
 * The `operation` label of a request metric. The name is chosen by the client, so only names in
 * `known` become labels (`anonymous` when there is none, `other` otherwise): a client sending
 * random names must not create a time series per request.
 */
export function boundedOperationLabel(name: string | null | undefined, known: ReadonlySet<string>): string {
  if (!name) return 'anonymous';
  return known.has(name) ? name : 'other';
}

/**
 * The client's operation name inside the name the gateway's query planner gives a subgraph
 * fetch (`<operation>__<subgraph>__<n>`); any other name is returned as it is.
 */
export function plannedOperationOrigin(name: string): string {
  return /^(.+?)__\w+__\d+$/.exec(name)?.[1] ?? name;
}
