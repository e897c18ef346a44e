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
  /** 1 while the last call to the subgraph succeeded, 0 after a failed call or while its circuit is open. */
  subgraphUp: prom.Gauge<'subgraph'>;
  /** The subgraph's circuit breaker: 0 closed, 1 open (calls refused), 2 half-open (probing). */
  subgraphCircuitState: prom.Gauge<'subgraph'>;
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
    subgraphUp: new prom.Gauge({
      name: 'gateway_subgraph_up',
      help: 'Whether the gateway reaches each subgraph: 1 after a successful call, 0 after a failed one or while its circuit is open',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    subgraphCircuitState: new prom.Gauge({
      name: 'gateway_subgraph_circuit_state',
      help: 'Circuit breaker of each subgraph: 0 closed, 1 open (calls refused), 2 half-open (probing)',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    operationLabel: (name) => boundedOperationLabel(name, clientOperationNames),
  };
}
