import type { Selectable } from 'kysely';
import type { Priority, RecurrenceAnchor, TasksTable, TaskStatus } from '../../db/database.js';

/** A task as read from `tasks.tasks` (the GraphQL `Task` mapper). */
export type TaskRow = Omit<Selectable<TasksTable>, 'search_vector'>;

/** Columns a writer provides (`insertTask`); generated ones are left out. */
export interface NewTaskRow {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  priority: number;
  status: TaskStatus;
  due_at: Date | null;
  due_date: string | null;
  completed_at: Date | null;
  time_zone: string;
  recurrence_rrule: string | null;
  recurrence_time_zone: string | null;
  recurrence_anchor: RecurrenceAnchor | null;
  series_id: string | null;
  occurrence: number | null;
  series_start_at: Date | null;
  series_start_date: string | null;
  created_at?: Date;
  updated_at?: Date;
}

/** The GraphQL `TaskConnection` mapper: the page, and the count computed only when asked. */
export interface TaskConnectionModel {
  edges: Array<{ cursor: string; node: TaskRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
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
