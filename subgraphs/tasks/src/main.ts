import { loadConfigOrExit } from '@taskwire/platform/config';
import { tasksConfigSchema } from './env.js';
import { startTasksService } from './service.js';

const config = loadConfigOrExit(tasksConfigSchema);
const service = await startTasksService(config);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    service.stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`tasks: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
