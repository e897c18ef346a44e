// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { auditConfigSchema } from './env.js';
import { startAuditService } from './service.js';

const service = await startAuditService(loadConfigOrExit(auditConfigSchema));
stopOnSignals('audit', () => service.stop());
