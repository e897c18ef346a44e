import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
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

stopOnSignals('audit-writer', async () => {
  logger.info('stopping audit-writer');
  ops.close();
  await writer.stop();
});
