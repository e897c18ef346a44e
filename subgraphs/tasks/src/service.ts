import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { createVerifierFromConfig } from '@taskwire/platform/auth';
import { createConsumerRunner, type ConsumerRunner } from '@taskwire/platform/consumer-runner';
import { topics } from '@taskwire/platform/events';
import { databaseReady } from '@taskwire/platform/database';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createOutboxRelay, type OutboxRelay } from '@taskwire/platform/outbox-relay';
import { createSubgraphServer } from '@taskwire/platform/subgraph-server';
import { attachTaskChangeSubscriptions, type TaskChangeSubscriptions } from './subscriptions/attach.js';
import { createTasksContext, type TasksContext } from './context.js';
import { applyTasksMigrations } from './db/migrations.js';
import { createTasksDatabase, tasksSchemaName, type TasksDatabase } from './db/database.js';
import type { TasksConfig } from './env.js';
import {
  handleTagEvent,
  tagProjectionConsumer,
  tagProjectionTypes,
} from './modules/tag-projection/tag-projection.handler.js';
import { tasksResolvers } from './resolvers.js';
import {
  handleUserEvent,
  userProjectionConsumer,
  userProjectionTypes,
} from './modules/user-projection/user-projection.handler.js';
import type { AfterTaskWrite, TaskServiceDeps } from './modules/task/task.service.js';
import { tasksMutationIdempotency } from './idempotency.js';
import { startTrashPurge } from './modules/task/task.trash.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sdlPath = path.resolve(here, '../../../schema/tasks.graphql');

export interface TasksService {
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<opsPort>: /healthz, /readyz, /metrics */
  opsUrl: string;
  stop(): Promise<void>;
}

export interface TasksServiceOptions {
  /** Test seam: runs inside every write transaction after the row change (throw to abort it). */
  afterWrite?: AfterTaskWrite;
  /** Clock for isOverdue and timestamps (tests). */
  now?: () => Date;
  /**
   * Overrides for the tag projection consumer (tests isolate it on a private topic and group);
   * defaults: group/inbox name `tasks-tag-projection`, topic `task-events`.
   */
  tagProjection?: ProjectionOptions;
  /** Likewise for the user projection; defaults: `tasks-user-projection` on `user-events`. */
  userProjection?: ProjectionOptions;
}

export interface ProjectionOptions {
  name?: string;
  topics?: string[];
  fromBeginning?: boolean;
}

/** Applies this subgraph's pending migrations (schema `tasks` only). */
export async function migrateTasks(databaseUrl: string): Promise<void> {
  const db = createTasksDatabase(databaseUrl);
  try {
    await applyTasksMigrations(db, tasksSchemaName);
  } finally {
    await db.destroy();
  }
}

/**
 * Starts the tasks subgraph: migrates its schema, serves GraphQL on /graphql, and (unless
 * disabled in config) runs the outbox relay for schema `tasks`, the tag projection consumer
 * (`tasks-tag-projection` on `task-events`) and the user projection consumer
 * (`tasks-user-projection` on `user-events`), and serves `Subscription.projectChanges` over
 * graphql-ws (subscriptions/attach.ts).
 */
export async function startTasksService(config: TasksConfig, options: TasksServiceOptions = {}): Promise<TasksService> {
  const logger = createLogger('tasks', config.LOG_LEVEL);
  const registry = createMetricsRegistry('tasks');
  await migrateTasks(config.DATABASE_URL);
  const db = createTasksDatabase(config.DATABASE_URL);
  const verifier = await createVerifierFromConfig({ jwtPublicKey: config.JWT_PUBLIC_KEY, jwksUrl: config.JWKS_URL });
  const deps: TaskServiceDeps = {
    db,
    now: options.now ?? (() => new Date()),
    afterWrite: options.afterWrite,
    sharesPerDay: config.PROJECT_SHARES_PER_DAY,
  };

  const kafka =
    config.OUTBOX_RELAY_ENABLED || config.TAG_PROJECTION_ENABLED || config.USER_PROJECTION_ENABLED
      ? createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'tasks', logger })
      : undefined;
  let relay: OutboxRelay | undefined;
  let projection: ConsumerRunner | undefined;
  if (kafka && config.OUTBOX_RELAY_ENABLED) {
    relay = createOutboxRelay({ databaseUrl: config.DATABASE_URL, schema: tasksSchemaName, kafka, logger, registry });
  }
  if (kafka && config.TAG_PROJECTION_ENABLED) {
    projection = createConsumerRunner({
      name: options.tagProjection?.name ?? tagProjectionConsumer,
      topics: options.tagProjection?.topics ?? [topics.task],
      kafka,
      db,
      logger,
      registry,
      types: tagProjectionTypes,
      ...(options.tagProjection?.fromBeginning !== undefined
        ? { fromBeginning: options.tagProjection.fromBeginning }
        : {}),
      handle: (trx, event) => handleTagEvent(trx, event),
    });
  }

  let userProjection: ConsumerRunner | undefined;
  if (kafka && config.USER_PROJECTION_ENABLED) {
    const own = options.userProjection ?? {};
    // A new group reads user-events from the beginning: the projection needs every user.
    userProjection = createConsumerRunner<TasksDatabase, (typeof userProjectionTypes)[number]>({
      name: own.name ?? userProjectionConsumer,
      topics: own.topics ?? [topics.user],
      kafka,
      db,
      logger,
      registry,
      types: userProjectionTypes,
      fromBeginning: own.fromBeginning ?? true,
      handle: (trx, event) => handleUserEvent(trx, event),
    });
  }

  let subscriptions: TaskChangeSubscriptions | undefined;
  const server = await createSubgraphServer<TasksContext>({
    name: 'tasks',
    typeDefs: parse(readFileSync(sdlPath, 'utf8')),
    resolvers: tasksResolvers,
    idempotency: { db, modes: tasksMutationIdempotency },
    verifier,
    logger,
    registry,
    edge: config,
    readiness: {
      database: () => databaseReady(db as never),
      ...(relay ? { outboxRelay: async () => relay.ready() } : {}),
      ...(projection ? { tagProjection: async () => projection.ready() } : {}),
      ...(userProjection ? { userProjection: async () => userProjection.ready() } : {}),
      ...(config.TASK_SUBSCRIPTIONS_ENABLED ? { changeFeed: async () => subscriptions?.ready() ?? false } : {}),
    },
    extendContext: (base) => createTasksContext(base, deps),
  });

  try {
    await relay?.start();
    await projection?.start();
    await userProjection?.start();
    // Subscription.projectChanges over graphql-ws on the same port and path (fed by task-events).
    if (config.TASK_SUBSCRIPTIONS_ENABLED)
      subscriptions = await attachTaskChangeSubscriptions({
        httpServer: server.httpServer,
        server,
        db,
        kafkaBrokers: config.KAFKA_BROKERS,
        logger,
        registry,
        maxSubscriptionsPerUser: config.MAX_SUBSCRIPTIONS_PER_USER,
      });
  } catch (error) {
    await Promise.allSettled([
      subscriptions?.stop(),
      relay?.stop(),
      projection?.stop(),
      userProjection?.stop(),
      server.stop(),
    ]);
    await db.destroy();
    throw error;
  }
  const { port, opsPort } = await server.listen();
  // Tasks in the Trash for 30 days are deleted for good (task.purged).
  const stopTrashPurge = startTrashPurge(deps, logger);
  logger.info(
    {
      port,
      opsPort,
      relay: Boolean(relay),
      tagProjection: Boolean(projection),
      userProjection: Boolean(userProjection),
      subscriptions: Boolean(subscriptions),
    },
    'tasks subgraph listening',
  );

  let stopped: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    stop: () =>
      (stopped ??= (async () => {
        stopTrashPurge();
        await subscriptions?.stop();
        await server.stop();
        await Promise.allSettled([projection?.stop(), userProjection?.stop(), relay?.stop()]);
        await db.destroy();
      })()),
  };
}
