import { buildEnvelope, type EventEnvelope } from '@taskwire/platform/events';
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

export function taskSnapshot(t: TaskFixture) {
  const now = new Date().toISOString();
  return {
    id: t.id,
    userId: t.userId,
    title: `task ${t.id.slice(0, 8)}`,
    description: null,
    priority: 'MEDIUM',
    status: t.status ?? 'OPEN',
    dueAt: t.dueAt ?? null,
    dueDate: t.dueDate ?? null,
    completedAt: t.status === 'COMPLETED' ? now : null,
    recurrence: t.seriesId ? { rrule: 'FREQ=DAILY', timeZone: 'UTC', anchor: 'SCHEDULE' } : null,
    seriesId: t.seriesId ?? null,
    occurrence: t.occurrence ?? null,
    seriesStart: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function taskEvent(
  type: string,
  t: TaskFixture,
  data: Record<string, unknown> = {},
  actor: string | null = t.userId,
): EventEnvelope {
  return buildEnvelope({
    topic: 'task-events',
    type,
    actor,
    subject: t.id,
    userId: t.userId,
    data: { task: taskSnapshot(t), ...data },
  });
}

export const newId = () => randomUUID();
