import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the tasks subgraph (parsed once, in main.ts or by tests). */
export const tasksConfigSchema = z.object({
  ...envFields.subgraphEdge({ port: 4002, opsPort: 4102 }),
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  LOG_LEVEL: envFields.logLevel,
  JWKS_URL: envFields.jwksUrl,
  JWT_PUBLIC_KEY: envFields.jwtPublicKey,
  /** Run the outbox relay for schema `tasks` in this process (default true). */
  OUTBOX_RELAY_ENABLED: envFields.flag(true),
  /** Run the tag projection consumer (group `tasks-tag-projection`) in this process (default true). */
  TAG_PROJECTION_ENABLED: envFields.flag(true),
  /** Run the user projection consumer (group `tasks-user-projection` on `user-events`) in this process (default true). */
  USER_PROJECTION_ENABLED: envFields.flag(true),
  /** Serve `Subscription.projectChanges` over graphql-ws, fed by a per-replica group `tasks-subs-…` on `task-events` (default true). */
  TASK_SUBSCRIPTIONS_ENABLED: envFields.flag(true),
  /** Open `projectChanges` subscriptions per user on one replica (the gateway shares identical ones). */
  MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(100),
  /** shareProject: shares that send mail (new members and invitations) per user and UTC day (default 50). */
  PROJECT_SHARES_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(50),
});

export type TasksConfig = z.infer<typeof tasksConfigSchema>;
