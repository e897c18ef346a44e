// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { serveWorker } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createRecurrenceConsumer } from './consumer.js';
import { recurrenceConfigSchema } from './env.js';

const config = loadConfigOrExit(recurrenceConfigSchema);
const logger = createLogger('recurrence', config.LOG_LEVEL);
const registry = createMetricsRegistry('recurrence');
const consumer = createRecurrenceConsumer(config, { logger, registry });
await consumer.start();
await serveWorker({
  name: 'recurrence',
  port: config.PORT,
  registry,
  logger,
  readiness: { database: () => databaseReady(consumer.db as Kysely<unknown>), kafka: async () => consumer.ready() },
  details: { topic: config.TASK_EVENTS_TOPIC, group: config.CONSUMER_GROUP },
  stop: () => consumer.stop(),
});
