import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createOpsServer, listen, type ReadinessChecks } from './http.js';
import { flushSpans } from './trace-context.js';

/**
 * Runs `stop` once on the first SIGTERM or SIGINT, then exits 0 (1 when stopping failed):
 * what every Taskwire process does on shutdown (Kubernetes sends SIGTERM, then waits
 * terminationGracePeriodSeconds).
 */
export function stopOnSignals(name: string, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      stop()
        .then(flushSpans)
        .then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`${name}: stop failed: ${String(error)}\n`);
            process.exit(1);
          },
        );
    });
  }
}

/**
 * The ops side of a worker process (consumer, scheduler): serves /healthz, /readyz (the given
 * checks) and /metrics on `port`, and on SIGTERM/SIGINT runs `stop` (finish the batch,
 * commit, disconnect) before closing the ops server.
 * @returns the bound port.
 */
export async function serveWorker(options: {
  name: string;
  port: number;
  registry: Registry;
  readiness: ReadinessChecks;
  logger: Logger;
  stop: () => Promise<void>;
  /** Extra fields for the "listening" log line. */
  details?: Record<string, unknown>;
}): Promise<number> {
  const ops = createOpsServer({ registry: options.registry, readiness: options.readiness });
  const port = await listen(ops, options.port);
  options.logger.info({ port, ...options.details }, `${options.name} listening`);
  stopOnSignals(options.name, async () => {
    await options.stop();
    await new Promise<void>((resolve) => ops.close(() => resolve()));
  });
  return port;
}
