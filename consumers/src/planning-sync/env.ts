import { z } from 'zod';
import { topics } from '@taskwire/platform/events';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the planning-sync consumer (parsed once, in main.ts or by tests). */
export const planningSyncConfigSchema = z.object({
  /** Ops server: /healthz, /readyz, /metrics. */
  PORT: envFields.port(4013),
  /** The planning schema is written (projection, tags, reminders, inbox, outbox). */
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  LOG_LEVEL: envFields.logLevel,
  /** Topic of task events (tests point it at a private topic). */
  TASK_EVENTS_TOPIC: z.string().min(1).default(topics.task),
  /** Topic of user events: `user.deleted` erases the user's planning rows. */
  USER_EVENTS_TOPIC: z.string().min(1).default(topics.user),
  /** Topic of project events: memberships decide who may tag a task or set reminders on it. */
  PROJECT_EVENTS_TOPIC: z.string().min(1).default(topics.project),
  /** Consumer group id and inbox name. */
  CONSUMER_GROUP: z.string().min(1).default('planning-sync'),
  /**
   * Where a group without committed offsets starts. `true` (default) replays the topic's
   * history into the projection, which production needs; a stack on a fresh database that
   * shares a long-lived topic may start at the end instead (`false`) and skip the replay.
   */
  TASK_EVENTS_FROM_BEGINNING: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type PlanningSyncConfig = z.infer<typeof planningSyncConfigSchema>;
