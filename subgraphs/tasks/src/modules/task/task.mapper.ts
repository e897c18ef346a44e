import { Temporal } from 'temporal-polyfill';
import type { FieldChange, TaskSnapshot } from '@taskwire/platform/events';
import { priorityName, type TaskRow } from './task.model.js';

export type { FieldChange, TaskSnapshot } from '@taskwire/platform/events';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function recurrenceOf(row: TaskRow): TaskSnapshot['recurrence'] {
  if (!row.recurrence_rrule || !row.recurrence_time_zone || !row.recurrence_anchor) return null;
  return { rrule: row.recurrence_rrule, timeZone: row.recurrence_time_zone, anchor: row.recurrence_anchor };
}

export function toSnapshot(row: TaskRow): TaskSnapshot {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    description: row.description,
    priority: priorityName(row.priority),
    status: row.status,
    dueAt: iso(row.due_at),
    dueDate: row.due_date,
    completedAt: iso(row.completed_at),
    recurrence: recurrenceOf(row),
    seriesId: row.series_id,
    occurrence: row.occurrence,
    seriesStart: iso(row.series_start_at) ?? row.series_start_date,
    projectId: row.project_id,
    assigneeId: row.assignee_id,
    createdBy: row.created_by,
    position: row.position,
    parentId: row.parent_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The fields task.updated reports, in a fixed order; only those whose value differs. */
export function diffTasks(before: TaskRow, after: TaskRow): FieldChange[] {
  const a = toSnapshot(before);
  const b = toSnapshot(after);
  const changes: FieldChange[] = [];
  for (const field of [
    'title',
    'description',
    'priority',
    'dueAt',
    'dueDate',
    'recurrence',
    'assigneeId',
    'position',
  ] as const) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) changes.push({ field, old: a[field], new: b[field] });
  }
  return changes;
}

/**
 * Overdue = open and past due. A timed task is overdue once `dueAt` has passed; an all-day
 * task from the day after its date, in the task's time zone (Task.timeZone).
 */
export function isOverdue(row: Pick<TaskRow, 'status' | 'due_at' | 'due_date' | 'time_zone'>, now: Date): boolean {
  if (row.status !== 'OPEN') return false;
  if (row.due_at) return row.due_at.getTime() < now.getTime();
  if (row.due_date) {
    const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(row.time_zone).toPlainDate();
    return Temporal.PlainDate.compare(Temporal.PlainDate.from(row.due_date), today) < 0;
  }
  return false;
}

/** An all-day date as a DateTime: its local midnight in `timeZone`, with offset. */
export function dateAsDateTime(date: string, timeZone: string): string {
  return Temporal.PlainDate.from(date).toZonedDateTime(timeZone).toString({ timeZoneName: 'never' });
}
