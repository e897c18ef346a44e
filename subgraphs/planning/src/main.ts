import { loadConfigOrExit } from '@taskwire/platform/config';
import { planningConfigSchema } from './env.js';
import { startPlanningService } from './service.js';

const config = loadConfigOrExit(planningConfigSchema);
const service = await startPlanningService(config);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    service.stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`planning: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
