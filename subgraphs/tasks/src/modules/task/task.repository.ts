import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { ProjectRole, TasksDatabase, TaskStatus } from '../../db/database.js';
import type { NewTaskRow, TaskRow } from './task.model.js';
import { keyBetween } from './task.order.js';

type Db = Executor<TasksDatabase>;

/** Every column except the search vector (never sent to clients). */
export const taskColumns = [
  'id',
  'user_id',
  'title',
  'description',
  'priority',
  'status',
  'due_at',
  'due_date',
  'completed_at',
  'time_zone',
  'recurrence_rrule',
  'recurrence_time_zone',
  'recurrence_anchor',
  'series_id',
  'occurrence',
  'series_start_at',
  'series_start_date',
  'project_id',
  'assignee_id',
  'created_by',
  'position',
  'parent_id',
  'completed_with',
  'trashed_at',
  'trashed_with',
  'created_at',
  'updated_at',
  'due_key',
] as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not uuids cannot exist; callers treat them like missing ones. */
export function isTaskId(id: string): boolean {
  return uuidPattern.test(id);
}

/**
 * Inserts a task row in the caller's transaction and returns it. The recurrence consumer uses
 * this for the next instance of a series: `(series_id, occurrence)` is unique
 * (`tasks_series_occurrence_idx`), so a second insert of the same position fails with
 * PostgreSQL error 23505 — or use {@link insertTaskIfAbsent}.
 */
export async function insertTask(trx: Db, row: NewTaskRow): Promise<TaskRow> {
  // The order lock lasts until the end of a transaction: outside one, the insert makes its own.
  if (row.position === undefined && !trx.isTransaction) return trx.transaction().execute((t) => insertTask(t, row));
  const position = row.position ?? (await positionAtEnd(trx, row.project_id));
  return trx
    .insertInto('tasks')
    .values({ ...row, position })
    .returning(taskColumns)
    .executeTakeFirstOrThrow();
}

/**
 * Like {@link insertTask}, but returns undefined (inserting nothing) when the series already
 * has an instance with this occurrence number.
 */
export async function insertTaskIfAbsent(trx: Db, row: NewTaskRow): Promise<TaskRow | undefined> {
  if (row.position === undefined && !trx.isTransaction) {
    return trx.transaction().execute((t) => insertTaskIfAbsent(t, row));
  }
  const position = row.position ?? (await positionAtEnd(trx, row.project_id));
  return trx
    .insertInto('tasks')
    .values({ ...row, position })
    .onConflict((oc) => oc.columns(['series_id', 'occurrence']).doNothing())
    .returning(taskColumns)
    .executeTakeFirst();
}

// ── manual order ─────────────────────────────────────────────────────────────────────────

/**
 * Serialises, until the end of the transaction, every write of positions in one project, so
 * two writers never pick the same key (`tasks_project_position_idx` is unique).
 */
async function lockProjectOrder(trx: Db, projectId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`task-order:${projectId}`}, 0))`.execute(trx);
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * SQL for the `n`th position key (0 ≤ n < 62⁴), for rows written in bulk with SQL (fixtures,
 * benchmarks): the fractional-indexing integer key "d" + four base-62 digits, in n's order.
 */
export function bulkPositionSql(n: RawBuilder<unknown>): RawBuilder<string> {
  const digit = (power: number) => sql`substr(${base62}, ((${n})::bigint / ${62 ** power} % 62)::int + 1, 1)`;
  return sql<string>`('d' || ${digit(3)} || ${digit(2)} || ${digit(1)} || ${digit(0)})`;
}

/** A position after every task of the project (taking the project's order lock). */
export async function positionAtEnd(trx: Db, projectId: string): Promise<string> {
  await lockProjectOrder(trx, projectId);
  const last = await trx
    .selectFrom('tasks')
    .select('position')
    .where('project_id', '=', projectId)
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return keyBetween(last?.position ?? null, null);
}

/**
 * The positions around a place in the project's order, `task` itself left out (it is the one
 * moving): the neighbour just after `position` (`side: 'after'`) or just before it.
 * Takes the project's order lock first.
 */
export async function neighbourPosition(
  trx: Db,
  projectId: string,
  position: string,
  side: 'after' | 'before',
  movingId: string | null,
): Promise<string | null> {
  await lockProjectOrder(trx, projectId);
  let query = trx
    .selectFrom('tasks')
    .select('position')
    .where('project_id', '=', projectId)
    .where('position', side === 'after' ? '>' : '<', position)
    .orderBy('position', side === 'after' ? 'asc' : 'desc')
    .limit(1);
  if (movingId) query = query.where('id', '!=', movingId);
  return (await query.executeTakeFirst())?.position ?? null;
}

/**
 * Tasks of the projects `userId` is a member of, with the user's role in the task's project:
 * the live ones (every read but the Trash), or those in the Trash.
 */
function visibleTo(db: Db, userId: string, where: 'live' | 'trashed' = 'live') {
  return db
    .selectFrom('tasks as t')
    .innerJoin('project_members as m', (join) =>
      join.onRef('m.project_id', '=', 't.project_id').on('m.user_id', '=', userId),
    )
    .select(taskColumns.map((c) => `t.${c}` as const))
    .select('m.role')
    .where('t.trashed_at', where === 'live' ? 'is' : 'is not', null);
}

/** A task as one member sees it: the row and the member's role in its project. */
export type MemberTaskRow = TaskRow & { role: ProjectRole };

/** The task if `userId` is a member of its project, else undefined (missing ids alike). */
export async function findTaskForUser(db: Db, userId: string, id: string): Promise<MemberTaskRow | undefined> {
  if (!isTaskId(id)) return undefined;
  return visibleTo(db, userId).where('t.id', '=', id).executeTakeFirst();
}

/** Any task by id regardless of owner (system callers such as the recurrence consumer). */
export async function findTaskById(db: Db, id: string): Promise<TaskRow | undefined> {
  if (!isTaskId(id)) return undefined;
  return db.selectFrom('tasks').select(taskColumns).where('id', '=', id).executeTakeFirst();
}

/** The tasks among `ids` that `userId` may see, in one query (DataLoader batches). */
export async function findTasksForUser(db: Db, userId: string, ids: readonly string[]): Promise<MemberTaskRow[]> {
  const valid = ids.filter(isTaskId);
  if (valid.length === 0) return [];
  return visibleTo(db, userId).where('t.id', 'in', valid).execute();
}

// ── subtasks ─────────────────────────────────────────────────────────────────────────────

/** The direct subtasks of `parentIds` that `userId` may see, in manual order (DataLoader batches). */
export async function findSubtasksForUser(
  db: Db,
  userId: string,
  parentIds: readonly string[],
): Promise<MemberTaskRow[]> {
  const valid = parentIds.filter(isTaskId);
  if (valid.length === 0) return [];
  return visibleTo(db, userId).where('t.parent_id', 'in', valid).orderBy('t.position').orderBy('t.id').execute();
}

/**
 * Every task below `rootId` (children, their children, …), locked for update, parents before
 * their children, each with its depth below the root (1 = a child).
 */
export async function lockDescendants(trx: Db, rootId: string): Promise<Array<TaskRow & { depth: number }>> {
  const columns = sql.join(taskColumns.map((c) => sql.ref(`t.${c}`)));
  const result = await sql<TaskRow & { depth: number }>`
    with recursive below (id, depth) as (
      select id, 1 from tasks where parent_id = ${rootId}::uuid
      union all
      select t.id, b.depth + 1 from tasks t join below b on t.parent_id = b.id where b.depth < 16
    )
    select ${columns}, b.depth from tasks t join below b on b.id = t.id
    order by b.depth, t.position, t.id
    for update of t`.execute(trx);
  return result.rows;
}

/** The task's level in its tree: 1 for a task without a parent, 2 for its subtasks, … */
export async function levelOf(trx: Db, id: string): Promise<number> {
  const result = await sql<{ level: number }>`
    with recursive up (id, parent_id, level) as (
      select id, parent_id, 1 from tasks where id = ${id}::uuid
      union all
      select t.id, t.parent_id, u.level + 1 from tasks t join up u on t.id = u.parent_id where u.level < 16
    )
    select max(level)::int as level from up`.execute(trx);
  return result.rows[0]?.level ?? 1;
}

/**
 * Locks the task row (`for update`) for the rest of the transaction if `userId` is a member of
 * its project, so concurrent changes to one task are serialised and their events leave the
 * outbox in commit order. The membership row is locked too (`for share`), so a removal of the
 * member waits for this write or is seen by it.
 */
export async function lockTaskForUser(trx: Db, userId: string, id: string): Promise<MemberTaskRow | undefined> {
  if (!isTaskId(id)) return undefined;
  return visibleTo(trx, userId).where('t.id', '=', id).forUpdate('t').forShare('m').executeTakeFirst();
}

// ── trash ────────────────────────────────────────────────────────────────────────────────

/** A task in the Trash that `userId` may see, locked like {@link lockTaskForUser} (restoreTask). */
export async function lockTrashedTaskForUser(trx: Db, userId: string, id: string): Promise<MemberTaskRow | undefined> {
  if (!isTaskId(id)) return undefined;
  return visibleTo(trx, userId, 'trashed').where('t.id', '=', id).forUpdate('t').forShare('m').executeTakeFirst();
}

/**
 * One page of the Trash as `userId` sees it: the tasks put there (not the subtasks that went
 * along with them) in the projects they are a member of, most recently trashed first, strictly
 * after the keyset position `after` (trashed_at as text, id).
 */
export async function listTrash(
  db: Db,
  userId: string,
  page: { limit: number; after?: { key: string; id: string } },
): Promise<Array<MemberTaskRow & { sort_key: string }>> {
  let query = visibleTo(db, userId, 'trashed')
    .where('t.trashed_with', 'is', null)
    .select(sql<string>`t.trashed_at::text`.as('sort_key'));
  if (page.after) {
    const { key, id } = page.after;
    query = query.where(sql<boolean>`(t.trashed_at, t.id) < (${key}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy('t.trashed_at', 'desc').orderBy('t.id', 'desc').limit(page.limit).execute();
}

/** How many items the Trash of `userId` lists (Query.trash's totalCount). */
export async function countTrash(db: Db, userId: string): Promise<number> {
  const row = await visibleTo(db, userId, 'trashed')
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('t.trashed_with', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Up to `limit` tasks put in the Trash before `cutoff` (the subtasks that went along with them
 * are purged with them), oldest first, locked; rows another purge holds are skipped.
 */
export async function lockTrashToPurge(trx: Db, cutoff: Date, limit: number): Promise<TaskRow[]> {
  return trx
    .selectFrom('tasks')
    .select(taskColumns)
    .where('trashed_at', '<', cutoff)
    .where('trashed_with', 'is', null)
    .orderBy('trashed_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export type TaskPatch = Partial<Omit<NewTaskRow, 'id' | 'user_id' | 'created_at'>>;

export async function updateTaskRow(trx: Db, id: string, patch: TaskPatch): Promise<TaskRow> {
  return trx.updateTable('tasks').set(patch).where('id', '=', id).returning(taskColumns).executeTakeFirstOrThrow();
}

/** Deletes tasks and their tag projection rows (deleteTask, deleteProject). */
export async function deleteTasksWithTags(trx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('task_tags').where('task_id', 'in', ids).execute();
  await trx.deleteFrom('tasks').where('id', 'in', ids).execute();
}

/** Every task of a project, locked (`for update`) until the end of the transaction, oldest first. */
export async function lockTasksOfProject(trx: Db, projectId: string): Promise<TaskRow[]> {
  return trx
    .selectFrom('tasks')
    .select(taskColumns)
    .where('project_id', '=', projectId)
    .orderBy('id')
    .forUpdate()
    .execute();
}

// ── search ───────────────────────────────────────────────────────────────────────────────

export interface TaskSearchFilter {
  status?: TaskStatus;
  /** Priority ranks. */
  priorities?: number[];
  /** Lower-cased tag names (any of). */
  tags?: string[];
  dueAfter?: Date;
  dueBefore?: Date;
  overdue?: boolean;
  /** A tsquery built by toPrefixQuery. */
  tsquery?: string;
  seriesId?: string;
  /** Project ids (any of); an empty list matches nothing. */
  projectIds?: string[];
  /** Only tasks assigned to this user. */
  assignedTo?: string;
  /** true: only tasks assigned to nobody. */
  unassigned?: boolean;
  /** true: only tasks with a due value; false: only those without. */
  hasDue?: boolean;
  /** true: only instances of a recurring series (with a rule). */
  recurring?: boolean;
  createdAfter?: Date;
  createdBefore?: Date;
  /** A filter-language query (`tasks(query:)`), and-ed with everything above. */
  expression?: TaskFilterExpression;
}

/** And, or and not over filters; a leaf's `projectIds` restricts like its other fields. */
export type TaskFilterExpression =
  | { readonly and: readonly TaskFilterExpression[] }
  | { readonly or: readonly TaskFilterExpression[] }
  | { readonly not: TaskFilterExpression }
  | { readonly leaf: TaskSearchFilter };

/**
 * The projects a search runs over: those `userId` is a member of, narrowed to
 * `filter.projectIds` (ids that are not the user's match nothing).
 */
function searchedProjects(userId: string, filter: TaskSearchFilter): RawBuilder<unknown> {
  const narrowed = filter.projectIds
    ? sql` and m.project_id = any(${filter.projectIds.filter(isTaskId)}::uuid[])`
    : sql``;
  return sql`select m.project_id from project_members m where m.user_id = ${userId}${narrowed}`;
}

/** Sort shapes; each one is served by an index on (project_id, key, id). */
export type SortKey = 'CREATED_AT' | 'UPDATED_AT' | 'PRIORITY' | 'TITLE' | 'DUE_AT' | 'POSITION' | 'RELEVANCE';
export type Direction = 'ASC' | 'DESC';

/** The SQL type of each sort key: `sort_key` is its text, and a cursor's key is cast back to it. */
export const sortKeyTypes = {
  CREATED_AT: 'timestamptz',
  UPDATED_AT: 'timestamptz',
  PRIORITY: 'smallint',
  TITLE: 'text',
  DUE_AT: 'timestamptz',
  POSITION: 'text',
  RELEVANCE: 'real',
} as const satisfies Record<SortKey, string>;
export type SortKeyType = (typeof sortKeyTypes)[SortKey];

function sortExpression(key: SortKey, direction: Direction, tsquery: string | undefined): RawBuilder<unknown> {
  switch (key) {
    case 'CREATED_AT':
      return sql`t.created_at`;
    case 'UPDATED_AT':
      return sql`t.updated_at`;
    case 'PRIORITY':
      return sql`t.priority`;
    case 'TITLE':
      return sql`lower(t.title)`;
    case 'POSITION':
      return sql`t.position`;
    case 'DUE_AT':
      // Tasks without a due date come last in both directions (sentinel matches the index).
      return direction === 'ASC'
        ? sql`coalesce(t.due_key, 'infinity'::timestamptz)`
        : sql`coalesce(t.due_key, '-infinity'::timestamptz)`;
    case 'RELEVANCE':
      if (!tsquery) throw new Error('RELEVANCE sort needs a search');
      return sql`ts_rank(t.search_vector, to_tsquery('simple', ${tsquery}))`;
  }
}

function filterConditions(
  userId: string,
  filter: TaskSearchFilter,
  now: Date,
  sortKeyExpr?: RawBuilder<unknown>,
): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filter.status) where.push(sql`t.status = ${filter.status}`);
  if (filter.priorities) where.push(sql`t.priority = any(${filter.priorities}::smallint[])`);
  if (filter.tags) {
    where.push(
      sql`exists (select 1 from task_tags g where g.user_id = ${userId} and g.task_id = t.id and g.tag_name_lower = any(${filter.tags}::text[]))`,
    );
  }
  if (filter.dueAfter) where.push(sql`t.due_key >= ${filter.dueAfter}`);
  if (filter.dueBefore) where.push(sql`t.due_key < ${filter.dueBefore}`);
  if (sortKeyExpr && (filter.dueAfter || filter.dueBefore)) {
    // The same range on the DUE_AT sort expression (implied by the conditions above), so the
    // due index scan starts and stops at the range instead of filtering the whole list.
    if (filter.dueAfter) where.push(sql`${sortKeyExpr} >= ${filter.dueAfter}`);
    if (filter.dueBefore) where.push(sql`${sortKeyExpr} < ${filter.dueBefore}`);
  }
  if (filter.overdue !== undefined) {
    const overdue = sql`(t.status = 'OPEN' and (t.due_at < ${now} or t.due_date < (${now}::timestamptz at time zone t.time_zone)::date))`;
    where.push(filter.overdue ? overdue : sql`not coalesce(${overdue}, false)`);
  }
  if (filter.seriesId !== undefined)
    where.push(isTaskId(filter.seriesId) ? sql`t.series_id = ${filter.seriesId}::uuid` : sql`false`);
  if (filter.assignedTo !== undefined) where.push(sql`t.assignee_id = ${filter.assignedTo}`);
  if (filter.unassigned) where.push(sql`t.assignee_id is null`);
  if (filter.hasDue !== undefined) where.push(filter.hasDue ? sql`t.due_key is not null` : sql`t.due_key is null`);
  if (filter.recurring) where.push(sql`t.recurrence_rrule is not null`);
  if (filter.createdAfter) where.push(sql`t.created_at >= ${filter.createdAfter}`);
  if (filter.createdBefore) where.push(sql`t.created_at < ${filter.createdBefore}`);
  if (filter.tsquery) where.push(sql`t.search_vector @@ to_tsquery('simple', ${filter.tsquery})`);
  if (filter.expression) where.push(expressionCondition(userId, filter.expression, now));
  return where;
}

/** A filter expression as one SQL condition (null-safe: a NOT of an unknown is true). */
function expressionCondition(userId: string, expression: TaskFilterExpression, now: Date): RawBuilder<unknown> {
  if ('and' in expression || 'or' in expression) {
    const items = 'and' in expression ? expression.and : expression.or;
    const parts = items.map((item) => expressionCondition(userId, item, now));
    if (parts.length === 0) return 'and' in expression ? sql`true` : sql`false`;
    return sql`(${sql.join(parts, 'and' in expression ? sql` and ` : sql` or `)})`;
  }
  if ('not' in expression) return sql`not coalesce(${expressionCondition(userId, expression.not, now)}, false)`;
  const { leaf } = expression;
  const where = filterConditions(userId, leaf, now);
  if (leaf.projectIds) where.push(sql`t.project_id = any(${leaf.projectIds.filter(isTaskId)}::uuid[])`);
  return where.length === 0 ? sql`true` : sql`(${sql.join(where, sql` and `)})`;
}

export interface TaskSearchQuery {
  filter: TaskSearchFilter;
  sort: SortKey;
  direction: Direction;
  limit: number;
  /** Keyset position: the sort key (as text) and id of the last row seen. */
  after?: { key: string; id: string };
  /**
   * Scan the order in reverse: rows before `after` (or from the end of the list), nearest
   * first. `direction` still names the list's order (the sort expression depends on it).
   */
  backward?: boolean;
  /** Include the row at `after` itself (to learn whether anything lies at or beyond a cursor). */
  inclusive?: boolean;
  now: Date;
}

export type TaskSearchRow = TaskRow & { sort_key: string };

/**
 * One page of the user's tasks in (sort key, id) order, strictly after `after` (or, `backward`,
 * strictly before it, nearest first). Keyset, not offset: rows inserted concurrently never shift
 * or repeat what later pages return.
 */
export async function searchTasks(db: Db, userId: string, query: TaskSearchQuery): Promise<TaskSearchRow[]> {
  const result = await searchTasksSql(userId, query).execute(db);
  return result.rows as TaskSearchRow[];
}

/** Number of the user's tasks matching `filter` (TaskConnection.totalCount). */
export async function countTasks(db: Db, userId: string, filter: TaskSearchFilter, now: Date): Promise<number> {
  const where = [
    sql`t.project_id in (${searchedProjects(userId, filter)})`,
    sql`t.trashed_at is null`,
    ...filterConditions(userId, filter, now),
  ];
  const result = await sql<{
    n: string;
  }>`select count(*) as n from tasks t where ${sql.join(where, sql` and `)}`.execute(db);
  return Number(result.rows[0]!.n);
}

/** The SQL of {@link searchTasks} (also used for EXPLAIN in tests and the benchmark). */
export function searchTasksSql(userId: string, query: TaskSearchQuery): RawBuilder<unknown> {
  const spec = {
    expr: sortExpression(query.sort, query.direction, query.filter.tsquery),
    type: sql.raw(sortKeyTypes[query.sort]),
  };
  const where = filterConditions(userId, query.filter, query.now, query.sort === 'DUE_AT' ? spec.expr : undefined);
  // The scan runs the list's order, or its reverse (the same index, read backwards).
  const ascending = (query.direction === 'ASC') !== Boolean(query.backward);
  const dir = ascending ? sql`asc` : sql`desc`;
  if (query.after) {
    const cmp = sql.raw(`${ascending ? '>' : '<'}${query.inclusive ? '=' : ''}`);
    where.push(sql`(${spec.expr}, t.id) ${cmp} (${query.after.key}::${spec.type}, ${query.after.id}::uuid)`);
  }
  // One ordered index range per project (each stops after `limit` rows), merged by the outer
  // sort: a user's own Inbox and every shared project are each read like a single list.
  where.push(sql`t.project_id = p.project_id`, sql`t.trashed_at is null`);
  const columns = sql.join(taskColumns.map((c) => sql.ref(`t.${c}`)));
  const outer = sql.join(taskColumns.map((c) => sql.ref(`x.${c}`)));
  return sql`select ${outer}, x.sort_key
    from (${searchedProjects(userId, query.filter)}) as p
    cross join lateral (
      select ${columns}, (${spec.expr})::text as sort_key, ${spec.expr} as sort_value
      from tasks t
      where ${sql.join(where, sql` and `)}
      order by ${spec.expr} ${dir}, t.id ${dir}
      limit ${query.limit}
    ) as x
    order by x.sort_value ${dir}, x.id ${dir}
    limit ${query.limit}`;
}

/**
 * Serialises, until the end of the transaction, everything that creates instances of series
 * `seriesId` (two members of a consumer group during a rebalance, or a replayed completion
 * racing a new one).
 */
export async function lockSeries(trx: Db, seriesId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${seriesId}, 0))`.execute(trx);
}

/** Around instance `occurrence` of a series: whether a later one exists, and the rule of the one before. */
export interface SeriesNeighbours {
  /** Id of an instance numbered above `occurrence`, or null. */
  successor: string | null;
  /** The instance right before `occurrence` and its rule, or null for the first. */
  previous: {
    id: string;
    rrule: string | null;
    timeZone: string | null;
    anchor: string | null;
  } | null;
}

/** One round trip: does instance `occurrence` already have a successor, and which rule did its predecessor carry? */
export async function seriesNeighbours(trx: Db, seriesId: string, occurrence: number): Promise<SeriesNeighbours> {
  const { rows } = await sql<{
    successor: string | null;
    previous: string | null;
    rrule: string | null;
    time_zone: string | null;
    anchor: string | null;
  }>`
    select (select id from tasks where series_id = ${seriesId} and occurrence > ${occurrence} limit 1) as successor,
           p.id as previous, p.recurrence_rrule as rrule, p.recurrence_time_zone as time_zone, p.recurrence_anchor as anchor
    from (select 1) as one
    left join lateral (
      select id, recurrence_rrule, recurrence_time_zone, recurrence_anchor from tasks
      where series_id = ${seriesId} and occurrence < ${occurrence} order by occurrence desc limit 1
    ) as p on true`.execute(trx);
  const row = rows[0]!;
  return {
    successor: row.successor,
    previous: row.previous ? { id: row.previous, rrule: row.rrule, timeZone: row.time_zone, anchor: row.anchor } : null,
  };
}

/** The lowest-numbered instance of a series whose series start is `start` (a date-time or a date). */
export async function firstInstanceWithStart(
  trx: Db,
  seriesId: string,
  start: { dateTime?: Date; date?: string },
): Promise<Pick<TaskRow, 'occurrence' | 'due_at' | 'due_date'> | undefined> {
  return trx
    .selectFrom('tasks')
    .select(['occurrence', 'due_at', 'due_date'])
    .where('series_id', '=', seriesId)
    .where(start.dateTime ? 'series_start_at' : 'series_start_date', '=', start.dateTime ?? start.date!)
    .orderBy('occurrence')
    .limit(1)
    .executeTakeFirst();
}
