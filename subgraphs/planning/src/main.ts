// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { planningConfigSchema } from './env.js';
import { startPlanningService } from './service.js';

const config = loadConfigOrExit(planningConfigSchema);
const service = await startPlanningService(config);
stopOnSignals('planning', () => service.stop());
