// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { serveWorker } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createPlanningSyncConsumer } from './consumer.js';
import { planningSyncConfigSchema } from './env.js';

const config = loadConfigOrExit(planningSyncConfigSchema);
const logger = createLogger('planning-sync', config.LOG_LEVEL);
const registry = createMetricsRegistry('planning-sync');
const consumer = createPlanningSyncConsumer(config, { logger, registry });
await consumer.start();
await serveWorker({
  name: 'planning-sync',
  port: config.PORT,
  registry,
  logger,
  readiness: { database: () => databaseReady(consumer.db as Kysely<unknown>), kafka: async () => consumer.ready() },
  details: { topic: config.TASK_EVENTS_TOPIC },
  stop: () => consumer.stop(),
});
