import { isReference, type ApolloCache, type Reference } from '@apollo/client';
import type { SubtaskSummaryFieldsFragment } from '../../gql/graphql';

/** A task's level in its tree from its ancestors: 1 for a top-level task, 2 for its subtasks, … */
export function levelOf(summary: Pick<SubtaskSummaryFieldsFragment, 'parent'>): number {
  let level = 1;
  let ancestor: { parent?: unknown } | null | undefined = summary.parent;
  while (ancestor) {
    level += 1;
    ancestor = ancestor.parent as { parent?: unknown } | null | undefined;
  }
  return level;
}

const taskRef = (cache: ApolloCache, id: string) => cache.identify({ __typename: 'Task', id });

/**
 * Adds a new subtask to its parent's cached `subtasks` (when they were read: otherwise the
 * nested list fetches them when shown), last, as the server places a new task.
 */
export function appendSubtask(cache: ApolloCache, parentId: string, subtaskId: string): void {
  const id = taskRef(cache, parentId);
  const ref = taskRef(cache, subtaskId);
  if (!id || !ref) return;
  cache.modify({
    id,
    fields: {
      subtasks(existing: unknown) {
        const list = Array.isArray(existing) ? (existing as unknown[]) : null;
        if (!list) return existing;
        if (list.some((item) => isReference(item) && item.__ref === ref)) return existing;
        return [...list, { __ref: ref } satisfies Reference];
      },
    },
  });
}

/** Takes a deleted subtask out of its parent's cached `subtasks` and progress. */
export function dropSubtask(cache: ApolloCache, parentId: string, subtaskId: string, wasDone: boolean): void {
  const id = taskRef(cache, parentId);
  const ref = taskRef(cache, subtaskId);
  if (!id || !ref) return;
  cache.modify({
    id,
    fields: {
      subtasks(existing: unknown) {
        if (!Array.isArray(existing)) return existing;
        return (existing as unknown[]).filter((item) => !(isReference(item) && item.__ref === ref));
      },
      subtaskProgress(existing: unknown) {
        const progress = existing as { done?: unknown; total?: unknown } | undefined;
        if (typeof progress?.done !== 'number' || typeof progress.total !== 'number') return existing;
        return {
          ...progress,
          done: Math.max(0, progress.done - (wasDone ? 1 : 0)),
          total: Math.max(0, progress.total - 1),
        };
      },
    },
  });
}

/**
 * The rows of a list without the subtasks whose parent is in the same list (that parent's row
 * shows them nested). `tasks` lists subtasks like any task: a list that selects `parent { id }`
 * (e.g. by spreading SubtaskSummaryFields) can show each subtask once, under its parent.
 */
export function withoutShownSubtasks<T extends { id: string; parent?: { id: string } | null }>(
  tasks: readonly T[],
): T[] {
  const shown = new Set(tasks.map((task) => task.id));
  return tasks.filter((task) => !task.parent || !shown.has(task.parent.id));
}
