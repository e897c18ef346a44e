// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { tasksConfigSchema } from './env.js';
import { startTasksService } from './service.js';

const config = loadConfigOrExit(tasksConfigSchema);
const service = await startTasksService(config);
stopOnSignals('tasks', () => service.stop());
