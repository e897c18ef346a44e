import type http from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { notFound } from '@taskwire/platform/errors';
import { textInput } from '@taskwire/platform/input';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import { requireUser, type SubgraphServer } from '@taskwire/platform/subgraph-server';
import { checkSubscriptionCap, createSubscriptionHub } from '@taskwire/platform/subscription-hub';
import { mapIterator, serveFeedSubscriptions, type FeedSubscriptions } from '@taskwire/platform/subscription-server';
import type { TasksContext } from '../context.js';
import type { TasksDatabase } from '../db/database.js';
import { projectsOf, type TaskChangeModel } from '../modules/task-change/task-change.model.js';
import { createTaskChangeFeed, type TaskChangeHub } from './change-feed.js';

export type TaskChangeSubscriptions = FeedSubscriptions;

interface Limits {
  maxQueued: number;
  maxSubscriptionsPerUser: number;
}

/**
 * The `projectChanges` source of one subscription: one project's changes (the subscriber must
 * be a member: NOT_FOUND otherwise), or every project's the subscriber belongs to.
 */
function projectChangesSource(hub: TaskChangeHub, limits: Limits) {
  return async (args: { projectId?: string | null }, ctx: TasksContext) => {
    const userId = requireUser(ctx);
    const projectId = args.projectId == null ? null : textInput(args.projectId, 'projectId');
    if (projectId && !(await ctx.projectLoader.load(projectId))) throw notFound('project', projectId);
    checkSubscriptionCap(hub, userId, limits.maxSubscriptionsPerUser, 'projectChanges');
    const accept = projectId ? (change: TaskChangeModel) => projectsOf(change).includes(projectId) : undefined;
    const source = hub.subscribe(userId, { maxQueued: limits.maxQueued, ...(accept ? { accept } : {}) });
    // One context serves every change: read tasks and projects fresh for each.
    return mapIterator(source, (change) => {
      ctx.taskLoader.clearAll();
      ctx.projectLoader.clearAll();
      return { projectChanges: change };
    });
  };
}

/**
 * `Subscription.projectChanges` over graphql-ws on the tasks subgraph's own HTTP server and
 * path (platform/src/subscription-server.ts: only the gateway, with the client's token), fed
 * by `task-events` through a per-replica group; who is told is decided by the memberships in
 * this subgraph's database at the moment of delivery (change-feed.ts).
 */
export async function attachTaskChangeSubscriptions(options: {
  httpServer: http.Server;
  server: SubgraphServer<TasksContext>;
  db: Kysely<TasksDatabase>;
  kafkaBrokers: string[];
  logger: Logger;
  registry?: MetricsRegistry;
  topic?: string;
  /** Undelivered changes kept per subscription before the oldest is dropped. */
  maxQueued?: number;
  /** Open subscriptions per user on this replica; one more is refused with TOO_MANY_REQUESTS. */
  maxSubscriptionsPerUser: number;
}): Promise<TaskChangeSubscriptions> {
  const registers = options.registry ? [options.registry] : [];
  const dropped = new prom.Counter({
    name: 'tasks_change_subscription_drops_total',
    help: 'Task changes dropped from full subscription queues',
    registers,
  });
  const events = new prom.Counter({
    name: 'tasks_change_events_total',
    help: 'Task events received by this replica for projectChanges',
    registers,
  });
  const hub = createSubscriptionHub<TaskChangeModel>({ onDrop: () => dropped.inc() });
  new prom.Gauge({
    name: 'tasks_change_subscriptions',
    help: 'Open projectChanges subscriptions on this replica',
    registers,
    collect() {
      this.set(hub.size());
    },
  });
  const feed = createTaskChangeFeed({
    brokers: options.kafkaBrokers,
    db: options.db,
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
      projectChanges: projectChangesSource(hub, {
        maxQueued: options.maxQueued ?? 100,
        maxSubscriptionsPerUser: options.maxSubscriptionsPerUser,
      }),
    },
  });
  new prom.Gauge({
    name: 'tasks_ws_connections',
    help: 'Open graphql-ws connections',
    registers,
    collect() {
      this.set(subscriptions.connections());
    },
  });
  return subscriptions;
}
