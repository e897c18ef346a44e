import type { Kysely, Transaction } from 'kysely';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { uuidv7 } from 'uuidv7';
import { badUserInput, notFound } from '@taskwire/platform/errors';
import { dateInput, instantInput, textInput, timeZoneInput } from '@taskwire/platform/input';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { occurrencesBetween, parseRecurrenceRule, type DueAt } from '@taskwire/recurrence';
import type { Priority, TasksDatabase } from '../../db/database.js';
import type { CreateTaskInput, TaskFilter, TaskSort, UpdateTaskInput } from '../../generated/graphql.js';
import { dateAsDateTime, diffTasks } from './task.mapper.js';
import { priorityRank, type NewTaskRow, type TaskConnectionModel, type TaskRow } from './task.model.js';
import {
  countTasks,
  deleteTaskRow,
  insertTask,
  lockTaskForUser,
  searchTasks,
  updateTaskRow,
  type Direction,
  type SortKey,
  type TaskPatch,
  type TaskSearchFilter,
} from './task.repository.js';
import { decodeCursor, encodeCursor } from './task.cursor.js';
import { findUserTimeZone } from '../user-projection/user-projection.repository.js';
import {
  taskCompletedEvent,
  taskCreatedEvent,
  taskDeletedEvent,
  taskReopenedEvent,
  taskUpdatedEvent,
} from './task.events.js';
import type { EventOrigin } from '@taskwire/platform/events';
import {
  toPrefixQuery,
  validateDescription,
  validateOccurrenceCount,
  recurrenceInput,
  validatePageSize,
  validateRecurrence,
  validateTitle,
  type ValidRecurrence,
} from './task.validation.js';

export const tasksSchema = 'tasks';

export type TaskWriteOperation = 'create' | 'update' | 'complete' | 'reopen' | 'delete';

/** Test seam: runs inside each write transaction after the row change, before the event. */
export type AfterTaskWrite = (
  trx: Transaction<TasksDatabase>,
  operation: TaskWriteOperation,
  row: TaskRow,
) => Promise<void> | void;

export interface TaskServiceDeps {
  db: Kysely<TasksDatabase>;
  now: () => Date;
  afterWrite?: AfterTaskWrite | undefined;
}

type Due = { at: Date | null; date: string | null };

function dueOf(row: Pick<NewTaskRow, 'due_at' | 'due_date'>): DueAt | null {
  if (row.due_at) return { dateTime: row.due_at };
  if (row.due_date) return { date: row.due_date };
  return null;
}

/** A rule that parses may still not fit the task (e.g. BYHOUR on an all-day series). */
function checkRuleFitsDue(recurrence: ValidRecurrence, due: DueAt, field: string): void {
  recurrenceInput(field, () =>
    occurrencesBetween(parseRecurrenceRule(recurrence.rrule, recurrence.timeZone), due, due.dateTime ?? due.date, 1),
  );
}

function readDue(input: { dueAt?: string | null; dueDate?: string | null }): Due | undefined {
  if (input.dueAt != null && input.dueDate != null) {
    throw badUserInput(
      'input.dueDate',
      `set either input.dueAt (a date-time) or input.dueDate (an all-day date), not both; got dueAt ${JSON.stringify(input.dueAt)} and dueDate ${JSON.stringify(input.dueDate)}`,
    );
  }
  if (input.dueAt != null) return { at: instantInput(input.dueAt, 'input.dueAt'), date: null };
  if (input.dueDate != null) return { at: null, date: dateInput(input.dueDate, 'input.dueDate') };
  return undefined;
}

/**
 * The zone a task gets when the client names none: the user's own (projected from accounts'
 * `user-events`), or UTC while no event about the user has arrived yet.
 */
async function userDefaultTimeZone(deps: TaskServiceDeps, userId: string): Promise<string> {
  return (await findUserTimeZone(deps.db, userId)) ?? 'UTC';
}

const needsDue = 'a recurring task needs a due value (input.dueAt or input.dueDate): the rule is evaluated from it';

export async function createTask(
  deps: TaskServiceDeps,
  userId: string,
  input: CreateTaskInput,
  origin: EventOrigin,
): Promise<TaskRow> {
  const title = validateTitle(input.title, 'input.title');
  const description = validateDescription(input.description, 'input.description');
  const priority: Priority = input.priority ?? 'MEDIUM';
  const due = readDue(input);
  const explicitZone = input.timeZone != null ? timeZoneInput(input.timeZone, 'input.timeZone') : undefined;
  const defaultZone = explicitZone ?? (await userDefaultTimeZone(deps, userId));
  const recurrence = input.recurrence ? validateRecurrence(input.recurrence, defaultZone, 'input.recurrence') : null;
  const timeZone = explicitZone ?? recurrence?.timeZone ?? defaultZone;
  if (recurrence && !due) throw badUserInput('input.recurrence', needsDue);
  const id = uuidv7();
  const now = deps.now();
  const row: NewTaskRow = {
    id,
    user_id: userId,
    title,
    description,
    priority: priorityRank(priority),
    status: 'OPEN',
    due_at: due?.at ?? null,
    due_date: due?.date ?? null,
    completed_at: null,
    time_zone: timeZone,
    recurrence_rrule: recurrence?.rrule ?? null,
    recurrence_time_zone: recurrence?.timeZone ?? null,
    recurrence_anchor: recurrence?.anchor ?? null,
    series_id: recurrence ? id : null,
    occurrence: recurrence ? 1 : null,
    series_start_at: recurrence ? (due?.at ?? null) : null,
    series_start_date: recurrence ? (due?.date ?? null) : null,
    created_at: now,
    updated_at: now,
  };
  if (recurrence) checkRuleFitsDue(recurrence, dueOf(row)!, 'input.recurrence');
  return mutationTransaction(deps.db, async (trx) => {
    const created = await insertTask(trx, row);
    await deps.afterWrite?.(trx, 'create', created);
    await enqueueEvents(trx, tasksSchema, [taskCreatedEvent(created, origin)]);
    return created;
  });
}

export async function updateTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  input: UpdateTaskInput,
  origin: EventOrigin,
): Promise<TaskRow> {
  // Validate everything that does not need the row before taking the lock.
  const patch: TaskPatch = {};
  if (input.title !== undefined) patch.title = validateTitle(input.title, 'input.title');
  if (input.description !== undefined) patch.description = validateDescription(input.description, 'input.description');
  if (input.priority !== undefined) {
    if (input.priority === null)
      throw badUserInput('input.priority', 'input.priority expected LOW, MEDIUM, HIGH or URGENT, got null');
    patch.priority = priorityRank(input.priority);
  }
  const due = readDue(input);
  if (input.clearDue && due)
    throw badUserInput('input.clearDue', 'input.clearDue cannot be combined with input.dueAt or input.dueDate');
  if (input.clearRecurrence && input.recurrence) {
    throw badUserInput('input.clearRecurrence', 'input.clearRecurrence cannot be combined with input.recurrence');
  }
  if (due) Object.assign(patch, { due_at: due.at, due_date: due.date });
  if (input.clearDue) Object.assign(patch, { due_at: null, due_date: null });
  if (input.clearRecurrence)
    Object.assign(patch, { recurrence_rrule: null, recurrence_time_zone: null, recurrence_anchor: null });

  return mutationTransaction(deps.db, async (trx) => {
    const before = await lockTaskForUser(trx, userId, id);
    if (!before) throw notFound('task', id);
    if (input.recurrence) {
      const recurrence = validateRecurrence(input.recurrence, before.time_zone, 'input.recurrence');
      Object.assign(patch, {
        recurrence_rrule: recurrence.rrule,
        recurrence_time_zone: recurrence.timeZone,
        recurrence_anchor: recurrence.anchor,
      });
    }
    const merged = { ...before, ...patch };
    const mergedDue = dueOf(merged);
    if (merged.recurrence_rrule) {
      if (!mergedDue) throw badUserInput(input.clearDue ? 'input.clearDue' : 'input.recurrence', needsDue);
      checkRuleFitsDue(
        { rrule: merged.recurrence_rrule, timeZone: merged.recurrence_time_zone!, anchor: merged.recurrence_anchor! },
        mergedDue,
        'input.recurrence',
      );
      if (!before.series_id) Object.assign(patch, { series_id: before.id, occurrence: 1 });
      // Rules run from the series start: it follows the first instance's due value, and is
      // reset when the kind of due value (timed / all-day) changes.
      const kindChanged = Boolean(merged.due_at) !== Boolean(before.series_start_at);
      if ((merged.occurrence ?? 1) === 1 || kindChanged || (!before.series_start_at && !before.series_start_date)) {
        Object.assign(patch, { series_start_at: merged.due_at, series_start_date: merged.due_date });
      }
    }
    const changes = diffTasks(before, { ...before, ...patch });
    if (changes.length === 0) return before;
    const updated = await updateTaskRow(trx, before.id, { ...patch, updated_at: deps.now() });
    await deps.afterWrite?.(trx, 'update', updated);
    await enqueueEvents(trx, tasksSchema, [taskUpdatedEvent(updated, changes, origin)]);
    return updated;
  });
}

/** Completing a completed task returns it unchanged and emits nothing. */
export async function completeTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  origin: EventOrigin,
): Promise<TaskRow> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await lockTaskForUser(trx, userId, id);
    if (!before) throw notFound('task', id);
    if (before.status === 'COMPLETED') return before;
    const now = deps.now();
    const updated = await updateTaskRow(trx, before.id, { status: 'COMPLETED', completed_at: now, updated_at: now });
    await deps.afterWrite?.(trx, 'complete', updated);
    await enqueueEvents(trx, tasksSchema, [taskCompletedEvent(updated, origin)]);
    return updated;
  });
}

/** Reopening an open task returns it unchanged and emits nothing. */
export async function reopenTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  origin: EventOrigin,
): Promise<TaskRow> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await lockTaskForUser(trx, userId, id);
    if (!before) throw notFound('task', id);
    if (before.status === 'OPEN' || !before.completed_at) return before;
    const updated = await updateTaskRow(trx, before.id, { status: 'OPEN', completed_at: null, updated_at: deps.now() });
    await deps.afterWrite?.(trx, 'reopen', updated);
    await enqueueEvents(trx, tasksSchema, [taskReopenedEvent(updated, before.completed_at, origin)]);
    return updated;
  });
}

/** Deletes the task (and its tag projection rows). A missing or foreign id is NOT_FOUND. */
export async function deleteTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  origin: EventOrigin,
): Promise<string> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await lockTaskForUser(trx, userId, id);
    if (!before) throw notFound('task', id);
    await deleteTaskRow(trx, before.id);
    await trx.deleteFrom('task_tags').where('task_id', '=', before.id).execute();
    await deps.afterWrite?.(trx, 'delete', before);
    await enqueueEvents(trx, tasksSchema, [taskDeletedEvent(before, origin)]);
    return before.id;
  });
}

// ── search ───────────────────────────────────────────────────────────────────────────────

export interface SearchArgs {
  filter?: TaskFilter | null;
  sort?: TaskSort | null;
  first?: number | null;
  after?: string | null;
}

/** Validates a GraphQL TaskFilter into repository terms (fields named `filter.*`). */
export function toSearchFilter(filter: TaskFilter | null | undefined): TaskSearchFilter {
  const out: TaskSearchFilter = {};
  if (!filter) return out;
  if (filter.status) out.status = filter.status;
  // An empty list means "no restriction" (what a cleared multi-select sends).
  if (filter.priorities && filter.priorities.length > 0) out.priorities = filter.priorities.map(priorityRank);
  if (filter.tags && filter.tags.length > 0)
    out.tags = [...new Set(filter.tags.map((t, i) => textInput(t.trim(), `filter.tags[${i}]`).toLowerCase()))];
  if (filter.dueAfter != null) out.dueAfter = instantInput(filter.dueAfter, 'filter.dueAfter');
  if (filter.dueBefore != null) out.dueBefore = instantInput(filter.dueBefore, 'filter.dueBefore');
  if (filter.overdue != null) out.overdue = filter.overdue;
  if (filter.seriesId != null) out.seriesId = textInput(filter.seriesId, 'filter.seriesId');
  if (filter.search != null) {
    const tsquery = toPrefixQuery(filter.search);
    if (tsquery) out.tsquery = tsquery;
  }
  return out;
}

/** One page of the user's tasks (Query.tasks). */
export async function searchUserTasks(
  deps: TaskServiceDeps,
  userId: string,
  args: SearchArgs,
): Promise<TaskConnectionModel> {
  const limit = validatePageSize(args.first);
  const filter = toSearchFilter(args.filter);
  let sort: SortKey;
  let direction: Direction;
  if (args.sort) {
    sort = args.sort.field;
    direction = args.sort.direction ?? 'ASC';
  } else if (filter.tsquery) {
    sort = 'RELEVANCE';
    direction = 'DESC';
  } else {
    sort = 'CREATED_AT';
    direction = 'DESC';
  }
  const sortTag = `${sort}:${direction}`;
  const after = args.after != null ? decodeCursor(args.after, sort, sortTag) : undefined;
  const now = deps.now();
  const rows = await searchTasks(deps.db, userId, {
    filter,
    sort,
    direction,
    limit: limit + 1,
    now,
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const edges = page.map(({ sort_key, ...node }) => ({
    cursor: encodeCursor({ s: sortTag, k: sort_key, i: node.id }),
    node,
  }));
  let count: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => (count ??= countTasks(deps.db, userId, filter, now)),
  };
}

/** Task.nextOccurrences: the rule's next due values after this instance's due value. */
export function nextOccurrences(row: TaskRow, count: number | null | undefined): string[] {
  const n = validateOccurrenceCount(count);
  if (!row.recurrence_rrule || !row.recurrence_time_zone) return [];
  const start = row.series_start_at
    ? { dateTime: row.series_start_at }
    : row.series_start_date
      ? { date: row.series_start_date }
      : null;
  const current = row.due_at ?? row.due_date;
  if (!start || !current) return [];
  const { recurrence_rrule: rrule, recurrence_time_zone: timeZone } = row;
  // A rule saved before today's rules (or that runs out of years) is the client's, not a fault.
  return recurrenceInput('recurrence', () => {
    const rule = parseRecurrenceRule(rrule, timeZone);
    return occurrencesBetween(rule, start, current, n).map((due) =>
      due.dateTime ? due.dateTime.toISOString() : dateAsDateTime(due.date, rule.timeZone),
    );
  });
}
