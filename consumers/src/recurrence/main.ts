import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createOpsServer, listen } from '@taskwire/platform/http';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { migrateTasks } from '@taskwire/tasks/service';
import { createRecurrenceConsumer } from './consumer.js';
import { recurrenceConfigSchema } from './env.js';

const config = loadConfigOrExit(recurrenceConfigSchema);
const logger = createLogger('recurrence', config.LOG_LEVEL);
const registry = createMetricsRegistry('recurrence');
// Idempotent: lets the consumer start before the tasks subgraph has migrated.
await migrateTasks(config.DATABASE_URL);
const consumer = createRecurrenceConsumer(config, { logger, registry });
await consumer.start();
const ops = createOpsServer({
  registry,
  readiness: { database: () => databaseReady(consumer.db as Kysely<unknown>), kafka: async () => consumer.ready() },
});
const port = await listen(ops, config.PORT);
logger.info({ port, topic: config.TASK_EVENTS_TOPIC, group: config.CONSUMER_GROUP }, 'recurrence listening');

stopOnSignals('recurrence', async () => {
  await consumer.stop();
  await new Promise<void>((r) => ops.close(() => r()));
});
