import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .default('true')
  .transform((v) => v === 'true' || v === '1');

/** Configuration of the planning subgraph (parsed once, in main.ts or by tests). */
export const planningConfigSchema = z.object({
  ...envFields.subgraphEdge({ port: 4003, opsPort: 4103 }),
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  LOG_LEVEL: envFields.logLevel,
  JWKS_URL: envFields.jwksUrl,
  JWT_PUBLIC_KEY: envFields.jwtPublicKey,
  /**
   * How long setTaskTags/addReminder wait for a task that is not yet in planning's projection
   * (it follows task-events a few milliseconds behind the tasks service) before NOT_FOUND.
   */
  TASK_PROJECTION_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  /** Open `reminderDue` subscriptions per user on one replica (the gateway shares identical ones). */
  MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(100),
  /** Run the outbox relay for schema `planning` in this process (tests that read the outbox table turn it off). */
  OUTBOX_RELAY: booleanFlag,
});

export type PlanningConfig = z.infer<typeof planningConfigSchema>;
