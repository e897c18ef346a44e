import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { bearerToken } from '@taskwire/platform/auth';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import type { SubgraphServer } from '@taskwire/platform/subgraph-server';
import type { PlanningContext } from '../context.js';
import { createReminderFeed, type ReminderFeed } from './reminder-feed.js';
import { createReminderHub, type ReminderNotificationModel } from './reminder-hub.js';

export interface ReminderSubscriptions {
  feed: ReminderFeed;
  /** True once the feed owns its partitions (for /readyz). */
  ready(): boolean;
  /** Closes every socket with 1012 (Service Restart: clients reconnect elsewhere) and leaves the group. */
  stop(): Promise<void>;
}

type ConnectionExtra = {
  token?: string;
  userId?: string;
};

/**
 * `Subscription.reminderDue` over graphql-ws on the planning subgraph's own HTTP server and
 * path (`/graphql`). A connection must carry `connectionParams.authorization` =
 * `Bearer <token>` (the gateway forwards the client's); without a valid one it is refused
 * (4403 Forbidden); an upgrade without the gateway's `x-gateway-secret` is refused with HTTP
 * 403, and a user's subscriptions are capped. Each subscription streams only its user's `reminder.due` events.
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
  const { logger, server } = options;
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
    logger,
    onEvent: () => events.inc(),
    ...(options.topic ? { topic: options.topic } : {}),
  });
  await feed.start();

  // Only the gateway may open a socket: the upgrade without its secret is refused (403).
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    verifyClient: (info, done) => done(server.fromGateway(info.req), 403, 'Forbidden'),
  });
  const connections = new prom.Gauge({
    name: 'planning_ws_connections',
    help: 'Open graphql-ws connections',
    registers,
    collect() {
      this.set(wss.clients.size);
    },
  });
  void connections;
  const disposable = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: server.schema,
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization;
        const token = typeof header === 'string' ? bearerToken(header) : null;
        if (!token) return false;
        const context = await server.contextFor(token);
        if (!context.user) return false;
        ctx.extra.token = token;
        ctx.extra.userId = context.user.id;
        return true;
      },
      context: (ctx) => server.contextFor(ctx.extra.token ?? null),
      roots: {
        subscription: {
          reminderDue: (_args: unknown, context: PlanningContext) => {
            if (!context.user)
              throw new GraphQLError('sign in to subscribe', { extensions: { code: 'UNAUTHENTICATED' } });
            if (hub.sizeOf(context.user.id) >= options.maxSubscriptionsPerUser)
              throw new GraphQLError(
                `too many open reminderDue subscriptions: at most ${options.maxSubscriptionsPerUser} per user; complete one first`,
                { extensions: { code: 'TOO_MANY_REQUESTS' } },
              );
            const source = hub.subscribe(context.user.id, { maxQueued: options.maxQueued ?? 100 });
            // One execution context serves every event of the subscription: drop the
            // DataLoader caches per event so Task.tags is read fresh each time.
            const mapped: AsyncIterableIterator<{ reminderDue: ReminderNotificationModel }> = {
              async next() {
                const r = await source.next();
                if (r.done) return { value: undefined, done: true };
                context.loaders.tagsByTask.clearAll();
                context.loaders.remindersByTask.clearAll();
                return { value: { reminderDue: r.value }, done: false };
              },
              return: async () => {
                await source.return!();
                return { value: undefined, done: true };
              },
              throw: async (error?: unknown) => {
                await source.return!();
                throw error;
              },
              [Symbol.asyncIterator]() {
                return mapped;
              },
            };
            return mapped;
          },
        },
      },
    },
    wss,
  );
  return {
    feed,
    ready: () => feed.ready(),
    async stop() {
      hub.closeAll();
      for (const socket of wss.clients) socket.close(1012, 'service restart');
      await disposable.dispose();
      await feed.stop();
    },
  };
}
