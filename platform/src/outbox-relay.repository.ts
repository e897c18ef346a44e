/**
 * The relay's SQL. It runs on the relay's own dedicated `pg.Client`, not on a Kysely pool: the
 * advisory lock is held by that session, and marking rows on the same session means a relay that
 * lost it (and thus the lock) cannot mark rows anymore.
 */
import type { Selectable } from 'kysely';
import pg from 'pg';
import type { OutboxTable } from './outbox.js';

/** An unpublished outbox row as the relay reads it: the envelope as JSON text (`envelope::text`). */
export type OutboxRow = Pick<Selectable<OutboxTable>, 'id' | 'event_id' | 'topic' | 'key' | 'type'> & {
  envelope: string;
};

/** Advisory-lock key text of `schema`'s relay (hashed by Postgres with hashtext). */
export function relayLockName(schema: string): string {
  return `taskwire.outbox-relay:${schema}`;
}

const outboxTable = (schema: string) => `${pg.escapeIdentifier(schema)}.outbox`;

/** Subscribes the session to `channel` (the NOTIFYs of enqueueEvents). */
export async function listenOnChannel(c: pg.Client, channel: string): Promise<void> {
  await c.query(`listen ${pg.escapeIdentifier(channel)}`);
}

/**
 * Tries to take `schema`'s publishing lock for this session (session-level: held until the
 * session ends). @returns true when this session holds it now.
 */
export async function tryTakeRelayLock(c: pg.Client, schema: string): Promise<boolean> {
  const result = await c.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [
    relayLockName(schema),
  ]);
  return result.rows[0]?.locked === true;
}

/** The oldest `limit` unpublished rows of `schema`'s outbox, in id order. */
export async function findUnpublishedRows(c: pg.Client, schema: string, limit: number): Promise<OutboxRow[]> {
  const result = await c.query<OutboxRow>(
    `select id, event_id, topic, key, type, envelope::text as envelope from ${outboxTable(schema)} where published_at is null order by id limit $1`,
    [limit],
  );
  return result.rows;
}

/** Marks the rows `ids` of `schema`'s outbox published now. */
export async function markPublished(c: pg.Client, schema: string, ids: ReadonlyArray<string>): Promise<void> {
  await c.query(`update ${outboxTable(schema)} set published_at = now() where id = any($1::bigint[])`, [ids]);
}

/** Age in seconds of the oldest unpublished row of `schema`'s outbox; 0 when none. */
/** Where the backlog count stops, so that measuring a huge backlog stays cheap. */
export const backlogCountLimit = 100_000;

/** Unpublished rows (counted up to `backlogCountLimit`) and the age of the oldest, in seconds (0 when none). */
export async function unpublishedBacklog(c: pg.Client, schema: string): Promise<{ rows: number; ageSeconds: number }> {
  const table = outboxTable(schema);
  const result = await c.query<{ rows: number; seconds: number | null }>(
    `select (select count(*)::int from (select 1 from ${table} where published_at is null limit $1) unpublished) as rows,
            (select extract(epoch from now() - created_at)::float8 from ${table} where published_at is null order by id limit 1) as seconds`,
    [backlogCountLimit],
  );
  return { rows: result.rows[0]?.rows ?? 0, ageSeconds: Math.max(0, result.rows[0]?.seconds ?? 0) };
}
