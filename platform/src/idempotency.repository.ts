import { sql, type Kysely, type Transaction } from 'kysely';

/** Row shape of each subgraph's `idempotency_keys` table (in its own schema). */
export interface IdempotencyKeysTable {
  /** The user id, or `anonymous:<client address>` for a mutation without a token (signUp). */
  scope: string;
  /** The client's Idempotency-Key. */
  key: string;
  /** This subgraph's request and root field (one client request may reach a subgraph more than once). */
  request_hash: string;
  /** The gateway's fingerprint of the whole client request. */
  fingerprint: string;
  /** The mutation's result, as committed with its effect (platform/src/idempotency.ts encodes it). */
  response: unknown; // jsonb
  created_at: import('kysely').Generated<Date>;
}

export interface IdempotencyKeysDatabase {
  idempotency_keys: IdempotencyKeysTable;
}

/** Migration body: the table, in the migrating schema, beside the tables the mutations change. */
export async function createIdempotencyKeysTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['scope', 'key', 'request_hash'])
    .execute();
  await sql`create index idempotency_keys_created_at_idx on idempotency_keys (created_at)`.execute(db);
}

/** Migration `down` of createIdempotencyKeysTable. */
export async function dropIdempotencyKeysTable(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}

/**
 * Takes the transaction-scoped lock of (scope, key) without waiting (a hash collision with
 * another key only makes a request wait for a retry, never share an answer).
 * @returns false when another transaction holds it (a request with this key is in flight).
 */
export async function tryLockIdempotencyKey(trx: Transaction<any>, scope: string, key: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext(${scope}), hashtext(${key})) as locked
  `.execute(trx);
  return rows[0]?.locked === true;
}

/** The unexpired records of (scope, key): one per subgraph request it answered. */
export async function findIdempotencyRecords(
  trx: Transaction<any>,
  scope: string,
  key: string,
  notBefore: Date,
): Promise<Array<{ request_hash: string; fingerprint: string; response: unknown }>> {
  return (trx as Transaction<IdempotencyKeysDatabase>)
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'fingerprint', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('created_at', '>=', notBefore)
    .execute();
}

/**
 * Stores a mutation's result under its key, in the mutation's transaction. An expired record of
 * the same request (not purged yet) is replaced.
 */
export async function insertIdempotencyRecord(
  trx: Transaction<any>,
  record: { scope: string; key: string; request_hash: string; fingerprint: string; response: string },
): Promise<void> {
  await (trx as Transaction<IdempotencyKeysDatabase>)
    .insertInto('idempotency_keys')
    .values(record)
    .onConflict((oc) =>
      oc.columns(['scope', 'key', 'request_hash']).doUpdateSet({
        fingerprint: record.fingerprint,
        response: record.response,
        created_at: sql`now()`,
      }),
    )
    .execute();
}

/** Deletes records created before `before`. @returns how many. */
export async function deleteIdempotencyRecordsBefore(db: Kysely<any>, before: Date): Promise<number> {
  const result = await (db as Kysely<IdempotencyKeysDatabase>)
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
