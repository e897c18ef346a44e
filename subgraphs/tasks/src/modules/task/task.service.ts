import type { Kysely, Transaction } from 'kysely';
import { readPageRequest, toPage, type PagingArgs } from '@taskwire/platform/paging';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { uuidv7 } from 'uuidv7';
import { badUserInput, forbidden, notFound, unauthenticated } from '@taskwire/platform/errors';
import { dateInput, instantInput, textInput, timeZoneInput } from '@taskwire/platform/input';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { occurrencesBetween, parseRecurrenceRule, type DueAt } from '@taskwire/recurrence';
import type { Priority, TasksDatabase } from '../../db/database.js';
import type { CreateTaskInput, TaskFilter, TaskSort, UpdateTaskInput } from '../../generated/graphql.js';
import { dateAsDateTime, diffTasks } from './task.mapper.js';
import { priorityRank, type NewTaskRow, type TaskConnectionModel, type TaskRow } from './task.model.js';
import {
  countTasks,
  findTaskForUser,
  insertTask,
  levelOf,
  lockDescendants,
  lockTaskForUser,
  neighbourPosition,
  positionAtEnd,
  type MemberTaskRow,
  searchTasks,
  updateTaskRow,
  type Direction,
  type SortKey,
  type TaskPatch,
  type TaskFilterExpression,
  type TaskSearchFilter,
} from './task.repository.js';
import { decodeCursor, encodeCursor } from './task.cursor.js';
import { compareKeys, keyBetween } from './task.order.js';
import { findUserTimeZone, holdLiveUser } from '../user-projection/user-projection.repository.js';
import { taskCompletedEvent, taskCreatedEvent, taskReopenedEvent, taskUpdatedEvent } from './task.events.js';
import type { EventOrigin, FieldChange } from '@taskwire/platform/events';
import { inboxFor, projectForWrite } from '../project/project.service.js';
import { roleAllows } from '../project/project.model.js';
import { findMembership } from '../project/project.repository.js';
import {
  toPrefixQuery,
  validateDescription,
  validateOccurrenceCount,
  recurrenceInput,
  taskPageSizes,
  validateRecurrence,
  validateTitle,
  type ValidRecurrence,
} from './task.validation.js';

export const tasksSchema = 'tasks';

export type TaskWriteOperation =
  'create' | 'update' | 'complete' | 'reopen' | 'delete' | 'restore' | 'move' | 'reorder';

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
  /** Shares that send mail per user and UTC day (shareProject); default 50. */
  sharesPerDay?: number | undefined;
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
export async function userDefaultTimeZone(deps: TaskServiceDeps, userId: string): Promise<string> {
  return (await findUserTimeZone(deps.db, userId)) ?? 'UTC';
}

/**
 * The task, locked for the rest of `trx`, if `userId` may change it.
 * @throws NOT_FOUND when the user is not a member of its project (or it does not exist),
 * FORBIDDEN when their role there is VIEWER.
 */
export async function taskForWrite(
  trx: Transaction<TasksDatabase>,
  userId: string,
  id: string,
): Promise<MemberTaskRow> {
  const task = await lockTaskForUser(trx, userId, id);
  if (!task) throw notFound('task', id);
  requireTaskEditor(task, 'change');
  return task;
}

/** @throws FORBIDDEN when the member's role (VIEWER) does not allow them to `verb` the project's tasks. */
export function requireTaskEditor(task: Pick<MemberTaskRow, 'role'>, verb: 'change' | 'restore'): void {
  if (!roleAllows[task.role].editTasks) {
    throw forbidden(`your role in the task's project is ${task.role}, which does not allow you to ${verb} its tasks`);
  }
}

/**
 * An assignee for a task of `projectId`: a member of that project.
 * @throws BAD_USER_INPUT on `field` when they are not one.
 */
async function checkAssignee(
  trx: Transaction<TasksDatabase>,
  projectId: string,
  assigneeId: string,
  field: string,
): Promise<string> {
  if (!(await findMembership(trx, projectId, assigneeId))) {
    throw badUserInput(
      field,
      `${field} expected the id of a member of the task's project, got ${JSON.stringify(assigneeId)}`,
    );
  }
  return assigneeId;
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
  const row: Omit<NewTaskRow, 'project_id' | 'assignee_id' | 'created_by'> = {
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
  const projectId = input.projectId != null ? textInput(input.projectId, 'input.projectId') : null;
  const parentId = input.parentId != null ? textInput(input.parentId, 'input.parentId') : null;
  if (input.assigneeId != null) textInput(input.assigneeId, 'input.assigneeId');
  return mutationTransaction(deps.db, async (trx) => {
    // A request that raced the account's deletion past the gateway creates nothing.
    if (!(await holdLiveUser(trx, userId))) throw unauthenticated('the account of this token no longer exists');
    const parent = parentId ? await parentForSubtask(trx, userId, parentId, projectId) : null;
    const project =
      parent || projectId
        ? await projectForWrite(trx, userId, parent?.project_id ?? projectId!, 'editTasks', 'share')
        : await inboxFor(trx, userId, origin);
    const assignee =
      input.assigneeId != null ? await checkAssignee(trx, project.id, input.assigneeId, 'input.assigneeId') : null;
    const created = await insertTask(trx, {
      ...row,
      project_id: project.id,
      parent_id: parent?.id ?? null,
      assignee_id: assignee,
      created_by: userId,
    });
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
    const before = await taskForWrite(trx, userId, id);
    if (input.assigneeId !== undefined) {
      patch.assignee_id =
        input.assigneeId === null
          ? null
          : await checkAssignee(
              trx,
              before.project_id,
              textInput(input.assigneeId, 'input.assigneeId'),
              'input.assigneeId',
            );
    }
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
    const before = await taskForWrite(trx, userId, id);
    if (before.status === 'COMPLETED') return before;
    const now = deps.now();
    const patch = { status: 'COMPLETED', completed_at: now, completed_with: null, updated_at: now } as const;
    const updated = await updateTaskRow(trx, before.id, patch);
    await deps.afterWrite?.(trx, 'complete', updated);
    // Its open subtasks, at every level, are completed with it: one event each, and reopening
    // this task reopens exactly them (`completed_with`).
    const events = [taskCompletedEvent(updated, origin)];
    for (const below of await lockDescendants(trx, before.id)) {
      if (below.status === 'COMPLETED' || below.trashed_at) continue;
      const done = await updateTaskRow(trx, below.id, { ...patch, completed_with: before.id });
      events.push(taskCompletedEvent(done, origin));
    }
    await enqueueEvents(trx, tasksSchema, events);
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
    const before = await taskForWrite(trx, userId, id);
    if (before.status === 'OPEN' || !before.completed_at) return before;
    const patch = { status: 'OPEN', completed_at: null, completed_with: null, updated_at: deps.now() } as const;
    const updated = await updateTaskRow(trx, before.id, patch);
    await deps.afterWrite?.(trx, 'reopen', updated);
    const events = [taskReopenedEvent(updated, before.completed_at, origin)];
    // The subtasks its completion completed are reopened with it (the undo of that completion).
    for (const below of await lockDescendants(trx, before.id)) {
      if (below.completed_with !== before.id || !below.completed_at || below.trashed_at) continue;
      events.push(taskReopenedEvent(await updateTaskRow(trx, below.id, patch), below.completed_at, origin));
    }
    await enqueueEvents(trx, tasksSchema, events);
    return updated;
  });
}

/**
 * Moves the task into another project the user may edit tasks of; `task.updated` reports the
 * change of `projectId`. Moving it where it is returns it unchanged and emits nothing.
 */
export async function moveTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  projectId: string,
  origin: EventOrigin,
): Promise<TaskRow> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await taskForWrite(trx, userId, id);
    if (before.parent_id) throw badUserInput('id', "a subtask stays in its parent's project: move the top task");
    const target = await projectForWrite(trx, userId, projectId, 'editTasks', 'share');
    if (target.id === before.project_id) return before;
    // An assignee who is not a member of the new project is unassigned.
    const keepsAssignee = before.assignee_id !== null && (await findMembership(trx, target.id, before.assignee_id));
    const position = await positionAtEnd(trx, target.id);
    const patch: TaskPatch = { project_id: target.id, position, updated_at: deps.now() };
    if (before.assignee_id !== null && !keepsAssignee) patch.assignee_id = null;
    const updated = await updateTaskRow(trx, before.id, patch);
    await deps.afterWrite?.(trx, 'move', updated);
    const events = [taskUpdatedEvent(updated, movedChanges(before, updated), origin)];
    // Its subtasks move with it, each last in the new project in their order, each announced.
    for (const below of await lockDescendants(trx, before.id)) {
      const stays = below.assignee_id !== null && (await findMembership(trx, target.id, below.assignee_id));
      const position = await positionAtEnd(trx, target.id);
      const subPatch: TaskPatch = { project_id: target.id, position, updated_at: patch.updated_at! };
      if (below.assignee_id !== null && !stays) subPatch.assignee_id = null;
      const moved = await updateTaskRow(trx, below.id, subPatch);
      events.push(taskUpdatedEvent(moved, movedChanges(below, moved), origin));
    }
    await enqueueEvents(trx, tasksSchema, events);
    return updated;
  });
}

/**
 * Moves the task within its project's manual order: right after `afterId`, right before
 * `beforeId`, or between the two (in that order). Only the task's own row changes (a new
 * fractional key between its new neighbours), and `task.updated` reports `position`. Writers of
 * one project's order are serialised, so two members moving tasks at once end in one order.
 * @throws BAD_USER_INPUT on `afterId`/`beforeId` for a task that is not another one of the same
 * project, when neither is given, or when `beforeId` does not come after `afterId`.
 */
export async function reorderTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  place: { afterId?: string | null | undefined; beforeId?: string | null | undefined },
  origin: EventOrigin,
): Promise<TaskRow> {
  if (place.afterId == null && place.beforeId == null) {
    throw badUserInput('afterId', 'afterId or beforeId expected: the task to place this one after or before');
  }
  return mutationTransaction(deps.db, async (trx) => {
    const before = await taskForWrite(trx, userId, id);
    const anchor = async (field: 'afterId' | 'beforeId') => {
      const anchorId = place[field];
      if (anchorId == null) return null;
      const other = anchorId === id ? undefined : await findTaskForUser(trx, userId, textInput(anchorId, field));
      if (!other || other.project_id !== before.project_id) {
        throw badUserInput(
          field,
          `${field} expected another task of the same project (moveTask moves between projects)`,
        );
      }
      return other.position;
    };
    const after = await anchor('afterId');
    const next = await anchor('beforeId');
    let low: string | null;
    let high: string | null;
    if (after !== null && next !== null) {
      if (compareKeys(after, next) >= 0)
        throw badUserInput('beforeId', 'beforeId expected a task that comes after afterId');
      [low, high] = [after, next];
    } else if (after !== null) {
      [low, high] = [after, await neighbourPosition(trx, before.project_id, after, 'after', before.id)];
    } else {
      [low, high] = [await neighbourPosition(trx, before.project_id, next!, 'before', before.id), next];
    }
    // Already there (its neighbours are the place's): nothing changes, nothing is announced.
    const previous = await neighbourPosition(trx, before.project_id, before.position, 'before', before.id);
    const following = await neighbourPosition(trx, before.project_id, before.position, 'after', before.id);
    if (previous === low && following === high) return before;
    const updated = await updateTaskRow(trx, before.id, { position: keyBetween(low, high), updated_at: deps.now() });
    await deps.afterWrite?.(trx, 'reorder', updated);
    await enqueueEvents(trx, tasksSchema, [taskUpdatedEvent(updated, diffTasks(before, updated), origin)]);
    return updated;
  });
}

function movedChanges(before: TaskRow, after: TaskRow): FieldChange[] {
  return [{ field: 'projectId', old: before.project_id, new: after.project_id }, ...diffTasks(before, after)];
}

/** Deepest level of subtasks: a task on this level takes no subtasks. */
export const maxTaskLevels = 4;

/**
 * The parent of a new subtask: a task the user may edit, in the project given (if any), on a
 * level above {@link maxTaskLevels}.
 * @throws NOT_FOUND for a parent the user cannot see; BAD_USER_INPUT on `input.parentId` (too
 * deep) or `input.projectId` (another project); FORBIDDEN for a viewer.
 */
async function parentForSubtask(
  trx: Transaction<TasksDatabase>,
  userId: string,
  parentId: string,
  projectId: string | null,
): Promise<MemberTaskRow> {
  const parent = await lockTaskForUser(trx, userId, parentId);
  // A task the user cannot see is NOT_FOUND, like a foreign project in input.projectId.
  if (!parent) throw notFound('task', parentId);
  if (!roleAllows[parent.role].editTasks) {
    throw forbidden(`your role in the parent's project is ${parent.role}, which does not allow you to add tasks`);
  }
  if (projectId !== null && projectId !== parent.project_id) {
    throw badUserInput('input.projectId', "a subtask is in its parent's project: leave input.projectId out");
  }
  const level = await levelOf(trx, parent.id);
  if (level >= maxTaskLevels) {
    throw badUserInput(
      'input.parentId',
      `subtasks nest at most ${maxTaskLevels} levels deep: the parent is on level ${level}, so it takes no subtasks`,
    );
  }
  return parent;
}

// ── search ───────────────────────────────────────────────────────────────────────────────

export interface SearchArgs extends PagingArgs {
  filter?: TaskFilter | null;
  sort?: TaskSort | null;
}

/** Validates a GraphQL TaskFilter into repository terms (fields named `filter.*`). */
export function toSearchFilter(filter: TaskFilter | null | undefined, userId: string): TaskSearchFilter {
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
  if (filter.assignedToMe === true) out.assignedTo = userId;
  if (filter.projectIds && filter.projectIds.length > 0)
    out.projectIds = [...new Set(filter.projectIds.map((p, i) => textInput(p, `filter.projectIds[${i}]`)))];
  if (filter.search != null) {
    const tsquery = toPrefixQuery(filter.search);
    if (tsquery) out.tsquery = tsquery;
  }
  return out;
}

/** One page of the user's tasks (Query.tasks), forward (first/after) or backward (last/before). */
export async function searchUserTasks(
  deps: TaskServiceDeps,
  userId: string,
  args: SearchArgs,
  scope: { projectId?: string; expression?: TaskFilterExpression | null } = {},
): Promise<TaskConnectionModel> {
  const filter = toSearchFilter(args.filter, userId);
  if (scope.expression) filter.expression = scope.expression;
  // Project.tasks: this project, and-ed with any projectIds of the filter.
  if (scope.projectId !== undefined) {
    const { projectId } = scope;
    filter.projectIds = filter.projectIds ? filter.projectIds.filter((p) => p === projectId) : [projectId];
  }
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
  const request = readPageRequest(args, taskPageSizes, (cursor, field) => decodeCursor(cursor, sort, sortTag, field));
  const now = deps.now();
  const query = { filter, sort, direction, now };
  const backward = request.direction === 'backward';
  const rows = await searchTasks(deps.db, userId, {
    ...query,
    limit: request.size + 1,
    backward,
    ...(request.from ? { after: request.from } : {}),
  });
  const page = toPage(
    request,
    rows,
    (row) => encodeCursor({ s: sortTag, k: row.sort_key, i: row.id }),
    async (from) =>
      (await searchTasks(deps.db, userId, { ...query, limit: 1, after: from, backward: !backward, inclusive: true }))
        .length > 0,
  );
  let count: Promise<number> | undefined;
  return {
    edges: page.edges.map(({ cursor, node: { sort_key: _key, ...node } }) => ({ cursor, node })),
    pageInfo: page.pageInfo,
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
