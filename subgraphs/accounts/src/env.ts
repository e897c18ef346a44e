import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const privatePem = z.string().includes('PRIVATE KEY', { message: 'expected a PEM (PKCS#8) private key' }).optional();

/** Configuration of the accounts subgraph (parsed once, in main.ts or by tests). */
export const accountsConfigSchema = z
  .object({
    ...envFields.subgraphEdge({ port: 4001, opsPort: 4101 }),
    DATABASE_URL: envFields.databaseUrl,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    /** Run the outbox relay for schema `accounts` (publishes `user-events`) in this process. */
    OUTBOX_RELAY_ENABLED: envFields.flag(true),
    LOG_LEVEL: envFields.logLevel,
    /** PEM keys; when both are absent a pair is generated into KEYS_DIR (local default). */
    JWT_PRIVATE_KEY: privatePem,
    JWT_PUBLIC_KEY: envFields.jwtPublicKey,
    KEYS_DIR: z.string().default(path.join(repoRoot, '.taskwire')),
    /** Down to 5 s so a browser test can show renewals within a minute (web/e2e/session-renewal.e2e.test.ts). */
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
    /** Sign-in failures of one account (lower-cased e-mail) from one address before the backoff. */
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().min(1).default(5),
    /** The first backoff of an (account, address) pair; it doubles per further failure, up to the window. */
    SIGN_IN_BACKOFF_SECONDS: z.coerce.number().int().min(1).default(30),
    /** Sign-in failures allowed per client address (any account) within the window. */
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
    SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    /** A session unused (not refreshed) this long ends (docs/sessions.md). */
    SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A session ends this long after sign-in, however often it is refreshed. */
    SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
    /** A spent refresh token presented again this soon gets the same successor; 0 turns the grace off. */
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /** At most one password reset mail per account within this window. */
    PASSWORD_RESET_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    /** How long an e-mail verification link works. */
    EMAIL_VERIFICATION_VALID_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    /** Origin of the web app: reset and verification links point at its pages. */
    PUBLIC_URL: z.string().url().default('http://localhost:4000'),
    /** Where accounts' own mails (reset and verification links) go; `npm start` runs a local sink here. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'expected smtp://host:port or smtps://host:port')
      .default('smtp://127.0.0.1:2525'),
    MAIL_FROM: z.string().min(3).default('Taskwire <accounts@taskwire.local>'),
    /** Send queued mails from this process (every replica may: rows are claimed with SKIP LOCKED). */
    MAIL_SENDER_ENABLED: envFields.flag(true),
    /** How often the mail sender looks for due mails (a mail queued by this process wakes it at once). */
    MAIL_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
    /** First retry delay after an SMTP failure; doubles per attempt up to MAIL_RETRY_MAX_MS. */
    MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1_000),
    MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).default(300_000),
    /**
     * Run accounts' consumers of `project-events` in this process: the share mails (group
     * `accounts-share-mail`: new members and invited addresses) and the membership projection
     * (group `accounts-project-members`: who may read whose name); off where no such topic is
     * (some tests).
     */
    PROJECT_EVENTS_ENABLED: envFields.flag(true),
  })
  .refine((c) => Boolean(c.JWT_PRIVATE_KEY) === Boolean(c.JWT_PUBLIC_KEY), {
    message: 'set both JWT_PRIVATE_KEY and JWT_PUBLIC_KEY, or neither (then a pair is generated into KEYS_DIR)',
    path: ['JWT_PRIVATE_KEY'],
  });

export type AccountsConfig = z.infer<typeof accountsConfigSchema>;
