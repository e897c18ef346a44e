import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { gatewaySecretHeader } from '@taskwire/platform/gateway-secret';
import { createLogger, type Logger } from '@taskwire/platform/logger';

/** Short random suffix for names that must not collide between concurrent tests. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

/** Kafka bootstrap servers of this test run. */
export function testKafkaBrokers(): string[] {
  return inject('kafkaBrokers');
}

/** URL of the run's shared `taskwire` database. */
export function sharedDatabaseUrl(): string {
  return inject('databaseUrl');
}

/**
 * Creates a new, empty database on the run's PostgreSQL server and returns its URL, so a
 * test file can migrate and fill it without seeing other files' rows.
 */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const base = new URL(inject('databaseUrl'));
  const name = `${prefix}_${uniqueSuffix()}`;
  const client = new pg.Client({ connectionString: base.toString() });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  base.pathname = `/${name}`;
  return base.toString();
}

/** Polls `probe` until it returns a value other than undefined, or throws after timeoutMs. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  {
    timeoutMs = 20_000,
    intervalMs = 50,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: Error | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

import {
  generateKeyPairPem,
  importSigningKeys,
  signAccessToken,
  type KeyPairPem,
  type SigningKeys,
} from '@taskwire/platform/auth';

let keysPromise: Promise<{ pem: KeyPairPem; keys: SigningKeys }> | undefined;

/** One signing key pair per test process; services under test get `pem.publicKeyPem` as JWT_PUBLIC_KEY. */
export function testKeys(): Promise<{ pem: KeyPairPem; keys: SigningKeys }> {
  keysPromise ??= generateKeyPairPem().then(async (pem) => ({ pem, keys: await importSigningKeys(pem) }));
  return keysPromise;
}

/** A valid access token for `userId`, signed with the test key pair. */
export async function tokenFor(userId: string, ttlSeconds = 900): Promise<string> {
  return signAccessToken((await testKeys()).keys, userId, { ttlSeconds });
}

/**
 * The gateway secret of every test stack and test subgraph (GATEWAY_SECRET). Only tests that
 * check the refusal call a subgraph without it.
 */
export const testGatewaySecret = 'test-gateway-secret-0123456789abcdef';

/** A `ws` WebSocket that sends the test gateway secret with its upgrade request, as the gateway's does. */
export class GatewayTestWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { headers: { [gatewaySecretHeader]: testGatewaySecret } });
  }
}

/**
 * POSTs a GraphQL operation and returns the parsed JSON response. It sends the test gateway
 * secret, so a test may call a subgraph directly as the gateway would (the gateway ignores it).
 */
export async function graphqlRequest<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, any>; path?: unknown[] }> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [gatewaySecretHeader]: testGatewaySecret,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs a Taskwire service entry point as its own process (`node --import tsx <entry>`, from
 * the repository root) and resolves once its ops server answers `GET /readyz` with 200.
 *
 * - `entry`: path relative to the repository root (or absolute), e.g. `consumers/src/notifier/main.ts`.
 * - `env`: added to this process's environment (`LOG_LEVEL` defaults to `warn`); `PORT` is always
 *   a free port chosen here.
 * - `name`: used in error messages ("<name> exited with …", "the <name> process to be ready").
 * - `readyTimeoutMs`: how long to wait for readiness (default 60 s).
 *
 * stdout is ignored; the last 4,000 characters of stderr are kept and attached to the error if
 * the process exits before it is ready or readiness times out (the process is then SIGKILLed).
 * The caller owns the returned child: stop it with {@link killProcess}.
 */
export async function spawnService({
  entry,
  env = {},
  name,
  readyTimeoutMs = 60_000,
}: {
  entry: string;
  env?: Record<string, string>;
  name: string;
  readyTimeoutMs?: number;
}): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 100, what: `the ${name} process to be ready` },
    );
  } catch (error) {
    await killProcess(child);
    throw new Error(`${(error as Error).message}; stderr: ${stderr}`, { cause: error });
  }
  return child;
}

/**
 * Sends `signal` (default SIGKILL) to `child` and resolves when it has exited; resolves at
 * once if it already has.
 */
export function killProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exit;
}

/**
 * Collects into `lines` the JSON lines the services' pino loggers write to stdout (fd 1) while
 * they run in the test process; returns the function that stops collecting.
 */
export function captureLogLines(lines: Array<Record<string, unknown>>): () => void {
  const { writeSync, write } = fs;
  const keep = (fd: unknown, data: unknown) => {
    if (fd !== 1) return;
    for (const line of String(data).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a partial line of another writer
      }
    }
  };
  fs.writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  };
  fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (write as (...a: unknown[]) => void)(fd, data, ...rest);
  }) as typeof fs.write;
  return () => {
    fs.writeSync = writeSync;
    fs.write = write;
  };
}

/** A silent logger that keeps the message of each `warn` call in `warnings`. */
export function warningsLogger(name: string): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = Object.assign(Object.create(createLogger(name, 'fatal')) as Logger, {
    warn: (_fields: unknown, message: string) => void warnings.push(message),
  });
  return { logger, warnings };
}
