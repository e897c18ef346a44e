import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AuditDB, AuditEntryRow, StoredFieldChange } from '../../db/database.js';
import type { AuditPosition } from './audit.cursor.js';

/** A row plus its position key (occurred_at with microseconds, for cursors). */
export type AuditEntryWithKey = AuditEntryRow & { position_at: string };

export interface AuditLogFilter {
  taskId?: string | null;
  types?: readonly string[] | null;
  since?: Date | null;
  until?: Date | null;
}

const columns = sql`e.id::text as id, e.event_id::text as event_id, e.type, e.actor_id, e.user_id, e.task_id,
  e.occurred_at, e.correlation_id, e.traceparent, e.changes, e.recorded_at,
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position_at`;

/**
 * How a scan reads the newest-first order from a position: forward (older entries, the list's
 * order) or backward (newer entries, nearest first); `inclusive` keeps the position's own entry
 * (to learn whether anything lies at or beyond a cursor).
 */
export interface AuditScan {
  from: AuditPosition | null;
  backward?: boolean;
  inclusive?: boolean;
}

function beyond(scan: AuditScan): RawBuilder<unknown> {
  if (!scan.from) return sql``;
  const cmp = sql.raw(`${scan.backward ? '>' : '<'}${scan.inclusive ? '=' : ''}`);
  return sql`and (e.occurred_at, e.id) ${cmp} (${scan.from.occurredAt}::timestamptz, ${scan.from.id}::bigint)`;
}

function scanOrder(scan: AuditScan): RawBuilder<unknown> {
  return scan.backward ? sql`order by e.occurred_at asc, e.id asc` : sql`order by e.occurred_at desc, e.id desc`;
}

/**
 * The user's audit entries in scan order from `scan.from` (newest first going forward, oldest
 * first going backward), at most `limit` rows. Scoped by `userId` always.
 */
export async function findAuditLog(
  db: Executor<AuditDB>,
  userId: string,
  filter: AuditLogFilter,
  scan: AuditScan,
  limit: number,
): Promise<AuditEntryWithKey[]> {
  const { rows } = await sql<AuditEntryWithKey>`
    select ${columns}
    from audit_entries e
    where e.user_id = ${userId}
      ${filter.taskId != null ? sql`and e.task_id = ${filter.taskId}` : sql``}
      ${filter.types != null ? sql`and e.type = any(${[...filter.types]}::text[])` : sql``}
      ${filter.since != null ? sql`and e.occurred_at >= ${filter.since}` : sql``}
      ${filter.until != null ? sql`and e.occurred_at < ${filter.until}` : sql``}
      ${beyond(scan)}
    ${scanOrder(scan)}
    limit ${limit}`.execute(db);
  return rows;
}

/**
 * History of several tasks in one query (one index range scan per task), in scan order from
 * `scan.from`, at most `limitPerTask` rows each, only the user's own entries.
 * @returns rows grouped by task id (tasks without entries are absent).
 */
export async function findTaskHistories(
  db: Executor<AuditDB>,
  userId: string,
  taskIds: readonly string[],
  scan: AuditScan,
  limitPerTask: number,
): Promise<Map<string, AuditEntryWithKey[]>> {
  const { rows } = await sql<AuditEntryWithKey>`
    select h.* from unnest(${[...taskIds]}::text[]) as t(task_id)
    cross join lateral (
      select ${columns}
      from audit_entries e
      where e.user_id = ${userId} and e.task_id = t.task_id ${beyond(scan)}
      ${scanOrder(scan)}
      limit ${limitPerTask}
    ) h`.execute(db);
  const byTask = new Map<string, AuditEntryWithKey[]>();
  for (const row of rows) {
    const list = byTask.get(row.task_id);
    if (list) list.push(row);
    else byTask.set(row.task_id, [row]);
  }
  return byTask;
}

/** A row for `insertAuditEntries`. */
export interface NewAuditEntry {
  eventId: string;
  type: string;
  actorId: string | null;
  userId: string;
  taskId: string;
  occurredAt: string;
  correlationId: string | null;
  traceparent: string | null;
  changes: StoredFieldChange[];
}

/**
 * Inserts many entries in ONE statement (arrays unnested server-side, so the batch size
 * is not bounded by the 65,535 bind-parameter limit). An entry whose event id is already
 * stored is skipped (`on conflict (event_id) do nothing`), the second guard behind the
 * inbox. Rows get ids in array order, so the order of a partition is kept.
 * @returns how many rows were inserted.
 */
/** The entry an event wrote, or undefined (not scoped by user: for the writer's own checks and tests). */
export async function findAuditEntryByEventId(
  db: Executor<AuditDB>,
  eventId: string,
): Promise<Pick<AuditEntryRow, 'event_id' | 'type' | 'traceparent' | 'correlation_id'> | undefined> {
  return db
    .selectFrom('audit_entries')
    .select(['event_id', 'type', 'traceparent', 'correlation_id'])
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

export async function insertAuditEntries(db: Executor<AuditDB>, entries: readonly NewAuditEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  // Against a racing erasure (eraseUserEntries): hold each user's lock shared, then skip the
  // entries of erased users, so none is written after its user's entries were erased.
  for (const userId of [...new Set(entries.map((e) => e.userId))].sort()) {
    await sql`select pg_advisory_xact_lock_shared(${userLockKey(userId)})`.execute(db);
  }
  const result = await sql`
    insert into audit_entries (event_id, type, actor_id, user_id, task_id, occurred_at, correlation_id, traceparent, changes)
    select event_id, type, actor_id, user_id, task_id, occurred_at, correlation_id, traceparent, changes::jsonb
    from unnest(
      ${entries.map((e) => e.eventId)}::uuid[],
      ${entries.map((e) => e.type)}::text[],
      ${entries.map((e) => e.actorId)}::text[],
      ${entries.map((e) => e.userId)}::text[],
      ${entries.map((e) => e.taskId)}::text[],
      ${entries.map((e) => e.occurredAt)}::timestamptz[],
      ${entries.map((e) => e.correlationId)}::text[],
      ${entries.map((e) => e.traceparent)}::text[],
      ${entries.map((e) => JSON.stringify(e.changes))}::text[]
    ) with ordinality as r(event_id, type, actor_id, user_id, task_id, occurred_at, correlation_id, traceparent, changes, n)
    where not exists (select from erased_user e where e.user_id = r.user_id)
    order by n
    on conflict (event_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The erasure lock of a user (the same key in every schema that erases on `user.deleted`). */
const userLockKey = (userId: string) => sql`hashtextextended(${'taskwire-user:' + userId}, 0)`;

/**
 * Erases a deleted user's audit entries (as the owner of the trail, `user_id` or `actor_id`)
 * and keeps a tombstone, holding the user's lock exclusively so a racing insert either commits
 * first (and is erased) or sees the tombstone. Must run as the migration owner. Idempotent.
 * @returns how many entries went.
 */
export async function eraseUserEntries(db: Executor<AuditDB>, userId: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(${userLockKey(userId)})`.execute(db);
  await db
    .insertInto('erased_user')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const result = await db
    .deleteFrom('audit_entries')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('actor_id', '=', userId)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Retention: deletes entries that occurred before `cutoff`, `batchSize` rows per
 * statement (short transactions, no long locks), until none is left. Also prunes the
 * audit-writer's inbox rows processed before the cutoff. Must run as the migration owner:
 * the reader and writer roles cannot delete.
 * @returns how many audit rows were deleted.
 */
export async function deleteAuditEntriesBefore(db: Kysely<AuditDB>, cutoff: Date, batchSize = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      delete from audit_entries where id in (
        select id from audit_entries where occurred_at < ${cutoff} order by occurred_at limit ${batchSize}
      )`.execute(db);
    const n = Number(result.numAffectedRows ?? 0n);
    total += n;
    if (n < batchSize) break;
  }
  for (;;) {
    const result = await sql`
      delete from processed_events where ctid in (
        select ctid from processed_events where processed_at < ${cutoff} limit ${batchSize}
      )`.execute(db);
    if (Number(result.numAffectedRows ?? 0n) < batchSize) break;
  }
  return total;
}
