import type { EventOf } from '@taskwire/platform/events';
import type { TaskChangeType } from '../../generated/graphql.js';

/** The `TaskChange` parent: one task event as the members of its project(s) are told. */
export interface TaskChangeModel {
  type: TaskChangeType;
  taskId: string;
  /** The task's project after the change (before it, for DELETED). */
  projectId: string;
  /** Whose members are told as well: the project a MOVED task left. */
  previousProjectId: string | null;
  actorId: string | null;
  at: string;
}

type TaskEvent = EventOf<
  | 'task.created'
  | 'task.updated'
  | 'task.completed'
  | 'task.reopened'
  | 'task.deleted'
  | 'task.trashed'
  | 'task.restored'
>;

const changeTypes: Record<TaskEvent['type'], TaskChangeType> = {
  'task.created': 'CREATED',
  'task.updated': 'UPDATED',
  'task.completed': 'COMPLETED',
  'task.reopened': 'REOPENED',
  'task.deleted': 'DELETED',
  // For the lists, a task in the Trash is gone and a restored one is new (schema TaskChangeType).
  'task.trashed': 'DELETED',
  'task.restored': 'CREATED',
};

/** The event types a TaskChange is made of. */
export const taskChangeEventTypes = Object.keys(changeTypes) as TaskEvent['type'][];

function isTaskEvent(event: EventOf): event is TaskEvent {
  return event.type in changeTypes;
}

/** The project a `task.updated` moved the task out of, or null when it did not move it. */
function movedFrom(event: TaskEvent): string | null {
  if (event.type !== 'task.updated') return null;
  const move = event.data.changes.find((c) => c.field === 'projectId');
  return move && typeof move.old === 'string' && move.old !== move.new ? move.old : null;
}

/**
 * A task event → the change its project's members are told of, or null for events that are
 * no task change (tags, reminders) or older events without a project.
 */
export function taskChangeFromEvent(event: EventOf): TaskChangeModel | null {
  if (!isTaskEvent(event)) return null;
  const projectId = event.data.task.projectId;
  if (!projectId) return null;
  const previousProjectId = movedFrom(event);
  return {
    type: previousProjectId ? 'MOVED' : changeTypes[event.type],
    taskId: event.subject,
    projectId,
    previousProjectId,
    actorId: event.actor,
    at: event.occurredAt,
  };
}

/** The projects whose members hear of a change (both ends of a move). */
export function projectsOf(change: TaskChangeModel): string[] {
  return change.previousProjectId ? [change.projectId, change.previousProjectId] : [change.projectId];
}
