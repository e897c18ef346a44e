import { z } from 'zod';
import { gatewaySecretField } from './gateway-secret.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses configuration once (docs/conventions.md: nothing else reads process.env).
 * @throws ConfigError listing every problem at once, each naming the variable.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/**
 * For a process entry point: parse, or print every problem and exit 1.
 */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Building blocks shared by every deployable's env.ts. */
export const envFields = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback),
  databaseUrl: z
    .string()
    .default('postgres://postgres:taskwire@127.0.0.1:54329/taskwire')
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'expected a postgres:// URL'),
  kafkaBrokers: z
    .string()
    .default('127.0.0.1:19092')
    .transform((v) =>
      v
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .refine((v) => v.length > 0 && v.every((b) => /^[^:]+:\d+$/.test(b)), 'expected host:port[,host:port…]'),
  /** An on/off switch: `true`/`1` or `false`/`0`. */
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  jwksUrl: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  /** PEM (SPKI) public key; when set, tokens are verified with it instead of the JWKS. */
  jwtPublicKey: z.string().includes('BEGIN PUBLIC KEY', { message: 'expected a PEM public key' }).optional(),
  /** `GATEWAY_SECRET` (platform/src/gateway-secret.ts): required, no default is safe. */
  gatewaySecret: gatewaySecretField,
  /**
   * The edge of a subgraph (docs/operations.md "Subgraph edge"): GraphQL on PORT, health and
   * metrics on OPS_PORT, both bound to BIND_HOST (loopback unless a deployment opens it).
   */
  subgraphEdge: ({ port, opsPort }: { port: number; opsPort: number }) => ({
    PORT: envFields.port(port),
    OPS_PORT: envFields.port(opsPort),
    BIND_HOST: z.string().min(1).default('127.0.0.1'),
    GATEWAY_SECRET: gatewaySecretField,
    /** Largest request body a subgraph reads (the gateway's entity fetches stay far below it). */
    MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(262_144),
  }),
};

/** The fields of `envFields.subgraphEdge`, parsed: what `createSubgraphServer` and its `listen` take. */
export type SubgraphEdgeConfig = {
  [K in keyof ReturnType<typeof envFields.subgraphEdge>]: z.infer<ReturnType<typeof envFields.subgraphEdge>[K]>;
};
