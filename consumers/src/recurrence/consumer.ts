import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createConsumerRunner } from '@taskwire/platform/consumer-runner';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import { createTasksDatabase, type TasksDatabase } from '@taskwire/tasks/db/database';
import type { RecurrenceConfig } from './env.js';
import { handle, recurrenceEventTypes } from './handler.js';

export interface RecurrenceConsumer {
  start(): Promise<void>;
  /** Stops fetching, finishes the batch, commits, disconnects, closes the database pool. */
  stop(): Promise<void>;
  ready(): boolean;
  db: Kysely<TasksDatabase>;
}

export interface RecurrenceConsumerDeps {
  logger?: Logger;
  registry?: MetricsRegistry;
  maxAttempts?: number;
  /** Start from the earliest offset when the group has none (default true, as in production). */
  fromBeginning?: boolean;
}

/**
 * recurrence: `task.completed` of a recurring task → its next instance in the tasks schema,
 * with its `task.created` in the tasks outbox, in one transaction (the tasks subgraph's relay
 * publishes it). The tasks schema must be migrated (the tasks subgraph or its migrate CLI
 * does it); its inbox `processed_events` holds this consumer's claims under CONSUMER_GROUP.
 */
export function createRecurrenceConsumer(config: RecurrenceConfig, deps: RecurrenceConsumerDeps = {}): RecurrenceConsumer {
  const logger = deps.logger ?? createLogger('recurrence', config.LOG_LEVEL);
  const db = createTasksDatabase(config.DATABASE_URL, 4);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.CONSUMER_GROUP, logger });
  const outcomes = deps.registry
    ? new prom.Counter({
        name: 'recurrence_outcomes_total',
        help: 'task.completed events handled by the recurrence consumer, by outcome',
        labelNames: ['outcome'],
        registers: [deps.registry],
      })
    : undefined;
  const runner = createConsumerRunner<TasksDatabase>({
    name: config.CONSUMER_GROUP,
    topics: [config.TASK_EVENTS_TOPIC],
    kafka,
    db,
    logger,
    handle: async (trx, event) => {
      const outcome = await handle(trx, event);
      const label = outcome.kind === 'created' ? 'created' : outcome.reason;
      outcomes?.inc({ outcome: label });
      if (outcome.kind === 'created') {
        logger.debug({ eventId: event.id, taskId: outcome.task.id, occurrence: outcome.task.occurrence, skipped: outcome.skipped }, 'next instance created');
      }
    },
    types: recurrenceEventTypes,
    sessionTimeoutMs: config.RECURRENCE_SESSION_TIMEOUT_MS,
    ...(deps.registry ? { registry: deps.registry } : {}),
    ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
    ...(deps.fromBeginning !== undefined ? { fromBeginning: deps.fromBeginning } : {}),
  });
  return {
    db,
    start: () => runner.start(),
    stop: async () => {
      await runner.stop();
      await db.destroy();
    },
    ready: () => runner.ready(),
  };
}
