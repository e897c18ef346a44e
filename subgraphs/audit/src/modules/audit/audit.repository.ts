import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AuditDB, AuditEntryRow, StoredFieldChange } from '../../db/database.js';
import {
  deleteMembershipsOf,
  isMemberOfTaskProject,
  isTaskProjectUnknown,
  projectVisibleEventTypes,
  survivesErasureOf,
} from '../project-access/project-access.repository.js';
import { erasedUsersAmong, holdUsersShared, lockUserForErasure } from '../user-erasure/user-erasure.repository.js';
import type { AuditPosition } from './audit.cursor.js';

/** A row plus its position key (occurred_at with microseconds, for cursors). */
export type AuditEntryWithKey = AuditEntryRow & { position_at: string };

export interface AuditLogFilter {
  taskId?: string | null;
  types?: readonly string[] | null;
  since?: Date | null;
  until?: Date | null;
}

const columns = sql`e.id::text as id, e.event_id::text as event_id, e.type, e.actor_id, e.actor_deleted, e.user_id, e.task_id,
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
 * What a reader sees of one task's entries (docs/api.md "Projects"): a member of its project
 * reads the changes to the task by anyone and their own tags and reminders; while its project is
 * unknown here, its entries' owner reads their own, as before projects. `member` and `unknown`
 * are SQL booleans about the entry's task (`e`).
 */
function readableEntries(
  userId: string,
  member: RawBuilder<unknown>,
  unknown: RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`((${member} and (e.type = any(${projectVisibleEventTypes}::text[]) or e.user_id = ${userId}))
    or (${unknown} and e.user_id = ${userId}))`;
}

/** The filter's conditions on an entry `e` (each one given restricts). */
function filterConditions(filter: AuditLogFilter): RawBuilder<unknown> {
  return sql`${filter.taskId != null ? sql`and e.task_id = ${filter.taskId}` : sql``}
      ${filter.types != null ? sql`and e.type = any(${[...filter.types]}::text[])` : sql``}
      ${filter.since != null ? sql`and e.occurred_at >= ${filter.since}` : sql``}
      ${filter.until != null ? sql`and e.occurred_at < ${filter.until}` : sql``}`;
}

/**
 * The entries `userId` may read (`readableEntries` of every task), in scan order from
 * `scan.from` (newest first going forward, oldest first going backward), at most `limit` rows.
 * Two index-friendly halves, each cut to `limit`: the tasks of the user's projects (by task),
 * and their own entries of tasks whose project is unknown (by user).
 */
export async function findAuditLog(
  db: Executor<AuditDB>,
  userId: string,
  filter: AuditLogFilter,
  scan: AuditScan,
  limit: number,
): Promise<AuditEntryWithKey[]> {
  const conditions = sql`${filterConditions(filter)} ${beyond(scan)}`;
  const { rows } = await sql<AuditEntryWithKey>`
    with readable as (
      (select e.id from project_member m
        join task_project tp on tp.project_id = m.project_id
        join audit_entries e on e.task_id = tp.task_id
      where m.user_id = ${userId} and m.removed_at is null
        and ${readableEntries(userId, sql`true`, sql`false`)} ${conditions}
      ${scanOrder(scan)} limit ${limit})
      union all
      (select e.id from audit_entries e
      where e.user_id = ${userId} and ${isTaskProjectUnknown(sql`e.task_id`)} ${conditions}
      ${scanOrder(scan)} limit ${limit})
    )
    select ${columns} from readable r join audit_entries e on e.id = r.id
    ${scanOrder(scan)}
    limit ${limit}`.execute(db);
  return rows;
}

/**
 * History of several tasks in one query (one index range scan per task), in scan order from
 * `scan.from`, at most `limitPerTask` rows each, only what `userId` may read of each task
 * (`readableEntries`: nothing of a task of a project they are not a member of).
 * @returns rows grouped by task id (tasks without readable entries are absent).
 */
export async function findTaskHistories(
  db: Executor<AuditDB>,
  userId: string,
  taskIds: readonly string[],
  scan: AuditScan,
  limitPerTask: number,
): Promise<Map<string, AuditEntryWithKey[]>> {
  // The access of each task is decided once; `a.member or a.unknown` lets the planner skip the
  // scan of a task the user may not read at all.
  const { rows } = await sql<AuditEntryWithKey>`
    select h.* from (
      select t.task_id,
        ${isMemberOfTaskProject(sql`t.task_id`, userId)} as member,
        ${isTaskProjectUnknown(sql`t.task_id`)} as unknown
      from unnest(${[...taskIds]}::text[]) as t(task_id)
    ) a
    cross join lateral (
      select ${columns}
      from audit_entries e
      where e.task_id = a.task_id and (a.member or a.unknown)
        and ${readableEntries(userId, sql`a.member`, sql`a.unknown`)} ${beyond(scan)}
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

/** Fields of a task snapshot, hence of stored changes, whose values are user ids. */
const userIdFields: ReadonlySet<string> = new Set(['userId', 'createdBy', 'assigneeId']);

/** Every user id an entry names: owner, actor, and the values of user-id fields of its changes. */
export function userIdsNamedBy(entry: NewAuditEntry): string[] {
  const ids = [entry.userId];
  if (entry.actorId) ids.push(entry.actorId);
  for (const change of entry.changes) {
    if (!userIdFields.has(change.field)) continue;
    for (const value of [change.old, change.new]) if (typeof value === 'string') ids.push(value);
  }
  return ids;
}

/**
 * Inserts many entries in ONE statement (arrays unnested server-side, so the batch size
 * is not bounded by the 65,535 bind-parameter limit). An entry whose event id is already
 * stored is skipped (`on conflict (event_id) do nothing`), the second guard behind the
 * inbox. Rows get ids in array order, so the order of a partition is kept.
 *
 * Against a racing erasure (eraseUserEntries) the locks of every user an entry names are held
 * shared; an entry written after such a user's erasure (an event still in flight) is written
 * as the erasure would have left it: anonymised, or not at all.
 * @returns how many rows were inserted.
 */
export async function insertAuditEntries(db: Executor<AuditDB>, entries: readonly NewAuditEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const named = entries.flatMap(userIdsNamedBy);
  await holdUsersShared(db, named);
  const erased = await erasedUsersAmong(db, named);
  const result = await sql`
    insert into audit_entries (event_id, type, actor_id, actor_deleted, user_id, task_id, occurred_at, correlation_id, traceparent, changes)
    select event_id, type,
      case when actor_id = any(${erased}::text[]) then null else actor_id end,
      coalesce(actor_id = any(${erased}::text[]), false),
      case when user_id = any(${erased}::text[]) then null else user_id end,
      task_id, occurred_at, correlation_id, traceparent,
      ${erased.length > 0 ? sql`without_user_ids(changes::jsonb, ${erased}::text[])` : sql`changes::jsonb`}
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
    ${erased.length > 0 ? keptDespiteErasure(erased) : sql``}
    order by n
    on conflict (event_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** SQL: the rows `r` an erasure of their owner or actor (among `erased`) would have kept. */
function keptDespiteErasure(erased: readonly string[]): RawBuilder<unknown> {
  const entry = { taskId: sql`r.task_id`, type: sql`r.type`, userId: sql`r.user_id` };
  return sql`where (r.user_id <> all(${erased}::text[]) or ${survivesErasureOf(sql`r.user_id`, entry)})
    and (r.actor_id is null or r.actor_id <> all(${erased}::text[]) or ${survivesErasureOf(sql`r.actor_id`, entry)})`;
}

/**
 * A deleted account's erasure (`user.deleted`), holding the user's lock exclusively so a racing
 * insert either commits first (and is handled here) or sees the tombstone. An entry naming the
 * user as owner or actor goes unless its task's project still has another member and it is not
 * the user's own tag or reminder (`survivesErasureOf`); the entries that stay, and every entry
 * whose changes name the user (e.g. as assignee), no longer do: owner and actor nulled
 * (`actor_deleted` set), every JSON value equal to the id in `changes` nulled. Their membership
 * rows go; the tombstone stays. Scans the whole log (rare: one per deleted account). Must run as
 * the migration owner. Idempotent.
 */
export async function eraseUserEntries(
  db: Executor<AuditDB>,
  userId: string,
): Promise<{ deleted: number; anonymised: number; memberships: number }> {
  await lockUserForErasure(db, userId);
  const entry = { taskId: sql`e.task_id`, type: sql`e.type`, userId: sql`e.user_id` };
  const deleted = await sql`
    delete from audit_entries e
    where (e.user_id = ${userId} or e.actor_id = ${userId}) and not ${survivesErasureOf(userId, entry)}`.execute(db);
  const anonymised = await sql`
    update audit_entries e set
      user_id = case when e.user_id = ${userId} then null else e.user_id end,
      actor_id = case when e.actor_id = ${userId} then null else e.actor_id end,
      actor_deleted = e.actor_deleted or e.actor_id is not distinct from ${userId},
      changes = without_user_ids(e.changes, array[${userId}]::text[])
    where e.user_id = ${userId} or e.actor_id = ${userId} or strpos(e.changes::text, ${userId}) > 0`.execute(db);
  return {
    deleted: Number(deleted.numAffectedRows ?? 0n),
    anonymised: Number(anonymised.numAffectedRows ?? 0n),
    memberships: await deleteMembershipsOf(db, userId),
  };
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
