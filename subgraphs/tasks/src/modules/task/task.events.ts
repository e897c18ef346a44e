import type { NewEvent } from '@taskwire/platform/events';
import { toSnapshot, type FieldChange, type TaskSnapshot } from './task.mapper.js';
import type { TaskRow } from './task.model.js';

export const taskEventsTopic = 'task-events';

/** Who caused an event and the request it came from (envelope fields). */
export interface EventOrigin {
  actor: string | null;
  traceparent?: string | null;
  correlationId?: string | null;
}

function event<T>(type: string, row: TaskRow, data: T, origin: EventOrigin): NewEvent<T> {
  return {
    topic: taskEventsTopic,
    key: row.id,
    type,
    actor: origin.actor,
    subject: row.id,
    userId: row.user_id,
    data,
    traceparent: origin.traceparent ?? null,
    correlationId: origin.correlationId ?? null,
  };
}

/** `task.created` v1 (schema/EVENTS.md). The recurrence consumer passes predecessor and skips. */
export function taskCreatedEvent(
  row: TaskRow,
  origin: EventOrigin,
  extra: { predecessorId?: string | null; skippedOccurrences?: number } = {},
): NewEvent<{ task: TaskSnapshot; predecessorId: string | null; skippedOccurrences: number }> {
  return event(
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

export function taskUpdatedEvent(
  row: TaskRow,
  changes: FieldChange[],
  origin: EventOrigin,
): NewEvent<{ task: TaskSnapshot; changes: FieldChange[] }> {
  return event('task.updated', row, { task: toSnapshot(row), changes }, origin);
}

export function taskCompletedEvent(row: TaskRow, origin: EventOrigin): NewEvent<{ task: TaskSnapshot }> {
  return event('task.completed', row, { task: toSnapshot(row) }, origin);
}

export function taskReopenedEvent(
  row: TaskRow,
  previousCompletedAt: Date,
  origin: EventOrigin,
): NewEvent<{ task: TaskSnapshot; previousCompletedAt: string }> {
  return event(
    'task.reopened',
    row,
    { task: toSnapshot(row), previousCompletedAt: previousCompletedAt.toISOString() },
    origin,
  );
}

/** `task.deleted` carries the state before deletion. */
export function taskDeletedEvent(before: TaskRow, origin: EventOrigin): NewEvent<{ task: TaskSnapshot }> {
  return event('task.deleted', before, { task: toSnapshot(before) }, origin);
}
