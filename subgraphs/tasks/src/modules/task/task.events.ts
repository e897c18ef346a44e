import { buildEvent, type EventData, type EventOrigin, type NewEvent } from '@taskwire/platform/events';
import { toSnapshot, type FieldChange } from './task.mapper.js';
import type { TaskRow } from './task.model.js';

/** A task event of the contract about `row` (subject, key and owner = the task). */
type TaskEventType =
  | 'task.created'
  | 'task.updated'
  | 'task.completed'
  | 'task.reopened'
  | 'task.deleted'
  | 'task.trashed'
  | 'task.restored'
  | 'task.purged';

function taskEvent<T extends TaskEventType>(
  type: T,
  row: TaskRow,
  data: EventData<T>,
  origin: EventOrigin,
): NewEvent<T> {
  return buildEvent(type, { ...origin, subject: row.id, userId: row.user_id, data });
}

/** `task.created`. The recurrence consumer passes predecessor and skips. */
export function taskCreatedEvent(
  row: TaskRow,
  origin: EventOrigin,
  extra: { predecessorId?: string | null; skippedOccurrences?: number } = {},
): NewEvent<'task.created'> {
  return taskEvent(
    'task.created',
    row,
    {
      task: toSnapshot(row),
      predecessorId: extra.predecessorId ?? null,
      skippedOccurrences: extra.skippedOccurrences ?? 0,
    },
    origin,
  );
}

export function taskUpdatedEvent(row: TaskRow, changes: FieldChange[], origin: EventOrigin): NewEvent<'task.updated'> {
  return taskEvent('task.updated', row, { task: toSnapshot(row), changes }, origin);
}

export function taskCompletedEvent(row: TaskRow, origin: EventOrigin): NewEvent<'task.completed'> {
  return taskEvent('task.completed', row, { task: toSnapshot(row) }, origin);
}

export function taskReopenedEvent(
  row: TaskRow,
  previousCompletedAt: Date,
  origin: EventOrigin,
): NewEvent<'task.reopened'> {
  return taskEvent(
    'task.reopened',
    row,
    { task: toSnapshot(row), previousCompletedAt: previousCompletedAt.toISOString() },
    origin,
  );
}

/** `task.deleted` carries the state before deletion. */
export function taskDeletedEvent(before: TaskRow, origin: EventOrigin): NewEvent<'task.deleted'> {
  return taskEvent('task.deleted', before, { task: toSnapshot(before) }, origin);
}

/** `task.trashed`: the task as it went to the Trash (`trashed_at` set). */
export function taskTrashedEvent(row: TaskRow, origin: EventOrigin): NewEvent<'task.trashed'> {
  return taskEvent('task.trashed', row, { task: toSnapshot(row), trashedAt: trashedAtOf(row) }, origin);
}

/** `task.restored`: the task back out of the Trash, and when it had been put there. */
export function taskRestoredEvent(
  row: TaskRow,
  previousTrashedAt: Date,
  origin: EventOrigin,
): NewEvent<'task.restored'> {
  return taskEvent(
    'task.restored',
    row,
    { task: toSnapshot(row), previousTrashedAt: previousTrashedAt.toISOString() },
    origin,
  );
}

/** `task.purged` carries the state before the purge. */
export function taskPurgedEvent(before: TaskRow, origin: EventOrigin): NewEvent<'task.purged'> {
  return taskEvent('task.purged', before, { task: toSnapshot(before), trashedAt: trashedAtOf(before) }, origin);
}

function trashedAtOf(row: TaskRow): string {
  if (!row.trashed_at) throw new Error(`task ${row.id} is not in the Trash`);
  return row.trashed_at.toISOString();
}
