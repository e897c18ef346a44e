import { createMetricsRegistry, prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import { operationLabel } from './operation-names.js';

export interface GatewayMetrics {
  registry: MetricsRegistry;
  requests: prom.Counter<'operation'>;
  requestDuration: prom.Histogram<'operation'>;
  subgraphFetchDuration: prom.Histogram<'subgraph' | 'outcome'>;
  errors: prom.Counter<'code'>;
  /** Bounded label for a client-chosen operation name (operation-names.ts). */
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
      help: 'GraphQL errors returned to clients by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    operationLabel,
  };
}
