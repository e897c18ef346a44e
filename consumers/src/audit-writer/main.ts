// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { serveWorker } from '@taskwire/platform/process';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createAuditWriter } from './consumer.js';
import { auditWriterConfigSchema } from './env.js';

const config = loadConfigOrExit(auditWriterConfigSchema);
const logger = createLogger('audit-writer', config.LOG_LEVEL);
const registry = createMetricsRegistry('audit-writer');
const writer = createAuditWriter(config, { logger, registry });
await serveWorker({
  name: 'audit-writer',
  port: config.PORT,
  registry,
  logger,
  readiness: { consumer: () => writer.ready() },
  stop: () => writer.stop(),
});
await writer.start();
