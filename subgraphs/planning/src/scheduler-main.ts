// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { serveWorker } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { schedulerConfigSchema } from './scheduler/env.js';
import { createReminderScheduler } from './scheduler/scheduler.js';
import { waitForPlanningSchema } from './migrator.js';
import { createPlanningDatabase } from './service.js';

const config = loadConfigOrExit(schedulerConfigSchema);
const logger = createLogger('scheduler', config.LOG_LEVEL);
const registry = createMetricsRegistry('scheduler');
const db = createPlanningDatabase(config.DATABASE_URL, 4);
// The planning service's migrator owns the schema (it runs first); the scheduler only waits for it.
await waitForPlanningSchema(db);
const scheduler = createReminderScheduler({
  db,
  databaseUrl: config.DATABASE_URL,
  logger,
  registry,
  batchSize: config.SCHEDULER_BATCH_SIZE,
  maxIdleMs: config.SCHEDULER_MAX_IDLE_MS,
});
await scheduler.start();
await serveWorker({
  name: 'scheduler',
  port: config.PORT,
  registry,
  logger,
  readiness: { database: () => databaseReady(db as Kysely<unknown>), scheduler: async () => scheduler.ready() },
  stop: async () => {
    await scheduler.stop();
    await db.destroy();
  },
});
