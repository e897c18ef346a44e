import { buildEvent, type EventData, type EventOrigin, type NewEvent } from '@taskwire/platform/events';
import { toSnapshot, type FieldChange } from './task.mapper.js';
import type { TaskRow } from './task.model.js';

/** A task event of the contract about `row` (subject, key and owner = the task). */
function taskEvent<T extends 'task.created' | 'task.updated' | 'task.completed' | 'task.reopened' | 'task.deleted'>(
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
