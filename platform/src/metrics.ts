import client from 'prom-client';

export type MetricsRegistry = client.Registry;
export { client as prom };

/** A registry per process with Node's default metrics, labelled by service. */
export function createMetricsRegistry(service: string): client.Registry {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
  return registry;
}
