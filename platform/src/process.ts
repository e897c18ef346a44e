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
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${name}: stop failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}
