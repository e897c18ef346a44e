import type { Selectable } from 'kysely';
import type { NewRow } from '@taskwire/platform/database';
import type { PageInfoModel } from '@taskwire/platform/paging';
export type { PageInfoModel };
import type { Priority, TasksTable } from '../../db/database.js';

/** A task as read from `tasks.tasks` (the GraphQL `Task` mapper). */
export type TaskRow = Omit<Selectable<TasksTable>, 'search_vector'>;

/**
 * Columns a writer provides (`insertTask`); generated ones are left out, nullable ones are
 * required. Without `position` the task goes last in its project.
 */
export type NewTaskRow = Omit<NewRow<TasksTable>, 'position'> & { position?: string };

/** The GraphQL `TaskConnection` mapper: the page, and the count computed only when asked. */
export interface TaskConnectionModel {
  edges: Array<{ cursor: string; node: TaskRow }>;
  pageInfo: PageInfoModel;
  totalCount: () => Promise<number>;
}

export const priorities: readonly Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

export function priorityRank(priority: Priority): number {
  return priorities.indexOf(priority);
}

export function priorityName(rank: number): Priority {
  const name = priorities[rank];
  if (!name) throw new Error(`priority rank out of range: ${rank}`);
  return name;
}
