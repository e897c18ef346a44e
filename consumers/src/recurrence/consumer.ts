import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createConsumerRunner } from '@taskwire/platform/consumer-runner';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import { createTasksDatabase, type TasksDatabase } from '@taskwire/tasks';
import { waitForTasksSchema } from '@taskwire/tasks/migrate';
import { inEventContext } from '@taskwire/platform/trace-context';
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
export function createRecurrenceConsumer(
  config: RecurrenceConfig,
  deps: RecurrenceConsumerDeps = {},
): RecurrenceConsumer {
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
  const apply = async (trx: Parameters<typeof handle>[0], event: Parameters<typeof handle>[1]) => {
    const outcome = await handle(trx, event);
    outcomes?.inc({ outcome: outcome.kind === 'created' ? 'created' : outcome.reason });
    if (outcome.kind === 'created') {
      logger.debug(
        { eventId: event.id, taskId: outcome.task.id, occurrence: outcome.task.occurrence, skipped: outcome.skipped },
        'next instance created',
      );
    }
  };
  const runner = createConsumerRunner({
    name: config.CONSUMER_GROUP,
    topics: [config.TASK_EVENTS_TOPIC],
    kafka,
    db,
    logger,
    handle: apply,
    // A batch's new events in one transaction (one commit instead of one per event), in order:
    // two completions of one instance in a batch see each other's effect. If the batch fails,
    // the runner applies its events one by one to isolate the poison message.
    handleBatch: async (trx, events) => {
      // Each under its own event's span, so the next instance's event continues that trace.
      for (const { event } of events) await inEventContext(event, () => apply(trx, event));
    },
    maxBatchEvents: 100,
    types: recurrenceEventTypes,
    sessionTimeoutMs: config.RECURRENCE_SESSION_TIMEOUT_MS,
    ...(deps.registry ? { registry: deps.registry } : {}),
    ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
    ...(deps.fromBeginning !== undefined ? { fromBeginning: deps.fromBeginning } : {}),
  });
  return {
    db,
    // The tasks service's migrator owns the schema; this worker waits for it, never migrates it.
    start: async () => {
      await waitForTasksSchema(db);
      await runner.start();
    },
    stop: async () => {
      await runner.stop();
      await db.destroy();
    },
    ready: () => runner.ready(),
  };
}
