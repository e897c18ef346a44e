import {
  boundedOperationLabel,
  clientOperationNames,
  createMetricsRegistry,
  prom,
  type MetricsRegistry,
} from '@taskwire/platform/metrics';

export interface GatewayMetrics {
  registry: MetricsRegistry;
  requests: prom.Counter<'operation'>;
  requestDuration: prom.Histogram<'operation'>;
  subgraphFetchDuration: prom.Histogram<'subgraph' | 'outcome'>;
  errors: prom.Counter<'code' | 'operation'>;
  /** Bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = createMetricsRegistry('gateway');
  const buckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  return {
    registry,
    requests: new prom.Counter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL requests by operation name',
      labelNames: ['operation'],
      registers: [registry],
    }),
    requestDuration: new prom.Histogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation name',
      labelNames: ['operation'],
      buckets,
      registers: [registry],
    }),
    subgraphFetchDuration: new prom.Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Latency of fetches from the gateway to each subgraph',
      labelNames: ['subgraph', 'outcome'],
      buckets,
      registers: [registry],
    }),
    errors: new prom.Counter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors returned to clients by code (and operation, once it is known)',
      labelNames: ['code', 'operation'],
      registers: [registry],
    }),
    operationLabel: (name) => boundedOperationLabel(name, clientOperationNames),
  };
}
