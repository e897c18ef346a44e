import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import {
  createTokenVerifier,
  ensureKeyFiles,
  importSigningKeys,
  jwksDocument,
  type KeyPairPem,
} from '@taskwire/platform/auth';
import { databaseReady } from '@taskwire/platform/database';
import { sendJson } from '@taskwire/platform/http';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createOutboxRelay, type OutboxRelay } from '@taskwire/platform/outbox-relay';
import { createSubgraphServer } from '@taskwire/platform/subgraph-server';
import type { AccountsContext } from './context.js';
import { accountsSchema, createAccountsDatabase, type UserRow } from './db/database.js';
import { applyAccountsMigrations } from './db/migrations.js';
import type { AccountsConfig } from './env.js';
import { findUsersByIds } from './modules/user/user.repository.js';
import { userResolvers } from './modules/user/user.resolvers.js';
import { accountsMutationIdempotency } from './idempotency.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sdlPath = path.resolve(here, '../../../schema/accounts.graphql');

export interface AccountsService {
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<opsPort>: /healthz, /readyz, /metrics */
  opsUrl: string;
  /** http://127.0.0.1:<port>/.well-known/jwks.json */
  jwksUrl: string;
  stop(): Promise<void>;
}

/** Applies this subgraph's pending migrations (schema `accounts` only). */
export async function migrateAccounts(databaseUrl: string): Promise<void> {
  const db = createAccountsDatabase(databaseUrl);
  try {
    await applyAccountsMigrations(db, accountsSchema);
  } finally {
    await db.destroy();
  }
}

/**
 * Starts the accounts subgraph: migrates, loads (or generates) the signing keys, serves
 * GraphQL on /graphql and the JWKS on /.well-known/jwks.json, and (unless disabled) runs the
 * outbox relay of schema `accounts`, which publishes `user-events`.
 */
export async function startAccountsService(config: AccountsConfig): Promise<AccountsService> {
  const logger = createLogger('accounts', config.LOG_LEVEL);
  const registry = createMetricsRegistry('accounts');
  await migrateAccounts(config.DATABASE_URL);
  const db = createAccountsDatabase(config.DATABASE_URL);
  let relay: OutboxRelay | undefined;
  if (config.OUTBOX_RELAY_ENABLED) {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'accounts-outbox', logger });
    relay = createOutboxRelay({ databaseUrl: config.DATABASE_URL, schema: accountsSchema, kafka, logger, registry });
    await relay.start();
  }

  const pem: KeyPairPem =
    config.JWT_PRIVATE_KEY && config.JWT_PUBLIC_KEY
      ? { privateKeyPem: config.JWT_PRIVATE_KEY, publicKeyPem: config.JWT_PUBLIC_KEY }
      : await ensureKeyFiles(config.KEYS_DIR);
  const keys = await importSigningKeys(pem);
  const jwks = jwksDocument(keys);
  const jwksBody = JSON.stringify(jwks);
  // This service signs the tokens, so it verifies against its own key set in-process.
  const verifier = createTokenVerifier({ jwks });

  const typeDefs = parse(readFileSync(sdlPath, 'utf8'));
  const server = await createSubgraphServer<AccountsContext>({
    name: 'accounts',
    typeDefs,
    resolvers: userResolvers({
      db,
      keys,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      signInLimits: {
        maxFailuresPerAccountAddress: config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
        backoffSeconds: config.SIGN_IN_BACKOFF_SECONDS,
        maxFailuresPerAddress: config.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: config.SIGN_IN_WINDOW_SECONDS,
      },
    }),
    idempotency: { db, modes: accountsMutationIdempotency },
    verifier,
    logger,
    registry,
    edge: config,
    readiness: {
      database: () => databaseReady(db as never),
      ...(relay ? { outboxRelay: async () => relay.ready() } : {}),
    },
    extendContext: (base) => ({
      ...base,
      usersById: new DataLoader<string, UserRow | null>(async (ids) => {
        const rows = await findUsersByIds(db, ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    }),
    routes: (req, res) => {
      if ((req.url ?? '').split('?')[0] === '/.well-known/jwks.json') {
        res.setHeader('cache-control', 'public, max-age=300');
        sendJson(res, 200, JSON.parse(jwksBody));
        return true;
      }
      return false;
    },
  });

  const { port, opsPort } = await server.listen();
  logger.info({ port, opsPort, outboxRelay: Boolean(relay) }, 'accounts subgraph listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    stop: async () => {
      await server.stop();
      await relay?.stop();
      await db.destroy();
    },
  };
}
