import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { auditConfigSchema } from './env.js';
import { startAuditService } from './service.js';

const service = await startAuditService(loadConfigOrExit(auditConfigSchema));
stopOnSignals('audit', () => service.stop());
