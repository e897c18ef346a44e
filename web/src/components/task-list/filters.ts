import type { Priority, SortDirection, TaskFilter, TaskSort, TaskSortField, TaskStatus } from '../../gql/graphql';
import { CombinedGraphQLErrors } from '@apollo/client';
import type { TaskListLocation, TaskView } from '../../route';

/** Tasks per page of the list (infinite scroll loads the next as the end comes into view). */
export const pageSize = 25;

/** What the filter panel holds; `status` '' is "All". */
export interface FilterValues {
  status: TaskStatus | '';
  priorities: Priority[];
  tags: string[];
  /** `YYYY-MM-DD` bounds of the due range, inclusive, in the browser's zone. */
  dueFrom: string;
  dueTo: string;
  overdue: boolean;
}

export const initialFilters: FilterValues = {
  status: 'OPEN',
  priorities: [],
  tags: [],
  dueFrom: '',
  dueTo: '',
  overdue: false,
};

export type SortChoice = `${TaskSortField}:${SortDirection}` | 'DEFAULT';
export const sortChoices: Array<[SortChoice, string]> = [
  ['DEFAULT', 'Newest (relevance when searching)'],
  ['DUE_AT:ASC', 'Due date, soonest first'],
  ['DUE_AT:DESC', 'Due date, latest first'],
  ['PRIORITY:DESC', 'Priority, highest first'],
  ['PRIORITY:ASC', 'Priority, lowest first'],
  ['CREATED_AT:ASC', 'Oldest first'],
  ['UPDATED_AT:DESC', 'Recently changed'],
  ['TITLE:ASC', 'Title A–Z'],
  ['POSITION:ASC', 'Manual order'],
];

/** The project's own order (`Task.position`), the one a project's tasks can be dragged into. */
export const manualOrder: SortChoice = 'POSITION:ASC';

const dayStart = (date: string): string => new Date(`${date}T00:00:00`).toISOString();
const dayEnd = (date: string): string => new Date(`${date}T23:59:59.999`).toISOString();

/** The `tasks(filter:)` argument: only what is set, the due range as whole local days. */
export function taskFilterOf(values: FilterValues, search: string): TaskFilter {
  return {
    ...(values.status ? { status: values.status } : {}),
    ...(values.priorities.length ? { priorities: values.priorities } : {}),
    ...(values.tags.length ? { tags: values.tags } : {}),
    ...(values.dueFrom ? { dueAfter: dayStart(values.dueFrom) } : {}),
    ...(values.dueTo ? { dueBefore: dayEnd(values.dueTo) } : {}),
    ...(values.overdue ? { overdue: true } : {}),
    ...(search ? { search } : {}),
  };
}

/** The `tasks(sort:)` argument; `null` leaves the order to the server (newest, or relevance). */
export function taskSortOf(choice: SortChoice): TaskSort | null {
  if (choice === 'DEFAULT') return null;
  const [field, direction] = choice.split(':') as [TaskSortField, SortDirection];
  return { field, direction };
}

/** The list with `item` added, or removed if it was there. */
export const toggled = <T>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/** The part of `tasks(filter:)` that a view sets: its project, or the user's assignments. */
export function viewFilterOf(view: TaskView): Pick<TaskFilter, 'projectIds' | 'assignedToMe'> {
  if (view.kind === 'project') return { projectIds: [view.projectId] };
  if (view.kind === 'assigned') return { assignedToMe: true };
  return {};
}

/** The sort choice of a list URL's `sort` (null: the default order). */
export const sortChoiceOf = (sort: TaskListLocation['sort']): SortChoice => (sort as SortChoice | null) ?? 'DEFAULT';

/** The list URL's `sort` of a sort choice (taskListHref leaves the default order out). */
export const urlSortOf = (choice: SortChoice): TaskListLocation['sort'] => (choice === 'DEFAULT' ? null : choice);

/** A refused filter-language query: where the server stopped reading it, and what it expected. */
export interface QueryProblem {
  message: string;
  position: number;
  expected: string;
}

/** The query error of a `tasks(query:)` answer (BAD_USER_INPUT on `query`), or null. */
export function queryProblemOf(error: unknown): QueryProblem | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const e = error.errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field === 'query');
  if (!e) return null;
  const position = typeof e.extensions?.position === 'number' ? e.extensions.position : 0;
  const expected = typeof e.extensions?.expected === 'string' ? e.extensions.expected : '';
  const text = e.message.replace(/^query:\s*/, '');
  return { message: text.charAt(0).toUpperCase() + text.slice(1), position, expected };
}
