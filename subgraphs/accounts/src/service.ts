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
import { clientUserAgentHeader } from '@taskwire/platform/gateway-secret';
import {
  formatRefreshCookieInstruction,
  refreshTokenDeliveryHeader,
  refreshTokenHeader,
  setRefreshCookieHeader,
} from '@taskwire/platform/refresh-cookie';
import { createSubgraphServer } from '@taskwire/platform/subgraph-server';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AccountsContext } from './context.js';
import { accountsSchema, createAccountsDatabase, type UserRow } from './db/database.js';
import { applyAccountsMigrations } from './db/migrations.js';
import type { AccountsConfig } from './env.js';
import type { Resolvers } from './generated/graphql.js';
import { createAccountsMailSender, type AccountsMailSender } from './modules/mail/mail-sender.js';
import { createCoMemberConsumer, type CoMemberConsumerOptions } from './modules/co-member/co-member.consumer.js';
import { visibleUserIds } from './modules/co-member/co-member.repository.js';
import { createShareMailConsumer, type ShareMailConsumerOptions } from './modules/share-mail/share-mail.consumer.js';
import { sessionResolvers } from './modules/session/session.resolvers.js';
import type { SessionPolicy } from './modules/session/session.service.js';
import type { CredentialsPolicy } from './modules/user/credentials.service.js';
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

export interface AccountsServiceOptions {
  /**
   * Overrides for the share-mail consumer (tests isolate it on a private topic and group);
   * defaults: group/inbox `accounts-share-mail` on `project-events`, a new group at the topic's end.
   */
  shareMails?: ShareMailConsumerOptions;
  /** Overrides for the membership projection's consumer (default group `accounts-project-members`, from the beginning). */
  projectMembers?: CoMemberConsumerOptions;
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

/** Both modules' resolvers as one map (each root type's fields side by side). */
function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps)
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...(fields as object) };
  return merged as Resolvers;
}

/** Sends the resolvers' refresh cookie instruction back to the gateway as a response header. */
const refreshCookiePlugin: ApolloServerPlugin<AccountsContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const instruction = contextValue.refreshCookie.outgoing;
        if (instruction) response.http.headers.set(setRefreshCookieHeader, formatRefreshCookieInstruction(instruction));
      },
    };
  },
};

/**
 * Starts the accounts subgraph: migrates, loads (or generates) the signing keys, serves
 * GraphQL on /graphql and the JWKS on /.well-known/jwks.json, and (unless disabled) runs the
 * outbox relay of schema `accounts`, which publishes `user-events`, the sender of accounts'
 * own mails (reset and verification links, `accounts.mail_outbox`), and the share-mail consumer
 * (`accounts-share-mail` on `project-events`), which queues the mails of shared projects there.
 */
export async function startAccountsService(
  config: AccountsConfig,
  options: AccountsServiceOptions = {},
): Promise<AccountsService> {
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

  let mailSender: AccountsMailSender | undefined;
  if (config.MAIL_SENDER_ENABLED) {
    mailSender = createAccountsMailSender({
      db,
      logger,
      smtpUrl: config.SMTP_URL,
      mailFrom: config.MAIL_FROM,
      pollMs: config.MAIL_POLL_MS,
      retryBaseMs: config.MAIL_RETRY_BASE_MS,
      retryMaxMs: config.MAIL_RETRY_MAX_MS,
    });
    mailSender.start();
  }
  const shareMails = config.PROJECT_EVENTS_ENABLED
    ? createShareMailConsumer(
        { db, kafkaBrokers: config.KAFKA_BROKERS, logger, registry, publicUrl: config.PUBLIC_URL },
        options.shareMails,
      )
    : undefined;
  const projectMembers = config.PROJECT_EVENTS_ENABLED
    ? createCoMemberConsumer({ db, kafkaBrokers: config.KAFKA_BROKERS, logger, registry }, options.projectMembers)
    : undefined;
  const sessionPolicy: SessionPolicy = {
    keys,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    idleDays: config.SESSION_IDLE_DAYS,
    maxDays: config.SESSION_MAX_DAYS,
    reuseGraceSeconds: config.REFRESH_REUSE_GRACE_SECONDS,
  };
  const credentialsPolicy: CredentialsPolicy = {
    session: sessionPolicy,
    publicUrl: config.PUBLIC_URL,
    passwordResetWindowSeconds: config.PASSWORD_RESET_WINDOW_SECONDS,
    emailVerificationValidHours: config.EMAIL_VERIFICATION_VALID_HOURS,
  };

  const typeDefs = parse(readFileSync(sdlPath, 'utf8'));
  const server = await createSubgraphServer<AccountsContext>({
    name: 'accounts',
    typeDefs,
    resolvers: mergeResolvers(
      userResolvers({
        db,
        policy: credentialsPolicy,
        signInLimits: {
          maxFailuresPerAccountAddress: config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
          backoffSeconds: config.SIGN_IN_BACKOFF_SECONDS,
          maxFailuresPerAddress: config.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
          windowSeconds: config.SIGN_IN_WINDOW_SECONDS,
        },
        onMailQueued: () => mailSender?.wake(),
      }),
      sessionResolvers({ db, policy: sessionPolicy }),
    ),
    idempotency: { db, modes: accountsMutationIdempotency },
    verifier,
    logger,
    registry,
    edge: config,
    plugins: [refreshCookiePlugin],
    readiness: {
      database: () => databaseReady(db as never),
      ...(relay ? { outboxRelay: async () => relay.ready() } : {}),
      ...(shareMails ? { shareMails: async () => shareMails.ready() } : {}),
      ...(projectMembers ? { projectMembers: async () => projectMembers.ready() } : {}),
    },
    extendContext: (base, headers) => ({
      ...base,
      // Trusted: only a request with the gateway secret gets this far.
      refreshCookie: {
        incoming: headers[refreshTokenHeader] || null,
        wantsCookie: headers[refreshTokenDeliveryHeader] === 'cookie',
        outgoing: null,
      },
      userAgent: headers[clientUserAgentHeader]?.slice(0, 512) || null,
      usersById: new DataLoader<string, UserRow | null>(async (ids) => {
        const rows = await findUsersByIds(db, ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      mayReadUser: new DataLoader<string, boolean>(async (ids) => {
        if (!base.user) return ids.map(() => false);
        const visible = await visibleUserIds(db, base.user.id, ids);
        return ids.map((id) => visible.has(id));
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

  try {
    await shareMails?.start();
    await projectMembers?.start();
  } catch (error) {
    await Promise.allSettled([
      server.stop(),
      shareMails?.stop(),
      projectMembers?.stop(),
      mailSender?.stop(),
      relay?.stop(),
    ]);
    await db.destroy();
    throw error;
  }
  const { port, opsPort } = await server.listen();
  logger.info(
    { port, opsPort, outboxRelay: Boolean(relay), shareMails: Boolean(shareMails) },
    'accounts subgraph listening',
  );
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    stop: async () => {
      await server.stop();
      await shareMails?.stop();
      await projectMembers?.stop();
      await mailSender?.stop();
      await relay?.stop();
      await db.destroy();
    },
  };
}
