/** The fault suite's settings (docs/reliability.md), from the environment. */
import { z } from 'zod';
import { parseConfig } from '@taskwire/platform/config';

const schema = z.object({
  /** Base seed of the fault schedules (each scenario derives its own); random when unset. */
  FAULT_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(() => Math.floor(Math.random() * 2 ** 32)),
  /** Scenario numbers to run (e.g. `1,5,7`); all when empty. */
  FAULT_SCENARIOS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(z.array(z.number().int().min(1).max(10))),
  /** Seconds of load per scenario (the fault falls inside; the load runs on until it is cleared). */
  FAULT_LOAD_SECONDS: z.coerce.number().int().min(5).default(20),
  /** Concurrent clients (users) of the workload. */
  FAULT_CLIENTS: z.coerce.number().int().min(1).max(50).default(3),
  /** Retry mutations of unknown outcome with the same Idempotency-Key, as the SDK does (docs/api.md). */
  FAULT_RETRY: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Keep the suite's PostgreSQL/Kafka folders and service logs after the run. */
  FAULT_KEEP_STATE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export function faultConfig(): z.infer<typeof schema> {
  return parseConfig(schema, process.env);
}
