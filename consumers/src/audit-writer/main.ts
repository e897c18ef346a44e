import { loadConfigOrExit } from '@taskwire/platform/config';
import { createOpsServer, listen } from '@taskwire/platform/http';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createAuditWriter } from './consumer.js';
import { auditWriterConfigSchema } from './env.js';

const config = loadConfigOrExit(auditWriterConfigSchema);
const logger = createLogger('audit-writer', config.LOG_LEVEL);
const registry = createMetricsRegistry('audit-writer');
const writer = createAuditWriter(config, { logger, registry });
const ops = createOpsServer({ readiness: { consumer: () => writer.ready() }, registry });
await listen(ops, config.PORT);
await writer.start();

const shutdown = () => {
  logger.info('stopping audit-writer');
  ops.close();
  writer.stop().then(
    () => process.exit(0),
    (err) => {
      logger.error({ err }, 'audit-writer stop failed');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
