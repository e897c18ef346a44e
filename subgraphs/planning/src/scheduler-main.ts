import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createOpsServer, listen } from '@taskwire/platform/http';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { schedulerConfigSchema } from './scheduler/env.js';
import { createReminderScheduler } from './scheduler/scheduler.js';
import { createPlanningDatabase, migratePlanning } from './service.js';

const config = loadConfigOrExit(schedulerConfigSchema);
const logger = createLogger('scheduler', config.LOG_LEVEL);
const registry = createMetricsRegistry('scheduler');
// Idempotent; lets the worker start before (or without) the planning subgraph.
await migratePlanning(config.DATABASE_URL);
const db = createPlanningDatabase(config.DATABASE_URL, 4);
const scheduler = createReminderScheduler({
  db,
  databaseUrl: config.DATABASE_URL,
  logger,
  registry,
  batchSize: config.SCHEDULER_BATCH_SIZE,
  maxIdleMs: config.SCHEDULER_MAX_IDLE_MS,
});
await scheduler.start();
const ops = createOpsServer({
  registry,
  readiness: { database: () => databaseReady(db as Kysely<unknown>), scheduler: async () => scheduler.ready() },
});
const port = await listen(ops, config.PORT);
logger.info({ port }, 'scheduler ops server listening');

stopOnSignals('scheduler', async () => {
  await scheduler.stop();
  await new Promise<void>((r) => ops.close(() => r()));
  await db.destroy();
});
