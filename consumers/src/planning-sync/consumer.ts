import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createConsumerRunner } from '@taskwire/platform/consumer-runner';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import type { MetricsRegistry } from '@taskwire/platform/metrics';
import { type PlanningDatabase, createPlanningDatabase } from '@taskwire/planning';
import { waitForPlanningSchema } from '@taskwire/planning/migrate';
import type { PlanningSyncConfig } from './env.js';
import { handleInputs, planningSyncEventTypes } from './handler.js';

export interface PlanningSyncConsumer {
  start(): Promise<void>;
  /** Stops fetching, finishes the batch, commits, disconnects, closes the database pool. */
  stop(): Promise<void>;
  ready(): boolean;
  db: Kysely<PlanningDatabase>;
}

/**
 * planning-sync: `task-events` → planning's task projection, inherited tags/reminders of
 * recurring instances, re-timed and cancelled reminders; `user.deleted` on `user-events` →
 * the user's planning rows erased; `project-events` → the membership projection (one group
 * reads the three topics: one inbox, one readiness). The planning schema must be
 * migrated (the planning subgraph or its migrate CLI does it).
 */
export function createPlanningSyncConsumer(
  config: PlanningSyncConfig,
  deps: { logger?: Logger; registry?: MetricsRegistry; maxAttempts?: number } = {},
): PlanningSyncConsumer {
  const logger = deps.logger ?? createLogger('planning-sync', config.LOG_LEVEL);
  const db = createPlanningDatabase(config.DATABASE_URL, 4);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.CONSUMER_GROUP, logger });
  const runner = createConsumerRunner({
    name: config.CONSUMER_GROUP,
    topics: [config.TASK_EVENTS_TOPIC, config.USER_EVENTS_TOPIC, config.PROJECT_EVENTS_TOPIC],
    kafka,
    db,
    logger,
    handle: (trx, event) => handleInputs(trx, [event]),
    // A batch in one transaction: catching up on a backlog costs one commit per batch, not
    // per event (the runner falls back to `handle` one by one if the batch throws).
    handleBatch: (trx, items) =>
      handleInputs(
        trx,
        items.map((i) => i.event),
      ),
    types: planningSyncEventTypes,
    fromBeginning: config.TASK_EVENTS_FROM_BEGINNING,
    ...(deps.registry ? { registry: deps.registry } : {}),
    ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
  });
  return {
    db,
    // The planning service's migrator owns the schema; this worker waits for it, never migrates it.
    start: async () => {
      await waitForPlanningSchema(db);
      await runner.start();
    },
    stop: async () => {
      await runner.stop();
      await db.destroy();
    },
    ready: () => runner.ready(),
  };
}
