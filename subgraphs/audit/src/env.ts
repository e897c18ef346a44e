import { z } from 'zod';
import { envFields } from '@taskwire/platform/config';

/** Configuration of the audit subgraph (parsed once, in main.ts or by tests). */
export const auditConfigSchema = z.object({
  ...envFields.subgraphEdge({ port: 4004, opsPort: 4104 }),
  DATABASE_URL: envFields.databaseUrl,
  LOG_LEVEL: envFields.logLevel,
  JWKS_URL: envFields.jwksUrl,
  JWT_PUBLIC_KEY: envFields.jwtPublicKey,
});

export type AuditConfig = z.infer<typeof auditConfigSchema>;
