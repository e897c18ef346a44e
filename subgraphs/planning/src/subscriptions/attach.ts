import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import type { SubgraphServer } from '@taskwire/platform/subgraph-server';
import { checkSubscriptionCap } from '@taskwire/platform/subscription-hub';
import { mapIterator, serveFeedSubscriptions, type FeedSubscriptions } from '@taskwire/platform/subscription-server';
import type { PlanningContext } from '../context.js';
import { createReminderFeed, type ReminderFeed } from './reminder-feed.js';
import { createReminderHub, type ReminderHub } from './reminder-hub.js';

export interface ReminderSubscriptions extends FeedSubscriptions {
  feed: ReminderFeed;
}

/** The `reminderDue` source of one subscription: the user's notifications, capped per user. */
function reminderDueSource(hub: ReminderHub, limits: { maxQueued: number; maxSubscriptionsPerUser: number }) {
  return (_args: never, context: PlanningContext) => {
    if (!context.user) throw new GraphQLError('sign in to subscribe', { extensions: { code: 'UNAUTHENTICATED' } });
    checkSubscriptionCap(hub, context.user.id, limits.maxSubscriptionsPerUser, 'reminderDue');
    // One execution context serves every event of the subscription: drop the DataLoader
    // caches per event so Task.tags is read fresh each time.
    return mapIterator(hub.subscribe(context.user.id, { maxQueued: limits.maxQueued }), (notification) => {
      context.loaders.tagsByTask.clearAll();
      context.loaders.remindersByTask.clearAll();
      return { reminderDue: notification };
    });
  };
}

/**
 * `Subscription.reminderDue` over graphql-ws on the planning subgraph's own HTTP server and
 * path (platform/src/subscription-server.ts: only the gateway, with the client's token). Each
 * subscription streams only its user's `reminder.due` events, fed by a per-replica group.
 */
export async function attachReminderSubscriptions(options: {
  httpServer: http.Server;
  server: SubgraphServer<PlanningContext>;
  kafkaBrokers: string[];
  logger: Logger;
  registry?: MetricsRegistry;
  topic?: string;
  /** Undelivered notifications kept per subscription before the oldest is dropped. */
  maxQueued?: number;
  /** Open subscriptions per user on this replica; one more is refused with TOO_MANY_REQUESTS. */
  maxSubscriptionsPerUser: number;
}): Promise<ReminderSubscriptions> {
  const registers = options.registry ? [options.registry] : [];
  const dropped = new prom.Counter({
    name: 'planning_reminder_subscription_drops_total',
    help: 'Notifications dropped from full subscription queues',
    registers,
  });
  const events = new prom.Counter({
    name: 'planning_reminder_due_events_total',
    help: 'reminder.due events received by this replica',
    registers,
  });
  const hub = createReminderHub({ onDrop: () => dropped.inc() });
  new prom.Gauge({
    name: 'planning_reminder_subscriptions',
    help: 'Open reminderDue subscriptions on this replica',
    registers,
    collect() {
      this.set(hub.size());
    },
  });
  const feed = createReminderFeed({
    brokers: options.kafkaBrokers,
    hub,
    logger: options.logger,
    onEvent: () => events.inc(),
    ...(options.topic ? { topic: options.topic } : {}),
  });
  const subscriptions = await serveFeedSubscriptions({
    feed,
    hub,
    httpServer: options.httpServer,
    server: options.server,
    roots: {
      reminderDue: reminderDueSource(hub, {
        maxQueued: options.maxQueued ?? 100,
        maxSubscriptionsPerUser: options.maxSubscriptionsPerUser,
      }),
    },
  });
  new prom.Gauge({
    name: 'planning_ws_connections',
    help: 'Open graphql-ws connections',
    registers,
    collect() {
      this.set(subscriptions.connections());
    },
  });
  return { ...subscriptions, feed };
}
