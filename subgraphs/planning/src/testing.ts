import { buildEvent, type EventData, type EventOf, type TaskSnapshot } from '@taskwire/platform/events';
import { randomUUID } from 'node:crypto';

/** Test helpers: well-formed task-events envelopes (schema/EVENTS.md) as the tasks service writes them. */
export interface TaskFixture {
  id: string;
  userId: string;
  status?: 'OPEN' | 'COMPLETED';
  dueAt?: string | null;
  dueDate?: string | null;
  seriesId?: string | null;
  occurrence?: number | null;
}

export function taskSnapshot(t: TaskFixture): TaskSnapshot {
  const now = new Date().toISOString();
  return {
    id: t.id,
    userId: t.userId,
    title: `task ${t.id.slice(0, 8)}`,
    description: null,
    priority: 'MEDIUM' as const,
    status: t.status ?? 'OPEN',
    dueAt: t.dueAt ?? null,
    dueDate: t.dueDate ?? null,
    completedAt: t.status === 'COMPLETED' ? now : null,
    recurrence: t.seriesId ? { rrule: 'FREQ=DAILY', timeZone: 'UTC', anchor: 'SCHEDULE' as const } : null,
    seriesId: t.seriesId ?? null,
    occurrence: t.occurrence ?? null,
    seriesStart: null,
    createdAt: now,
    updatedAt: now,
  };
}

type TaskEventType = 'task.created' | 'task.updated' | 'task.completed' | 'task.reopened' | 'task.deleted';

/** A task event of the contract about fixture `t`; `data` is what the type carries beside the snapshot. */
export function taskEvent<T extends TaskEventType>(
  type: T,
  t: TaskFixture,
  data: Omit<EventData<T>, 'task'> = {} as Omit<EventData<T>, 'task'>,
  actor: string | null = t.userId,
): EventOf<T> {
  return buildEvent(type, {
    actor,
    subject: t.id,
    userId: t.userId,
    data: { task: taskSnapshot(t), ...data } as EventData<T>,
  }).envelope;
}

export const newId = () => randomUUID();
