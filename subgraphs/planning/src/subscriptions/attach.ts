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
 * (4403 Forbidden). Each subscription streams only its user's `reminder.due` events.
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

  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
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
