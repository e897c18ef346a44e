import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';

/** Why a client's subscription ended (label of gateway_subscription_terminations_total). */
export type TerminationReason =
  'client_complete' | 'client_disconnect' | 'token_expired' | 'shutdown' | 'upstream_error' | 'upstream_complete';

export interface SubscriptionMetrics {
  connections: prom.Gauge;
  open: prom.Gauge;
  events: prom.Counter<'stage'>;
  drops: prom.Counter;
  terminations: prom.Counter<'reason'>;
  refusals: prom.Counter<'reason'>;
  reconnects: prom.Counter<'subgraph'>;
  eventDuration: prom.Histogram;
}

/** Registers the subscription metrics; gauges of the upstream side read `sample()` on scrape. */
export function createSubscriptionMetrics(
  registry: MetricsRegistry,
  sample: () => { upstreams: number; sockets: number; connections: number; open: number },
): SubscriptionMetrics {
  const registers = [registry];
  new prom.Gauge({
    name: 'gateway_subscription_upstreams',
    help: 'Open upstream subscriptions to subgraphs (shared by identical client subscriptions)',
    registers,
    collect() {
      this.set(sample().upstreams);
    },
  });
  new prom.Gauge({
    name: 'gateway_subscription_subgraph_sockets',
    help: 'Open graphql-ws sockets from the gateway to subgraphs',
    registers,
    collect() {
      this.set(sample().sockets);
    },
  });
  return {
    connections: new prom.Gauge({
      name: 'gateway_ws_connections',
      help: 'Open client graphql-ws connections',
      registers,
      collect() {
        this.set(sample().connections);
      },
    }),
    open: new prom.Gauge({
      name: 'gateway_subscriptions_open',
      help: 'Open client subscriptions',
      registers,
      collect() {
        this.set(sample().open);
      },
    }),
    events: new prom.Counter({
      name: 'gateway_subscription_events_total',
      help: 'Subscription events: received from subgraphs (upstream), resolved through the plan (executed), queued for clients (delivered)',
      labelNames: ['stage'],
      registers,
    }),
    drops: new prom.Counter({
      name: 'gateway_subscription_drops_total',
      help: 'Events dropped from full client queues (oldest first)',
      registers,
    }),
    terminations: new prom.Counter({
      name: 'gateway_subscription_terminations_total',
      help: 'Client subscriptions ended, by reason',
      labelNames: ['reason'],
      registers,
    }),
    refusals: new prom.Counter({
      name: 'gateway_subscription_refusals_total',
      help: 'Refused connections and subscriptions, by reason',
      labelNames: ['reason'],
      registers,
    }),
    reconnects: new prom.Counter({
      name: 'gateway_subscription_upstream_reconnects_total',
      help: 'Reconnections of upstream sockets',
      labelNames: ['subgraph'],
      registers,
    }),
    eventDuration: new prom.Histogram({
      name: 'gateway_subscription_event_seconds',
      help: 'Time to resolve one upstream event through the rest of the plan',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
  };
}
