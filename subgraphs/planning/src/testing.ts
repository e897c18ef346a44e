import { buildEvent, type EventData, type EventOf, type TaskSnapshot } from '@taskwire/platform/events';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PlanningDatabase } from './db/database.js';
import { taskStateOf, upsertTaskState } from './modules/task-state/task-state.repository.js';

/** Test helpers: well-formed task-events envelopes (schema/EVENTS.md) as the tasks service writes them. */
export interface TaskFixture {
  id: string;
  userId: string;
  status?: 'OPEN' | 'COMPLETED';
  dueAt?: string | null;
  dueDate?: string | null;
  seriesId?: string | null;
  occurrence?: number | null;
  projectId?: string;
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
    ...(t.projectId ? { projectId: t.projectId } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/** A `project-events` event about project `projectId` owned by `ownerId` (membership fixtures). */
export function projectEvent<
  T extends 'project.created' | 'project.deleted' | 'member.added' | 'member.updated' | 'member.removed',
>(
  type: T,
  projectId: string,
  ownerId: string,
  data: Omit<EventData<T>, 'project'> = {} as Omit<EventData<T>, 'project'>,
): EventOf<T> {
  const now = new Date().toISOString();
  const project = {
    id: projectId,
    ownerId,
    name: 'Shared',
    color: null,
    archived: false,
    isInbox: false,
    createdAt: now,
    updatedAt: now,
  };
  return buildEvent(type, {
    actor: ownerId,
    subject: projectId,
    userId: ownerId,
    data: { project, ...data } as EventData<T>,
  }).envelope;
}

type TaskEventType =
  | 'task.created'
  | 'task.updated'
  | 'task.completed'
  | 'task.reopened'
  | 'task.deleted'
  | 'task.trashed'
  | 'task.restored'
  | 'task.purged';

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

/** Puts fixture `t` into planning's task projection directly, as planning-sync does for its `task.created`. */
export async function projectTask(db: Kysely<PlanningDatabase>, t: TaskFixture): Promise<void> {
  await upsertTaskState(db, taskStateOf(t.userId, taskSnapshot(t)));
}

/** Load-test helpers of the scheduler (bench/reminders.ts, scheduler tests). */
export * from './scheduler/load.js';
/** Tags written the way the planning subgraph does (fixtures of planning-sync tests). */
export { ensureTags } from './modules/tag/tag.repository.js';
