// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import type { Kysely } from 'kysely';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { serveWorker } from '@taskwire/platform/process';
import { databaseReady } from '@taskwire/platform/database';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createNotifier } from './consumer.js';
import { migrateNotifier } from './db/database.js';
import { notifierConfigSchema } from './env.js';

const config = loadConfigOrExit(notifierConfigSchema);
const logger = createLogger('notifier', config.LOG_LEVEL);
const registry = createMetricsRegistry('notifier');
await migrateNotifier(config.DATABASE_URL);
const notifier = createNotifier(config, { logger, registry });
await notifier.start();
await serveWorker({
  name: 'notifier',
  port: config.PORT,
  registry,
  logger,
  readiness: { database: () => databaseReady(notifier.db as Kysely<unknown>), kafka: async () => notifier.ready() },
  details: {
    group: config.CONSUMER_GROUP,
    graceSeconds: config.REMINDER_EMAIL_GRACE_SECONDS,
    smtp: new URL(config.SMTP_URL).host,
  },
  stop: () => notifier.stop(),
});
