import { loadConfigOrExit } from '@taskwire/platform/config';
import { accountsConfigSchema } from './env.js';
import { startAccountsService } from './service.js';

const config = loadConfigOrExit(accountsConfigSchema);
const service = await startAccountsService(config);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    service.stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`accounts: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
