import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Kysely } from 'kysely';
import { createVerifierFromConfig } from '@taskwire/platform/auth';
import { databaseReady } from '@taskwire/platform/database';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createSubgraphServer } from '@taskwire/platform/subgraph-server';
import { createAuditContext, type AuditContext } from './context.js';
import { auditReaderRole, auditSchema, createAuditDatabase } from './db/database.js';
import { applyAuditMigrations } from './db/migrations.js';
import type { AuditConfig } from './env.js';
import { auditResolvers } from './modules/audit/audit.resolvers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sdlPath = path.resolve(here, '../../../schema/audit.graphql');

export interface AuditService {
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<opsPort>: /healthz, /readyz, /metrics */
  opsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the audit subgraph. It only reads: its database connections act as the
 * SELECT-only role (`taskwire_audit_reader`), so nothing it runs can change the log.
 * Rows are written by the audit-writer consumer. Migrations are not run here (see
 * `migrateAudit`).
 */
export async function startAuditService(config: AuditConfig): Promise<AuditService> {
  const logger = createLogger('audit', config.LOG_LEVEL);
  const registry = createMetricsRegistry('audit');
  const db = createAuditDatabase({ url: config.DATABASE_URL, role: auditReaderRole, applicationName: 'audit' });
  const verifier = await createVerifierFromConfig({ jwtPublicKey: config.JWT_PUBLIC_KEY, jwksUrl: config.JWKS_URL });
  const server = await createSubgraphServer<AuditContext>({
    name: 'audit',
    typeDefs: parse(readFileSync(sdlPath, 'utf8')),
    resolvers: auditResolvers,
    verifier,
    logger,
    registry,
    edge: config,
    readiness: { database: () => databaseReady(db as unknown as Kysely<unknown>) },
    extendContext: (base) => createAuditContext(base, db),
  });
  const { port, opsPort } = await server.listen();
  logger.info({ port }, 'audit subgraph listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    stop: async () => {
      await server.stop();
      await db.destroy();
    },
  };
}

/**
 * Applies the audit schema's migrations (as the login user, who owns the schema and
 * creates the reader/writer roles).
 * @throws Error naming the failed migration.
 */
export async function migrateAudit(databaseUrl: string): Promise<void> {
  const db = createAuditDatabase({ url: databaseUrl, maxConnections: 1, applicationName: 'audit-migrate' });
  try {
    await applyAuditMigrations(db, auditSchema);
  } finally {
    await db.destroy();
  }
}
