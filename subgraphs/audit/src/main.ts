import { loadConfigOrExit } from '@taskwire/platform/config';
import { auditConfigSchema } from './env.js';
import { startAuditService } from './service.js';

const service = await startAuditService(loadConfigOrExit(auditConfigSchema));
const shutdown = () => {
  service.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
