import { z } from 'zod';
import { topics } from '@taskwire/platform/events';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the recurrence consumer (parsed once, in main.ts or by tests). */
export const recurrenceConfigSchema = z.object({
  /** Ops server: /healthz, /readyz, /metrics. */
  PORT: envFields.port(4012),
  /** The tasks schema is written (next instances, outbox, inbox). */
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  LOG_LEVEL: envFields.logLevel,
  /** Consumer group id and inbox consumer name. */
  CONSUMER_GROUP: z.string().min(1).default('recurrence'),
  /** Topic of task events (tests may point it at a private topic). */
  TASK_EVENTS_TOPIC: z.string().min(1).default(topics.task),
  /**
   * kafkajs session timeout: how long the group waits for a member that vanished (e.g. was
   * SIGKILLed) before giving its partitions to another one.
   */
  RECURRENCE_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
});

export type RecurrenceConfig = z.infer<typeof recurrenceConfigSchema>;
