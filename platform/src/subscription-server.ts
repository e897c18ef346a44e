import type http from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { bearerToken } from './auth.js';
import type { RequestContext, SubgraphServer } from './subgraph-server.js';

/** A subscription field's source: its arguments and the subscription's context. */
export type SubscriptionRoot<TContext> = (
  args: never,
  context: TContext,
) => AsyncIterableIterator<unknown> | Promise<AsyncIterableIterator<unknown>>;

export interface SubscriptionServer {
  /** Open graphql-ws connections (for a gauge of the caller's own name). */
  connections(): number;
  /** Closes every socket with 1012 (Service Restart: clients reconnect elsewhere). */
  stop(): Promise<void>;
}

type ConnectionExtra = { token?: string };

/**
 * Serves a subgraph's subscription fields over graphql-ws on its own HTTP server and path
 * (`/graphql`). Only the gateway may open a socket: an upgrade without its `x-gateway-secret`
 * is refused with HTTP 403. A connection must carry `connectionParams.authorization` =
 * `Bearer <token>` (the gateway forwards the client's); without a valid one it is refused
 * (4403 Forbidden). Each subscription runs with the context of that token.
 */
export function attachSubscriptionServer<TContext extends RequestContext>(options: {
  httpServer: http.Server;
  server: SubgraphServer<TContext>;
  /** Subscription root fields → their sources (`roots.subscription` of graphql-ws). */
  roots: Record<string, SubscriptionRoot<TContext>>;
}): SubscriptionServer {
  const { server } = options;
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    verifyClient: (info, done) => done(server.fromGateway(info.req), 403, 'Forbidden'),
  });
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
        return true;
      },
      context: (ctx) => server.contextFor(ctx.extra.token ?? null),
      roots: { subscription: options.roots as Record<string, (...args: unknown[]) => unknown> },
    },
    wss,
  );
  return {
    connections: () => wss.clients.size,
    async stop() {
      for (const socket of wss.clients) socket.close(1012, 'service restart');
      await disposable.dispose();
    },
  };
}

/**
 * `source` with `map` applied to each value; `return()` and `throw()` end `source` at once
 * (graphql-ws calls them when the client completes), unlike an `async function*` wrapper,
 * which would notice only at the next value.
 */
export function mapIterator<T, U>(source: AsyncIterableIterator<T>, map: (value: T) => U): AsyncIterableIterator<U> {
  const mapped: AsyncIterableIterator<U> = {
    async next() {
      const r = await source.next();
      if (r.done) return { value: undefined, done: true };
      return { value: map(r.value), done: false };
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

/** A subgraph's running subscriptions: its per-replica feed, its hub and its sockets. */
export interface FeedSubscriptions {
  /** Open graphql-ws connections (for a gauge of the caller's own name). */
  connections(): number;
  /** True once the feed owns its partitions (for /readyz). */
  ready(): boolean;
  /** Ends every subscription, closes every socket with 1012 and leaves the feed's group. */
  stop(): Promise<void>;
}

/** Starts `feed` (events into `hub`), then serves `roots` over graphql-ws (attachSubscriptionServer). */
export async function serveFeedSubscriptions<TContext extends RequestContext>(options: {
  feed: { start(): Promise<void>; stop(): Promise<void>; ready(): boolean };
  hub: { closeAll(): void };
  httpServer: http.Server;
  server: SubgraphServer<TContext>;
  roots: Record<string, SubscriptionRoot<TContext>>;
}): Promise<FeedSubscriptions> {
  const { feed, hub } = options;
  await feed.start();
  const sockets = attachSubscriptionServer(options);
  return {
    connections: sockets.connections,
    ready: () => feed.ready(),
    async stop() {
      hub.closeAll();
      await sockets.stop();
      await feed.stop();
    },
  };
}
