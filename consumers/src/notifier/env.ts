import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the notifier consumer (parsed once, in main.ts or by tests). */
export const notifierConfigSchema = z.object({
  /** Ops server: /healthz, /readyz, /metrics. */
  PORT: envFields.port(4014),
  /** Reads and writes schema `notifier` only (its own projections; see docs/notifier.md). */
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  LOG_LEVEL: envFields.logLevel,
  /** Where mail goes; `npm start` runs a local sink on this default. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected smtp://host:port or smtps://host:port')
    .default('smtp://127.0.0.1:2525'),
  /** A `reminder.due` not acknowledged this long after it fired is e-mailed. */
  REMINDER_EMAIL_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  MAIL_FROM: z.string().min(3).default('Taskwire <reminders@taskwire.local>'),
  /** Origin of the web app, for the link in the mail. */
  WEB_URL: z.string().url().default('http://localhost:4000'),
  /** Consumer group id and inbox consumer name. */
  CONSUMER_GROUP: z.string().min(1).default('notifier'),
  REMINDER_EVENTS_TOPIC: z.string().min(1).default('reminder-events'),
  /** Source of the recipient projection (address, name, zone). */
  USER_EVENTS_TOPIC: z.string().min(1).default('user-events'),
  /**
   * How long after it fell due a mail waits for its recipient's `user.created` to be projected
   * before it is skipped as `no recipient` (docs/notifier.md, "Ordering").
   */
  NOTIFIER_RECIPIENT_WAIT_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(3_600),
  /** How often the sender looks for mails that are due. */
  NOTIFIER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** First retry delay after an SMTP failure; doubles per attempt up to NOTIFIER_RETRY_MAX_MS. */
  NOTIFIER_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1_000),
  NOTIFIER_RETRY_MAX_MS: z.coerce.number().int().min(10).default(300_000),
  /**
   * A mail claimed for sending by a process that then vanished is claimed again after this
   * long (the only case that can send a mail twice; see docs/notifier.md).
   */
  NOTIFIER_SEND_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
  /** kafkajs session timeout (how long the group waits for a vanished member). */
  NOTIFIER_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  /** Where a group without committed offsets starts (true in production: no firing is skipped). */
  NOTIFIER_FROM_BEGINNING: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type NotifierConfig = z.infer<typeof notifierConfigSchema>;
