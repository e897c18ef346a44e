import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the reminder scheduler worker (scheduler-main.ts). */
export const schedulerConfigSchema = z.object({
  /** Ops server: /healthz, /readyz, /metrics. */
  PORT: envFields.port(4010),
  DATABASE_URL: envFields.databaseUrl,
  LOG_LEVEL: envFields.logLevel,
  /** Reminders claimed and fired per transaction. */
  SCHEDULER_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  /** Longest sleep without a NOTIFY or a due reminder (a safety net; wake-ups are exact otherwise). */
  SCHEDULER_MAX_IDLE_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
});

export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;
