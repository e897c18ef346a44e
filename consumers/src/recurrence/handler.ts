import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { EventOf, TaskSnapshot } from '@taskwire/platform/events';
import { nextInstanceDue, RecurrenceInputError, type DueAt, type NextInstance } from '@taskwire/recurrence';
import {
  findTaskById,
  firstInstanceWithStart,
  insertNextInstance,
  lockSeries,
  priorityRank,
  seriesNeighbours,
  type NewTaskRow,
  type TaskRow,
  type TasksDatabase,
} from '@taskwire/tasks';

/** Inbox consumer name and Kafka group id (tests and stacks add a suffix). */
export const recurrenceName = 'recurrence';

/** The only task-events type this consumer applies (the runner skips the rest without a transaction). */
export const recurrenceEventTypes = ['task.completed'] as const;

/** Thrown for an event that matches the schema but contradicts itself (the runner dead-letters it after retries). */
export class RecurrenceContractError extends Error {
  override name = 'RecurrenceContractError';
}

/** What one `task.completed` led to (returned for tests and logs; the runner ignores it). */
export type RecurrenceOutcome =
  | { kind: 'created'; task: TaskRow; skipped: number; reanchored: boolean }
  | {
      kind: 'ignored';
      reason:
        | 'not-recurring'
        | 'no-due'
        | 'unknown-task'
        | 'successor-exists'
        | 'series-ended'
        | 'rule-refused'
        | 'occurrence-taken';
    };

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function dueOfSnapshot(task: Pick<TaskSnapshot, 'dueAt' | 'dueDate'>): DueAt | null {
  if (task.dueAt) return { dateTime: new Date(task.dueAt) };
  if (task.dueDate) return { date: task.dueDate };
  return null;
}

function dueOfValue(value: string): DueAt {
  return datePattern.test(value) ? { date: value } : { dateTime: new Date(value) };
}

function sameDue(a: DueAt, b: DueAt): boolean {
  if (a.dateTime && b.dateTime) return a.dateTime.getTime() === b.dateTime.getTime();
  return a.date !== undefined && a.date === b.date;
}

function dueOfRowStart(row: Pick<TaskRow, 'series_start_at' | 'series_start_date'>): DueAt | null {
  if (row.series_start_at) return { dateTime: row.series_start_at };
  if (row.series_start_date) return { date: row.series_start_date };
  return null;
}

function dueOfRow(row: Pick<TaskRow, 'due_at' | 'due_date'>): DueAt | null {
  if (row.due_at) return { dateTime: row.due_at };
  if (row.due_date) return { date: row.due_date };
  return null;
}

function snapshotOf(event: EventOf<'task.completed'>): TaskSnapshot {
  const { task } = event.data;
  if (task.id !== event.subject) {
    throw new RecurrenceContractError(
      `${event.type} ${event.id}: data.task.id ${task.id} differs from subject ${event.subject}`,
    );
  }
  return task;
}

/**
 * Where the series' current segment starts. Occurrence numbers run on through a series, but
 * a rule edit re-anchors the series at the edited instance (see {@link handle}): the engine
 * then counts (COUNT, COMPLETION numbering) from that instance. The segment of an instance is
 * the run of instances sharing its `series_start`; its first instance is either the re-anchor
 * point itself (its due is the start: a series' first instance, or an instance whose due kind
 * changed — the tasks subgraph resets the start there) or the instance right after it.
 */
async function segmentStartOccurrence(
  trx: Transaction<TasksDatabase>,
  seriesId: string,
  start: DueAt,
): Promise<number> {
  const first = await firstInstanceWithStart(trx, seriesId, start);
  if (!first || first.occurrence === null || first.occurrence <= 1) return 1;
  const due = dueOfRow(first);
  return due && sameDue(due, start) ? first.occurrence : first.occurrence - 1;
}

/**
 * The recurrence consumer's effect for one event, in the runner's transaction (the runner has
 * already claimed the event in the tasks schema's inbox `processed_events`).
 *
 * On `task.completed` of a recurring instance k of series S, inserts instance k' > k with the
 * due value from {@link nextInstanceDue} and enqueues its `task.created` (actor null,
 * `predecessorId` = the completed instance, `skippedOccurrences`), both in `trx`:
 *
 * - SCHEDULE runs from the instance's scheduled due value, COMPLETION from `completedAt`; the
 *   "today" below which passed occurrences are skipped is the completion's day (taken from
 *   the event, so a late or replayed delivery computes the same instance).
 * - Title, description, priority, recurrence and the task's time zone are carried over from
 *   the completed instance's snapshot; tags and relative reminders are copied by planning-sync
 *   when it sees the `task.created` with `predecessorId`.
 * - Exactly one successor: the series is locked (transaction advisory lock on S), an instance
 *   of S numbered above k means k already has its successor (complete → reopen → complete
 *   again does nothing), and `(series_id, occurrence)` is unique (insert … on conflict do
 *   nothing) as the last line of defence.
 * - A series ends (COUNT/UNTIL) → nothing. A completed instance no longer in the database
 *   (deleted since, or an event of another database on a shared topic) → nothing.
 * - Rule edits: an instance whose rule (rrule, time zone or anchor) differs from the rule of
 *   the previous instance of its series re-anchors the series: its own scheduled due value
 *   becomes the series start of the instances created from then on and the count restarts
 *   there (RFC 5545 "this and following": COUNT=3 set on instance 5 means instances 5, 6, 7).
 *   Occurrence numbers keep increasing through the series.
 *
 * @throws RecurrenceContractError for a snapshot that is not the event's subject or a completed
 *   task without `completedAt`.
 */
export async function handle(
  trx: Transaction<TasksDatabase>,
  event: EventOf<'task.completed'>,
): Promise<RecurrenceOutcome> {
  const task = snapshotOf(event);
  const recurrence = task.recurrence;
  if (!recurrence) return { kind: 'ignored', reason: 'not-recurring' };
  const currentDue = dueOfSnapshot(task);
  if (!currentDue) return { kind: 'ignored', reason: 'no-due' };
  if (!task.completedAt)
    throw new RecurrenceContractError(`${event.type} ${event.id}: data.task.completedAt is missing`);
  const seriesId = task.seriesId ?? task.id;
  const occurrence = task.occurrence ?? 1;

  await lockSeries(trx, seriesId);

  const row = await findTaskById(trx, task.id);
  if (!row || row.user_id !== event.userId) return { kind: 'ignored', reason: 'unknown-task' };

  const { successor, previous } = await seriesNeighbours(trx, seriesId, occurrence);
  if (successor) return { kind: 'ignored', reason: 'successor-exists' };
  const reanchored =
    previous !== null &&
    (previous.rrule !== recurrence.rrule ||
      previous.timeZone !== recurrence.timeZone ||
      previous.anchor !== recurrence.anchor);

  let seriesStart: DueAt;
  let segmentStart: number;
  if (reanchored) {
    seriesStart = currentDue;
    segmentStart = occurrence;
  } else {
    seriesStart = task.seriesStart ? dueOfValue(task.seriesStart) : (dueOfRowStart(row) ?? currentDue);
    // Only COMPLETION's COUNT reads the engine's occurrence number (SCHEDULE counts from the
    // series start itself, and the returned number is converted back below either way).
    segmentStart =
      recurrence.anchor === 'COMPLETION' && /COUNT=/i.test(recurrence.rrule)
        ? await segmentStartOccurrence(trx, seriesId, seriesStart)
        : 1;
    if (segmentStart > occurrence) segmentStart = 1;
  }
  // The engine numbers occurrences from its series start (1); the series' numbers run on.
  const relative = occurrence - segmentStart + 1;
  const completedAt = new Date(task.completedAt);
  let next: NextInstance | null;
  try {
    next = nextInstanceDue({
      rrule: recurrence.rrule,
      timeZone: recurrence.timeZone,
      anchor: recurrence.anchor,
      seriesStart,
      currentDue,
      completedAt,
      now: completedAt,
      occurrence: relative,
    });
  } catch (error) {
    // A rule stored before it was refused (docs/recurrence.md): no next instance, nothing retried.
    if (error instanceof RecurrenceInputError) return { kind: 'ignored', reason: 'rule-refused' };
    throw error;
  }
  if (!next) return { kind: 'ignored', reason: 'series-ended' };

  const newRow: NewTaskRow = {
    id: uuidv7(),
    user_id: event.userId,
    title: task.title,
    description: task.description ?? null,
    priority: priorityRank(task.priority),
    status: 'OPEN',
    due_at: next.due.dateTime ?? null,
    due_date: next.due.date ?? null,
    completed_at: null,
    time_zone: row.time_zone,
    recurrence_rrule: recurrence.rrule,
    recurrence_time_zone: recurrence.timeZone,
    recurrence_anchor: recurrence.anchor,
    series_id: seriesId,
    occurrence: occurrence + (next.occurrence - relative),
    series_start_at: seriesStart.dateTime ?? null,
    series_start_date: seriesStart.date ?? null,
    // The next instance stays in its predecessor's project, with its assignee and creator.
    project_id: row.project_id,
    assignee_id: row.assignee_id,
    created_by: row.created_by,
  };
  const inserted = await insertNextInstance(
    trx,
    newRow,
    { actor: null, traceparent: event.traceparent, correlationId: event.correlationId },
    { predecessorId: task.id, skippedOccurrences: next.skipped },
  );
  if (!inserted) return { kind: 'ignored', reason: 'occurrence-taken' };
  return { kind: 'created', task: inserted, skipped: next.skipped, reanchored };
}
