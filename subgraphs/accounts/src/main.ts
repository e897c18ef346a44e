// First: tracing patches the libraries before the service's modules load them.
import '@taskwire/platform/tracing-start';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { stopOnSignals } from '@taskwire/platform/process';
import { accountsConfigSchema } from './env.js';
import { startAccountsService } from './service.js';

const config = loadConfigOrExit(accountsConfigSchema);
const service = await startAccountsService(config);
stopOnSignals('accounts', () => service.stop());
