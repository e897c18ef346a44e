import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventOf, NewEvent } from './events/index.js';
import { withTraceContext } from './trace-context.js';

/** Row shape of each service's `outbox` table (in its own schema). */
export interface OutboxTable {
  id: import('kysely').Generated<string>; // bigserial
  event_id: string;
  topic: string;
  key: string;
  type: string;
  envelope: unknown; // jsonb
  created_at: import('kysely').Generated<Date>;
  published_at: Date | null;
}

export interface OutboxDatabase {
  outbox: OutboxTable;
}

/** Postgres NOTIFY channel the relay of `schema` listens on. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Migration body: creates the outbox table in the migrating schema. Call from a
 * subgraph's own migration file so the table lives beside the domain tables.
 */
export async function createOutboxTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('envelope', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .execute();
  await sql`create index outbox_unpublished_idx on outbox (id) where published_at is null`.execute(db);
}

/**
 * Takes, until the end of `trx`, the lock of each message key of `schema`'s outbox (in sorted
 * order, so two transactions that lock several keys cannot deadlock on them). Events of one key
 * then enter the outbox one transaction at a time: a later row id is also a later commit, and the
 * relay, which publishes in id order, publishes them in the order their changes committed. Without
 * it, two concurrent writers of one task (a tag mutation and the scheduler's firing) could commit
 * ids 11 then 10, and consumers would apply them in an order the producer never had.
 */
async function lockKeys(trx: Transaction<any>, schema: string, keys: ReadonlyArray<string>): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  await sql`select count(pg_advisory_xact_lock(hashtext(${`outbox:${schema}`}), hashtext(k)))
            from unnest(${sorted}::text[]) as k`.execute(trx);
}

/**
 * Writes events built by `buildEvent` into the outbox **in the caller's transaction** and notifies the relay
 * (NOTIFY is delivered at commit, so a rolled-back change publishes nothing). Holds each event
 * key's lock until the transaction ends (lockKeys), so call it last, after the domain changes.
 * Pass the transaction, never the root `db`: an insert on `db` would escape it.
 */
export async function enqueueEvents(
  trx: Transaction<any>,
  schema: string,
  events: ReadonlyArray<NewEvent>,
): Promise<EventOf[]> {
  if (events.length === 0) return [];
  await lockKeys(
    trx,
    schema,
    events.map((e) => e.key),
  );
  // The envelope's traceparent is this transaction's span (same trace as the request's).
  const traced = events.map((e) => ({ ...e, envelope: withTraceContext(e.envelope) }));
  await trx
    .insertInto('outbox')
    .values(
      traced.map(({ topic, key, envelope }) => ({
        event_id: envelope.id,
        topic,
        key,
        type: envelope.type,
        envelope: JSON.stringify(envelope),
      })),
    )
    .execute();
  await sql`select pg_notify(${outboxChannel(schema)}, '')`.execute(trx);
  return traced.map((e) => e.envelope);
}
