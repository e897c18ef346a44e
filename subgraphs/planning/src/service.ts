import type http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Kysely } from 'kysely';
import { createVerifierFromConfig } from '@taskwire/platform/auth';
import { createDatabase, databaseReady } from '@taskwire/platform/database';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createOutboxRelay, type OutboxRelay } from '@taskwire/platform/outbox-relay';
import { createSubgraphServer, type SubgraphServer } from '@taskwire/platform/subgraph-server';
import { createPlanningContext, type PlanningContext } from './context.js';
import { planningSchema, type PlanningDatabase } from './db/database.js';
import { applyPlanningMigrations } from './db/migrations.js';
import type { PlanningConfig } from './env.js';
import { planningResolvers } from './resolvers.js';
import { attachReminderSubscriptions, type ReminderSubscriptions } from './subscriptions/attach.js';
import { planningMutationIdempotency } from './idempotency.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const planningSdlPath = path.resolve(here, '../../../schema/planning.graphql');

/** Kysely on the `planning` schema (search_path). */
export function createPlanningDatabase(databaseUrl: string, maxConnections = 10): Kysely<PlanningDatabase> {
  return createDatabase<PlanningDatabase>({
    url: databaseUrl,
    schema: planningSchema,
    maxConnections,
    applicationName: 'planning',
  });
}

/** Applies this subgraph's pending migrations (schema `planning` only). */
export async function migratePlanning(databaseUrl: string): Promise<void> {
  const db = createPlanningDatabase(databaseUrl, 1);
  try {
    await applyPlanningMigrations(db, planningSchema);
  } finally {
    await db.destroy();
  }
}

export interface PlanningService {
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<opsPort>: /healthz, /readyz, /metrics */
  opsUrl: string;
  /** The node:http server: attach a graphql-ws server here for `Subscription.reminderDue`. */
  httpServer: http.Server;
  /** The subgraph server (schema, `contextFor(token)` for a graphql-ws server). */
  server: SubgraphServer<PlanningContext>;
  db: Kysely<PlanningDatabase>;
  stop(): Promise<void>;
}

/** Starts the planning subgraph (tags, reminders) and, unless disabled, its outbox relay. */
export async function startPlanningService(config: PlanningConfig): Promise<PlanningService> {
  const logger = createLogger('planning', config.LOG_LEVEL);
  const registry = createMetricsRegistry('planning');
  await migratePlanning(config.DATABASE_URL);
  const db = createPlanningDatabase(config.DATABASE_URL);
  const verifier = await createVerifierFromConfig({ jwtPublicKey: config.JWT_PUBLIC_KEY, jwksUrl: config.JWKS_URL });

  let relay: OutboxRelay | null = null;
  if (config.OUTBOX_RELAY) {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'planning-outbox', logger });
    relay = createOutboxRelay({ databaseUrl: config.DATABASE_URL, schema: planningSchema, kafka, logger, registry });
    await relay.start();
  }

  let subscriptions: ReminderSubscriptions | undefined;
  const server = await createSubgraphServer<PlanningContext>({
    name: 'planning',
    typeDefs: parse(readFileSync(planningSdlPath, 'utf8')),
    resolvers: planningResolvers,
    idempotency: { db, modes: planningMutationIdempotency },
    verifier,
    logger,
    registry,
    edge: config,
    readiness: {
      database: () => databaseReady(db as Kysely<unknown>),
      ...(relay ? { outboxRelay: async () => relay.ready() } : {}),
      reminderFeed: async () => subscriptions?.ready() ?? false,
    },
    extendContext: (base) => createPlanningContext(base, db, { taskProjectionWaitMs: config.TASK_PROJECTION_WAIT_MS }),
  });

  // Subscription.reminderDue over graphql-ws on the same port and path (fed by reminder-events).
  subscriptions = await attachReminderSubscriptions({
    httpServer: server.httpServer,
    server,
    kafkaBrokers: config.KAFKA_BROKERS,
    logger,
    registry,
    maxSubscriptionsPerUser: config.MAX_SUBSCRIPTIONS_PER_USER,
  });

  const { port, opsPort } = await server.listen();
  logger.info({ port, opsPort, outboxRelay: Boolean(relay) }, 'planning subgraph listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    httpServer: server.httpServer,
    server,
    db,
    stop: async () => {
      await subscriptions?.stop();
      await server.stop();
      await relay?.stop();
      await db.destroy();
    },
  };
}
