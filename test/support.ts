import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

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
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
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
} from '../platform/src/auth.js';

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

/** POSTs a GraphQL operation and returns the parsed JSON response. */
export async function graphqlRequest<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, any>; path?: unknown[] }> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}
