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
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
    /** Sign-in failures of one account (lower-cased e-mail) from one address before the backoff. */
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().min(1).default(5),
    /** The first backoff of an (account, address) pair; it doubles per further failure, up to the window. */
    SIGN_IN_BACKOFF_SECONDS: z.coerce.number().int().min(1).default(30),
    /** Sign-in failures allowed per client address (any account) within the window. */
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
    SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  })
  .refine((c) => Boolean(c.JWT_PRIVATE_KEY) === Boolean(c.JWT_PUBLIC_KEY), {
    message: 'set both JWT_PRIVATE_KEY and JWT_PUBLIC_KEY, or neither (then a pair is generated into KEYS_DIR)',
    path: ['JWT_PRIVATE_KEY'],
  });

export type AccountsConfig = z.infer<typeof accountsConfigSchema>;
