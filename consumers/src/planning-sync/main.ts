import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createOpsServer, listen } from '@taskwire/platform/http';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { migratePlanning } from '@taskwire/planning/service';
import { createPlanningSyncConsumer } from './consumer.js';
import { planningSyncConfigSchema } from './env.js';

const config = loadConfigOrExit(planningSyncConfigSchema);
const logger = createLogger('planning-sync', config.LOG_LEVEL);
const registry = createMetricsRegistry('planning-sync');
// Idempotent: lets the consumer start before the planning subgraph has migrated.
await migratePlanning(config.DATABASE_URL);
const consumer = createPlanningSyncConsumer(config, { logger, registry });
await consumer.start();
const ops = createOpsServer({
  registry,
  readiness: { database: () => databaseReady(consumer.db as Kysely<unknown>), kafka: async () => consumer.ready() },
});
const port = await listen(ops, config.PORT);
logger.info({ port, topic: config.TASK_EVENTS_TOPIC }, 'planning-sync listening');

stopOnSignals('planning-sync', async () => {
  await consumer.stop();
  await new Promise<void>((r) => ops.close(() => r()));
});
