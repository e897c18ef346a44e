import { useQuery } from '@apollo/client/react';
import type { SubtaskSummaryFieldsFragment } from '../../gql/graphql';
import { levelOf } from './subtask-cache';
import { TaskSubtaskSummaryQuery } from './subtask-documents';

export interface SubtaskSummary {
  /** Done and all direct subtasks. */
  progress: SubtaskSummaryFieldsFragment['subtaskProgress'];
  /** The task this one is a subtask of, or null. */
  parent: { id: string; title: string } | null;
  /** 1 for a top-level task, 2 for its subtasks, … */
  level: number;
}

/**
 * A task's subtask progress and ancestors, or null until known. Answered from the cache when
 * the row's task came with them (a nested row, a mutation's answer), else fetched once for the
 * row. A failure shows nothing: the row is usable without it.
 */
export function useSubtaskSummary(taskId: string): SubtaskSummary | null {
  const { data } = useQuery(TaskSubtaskSummaryQuery, {
    variables: { id: taskId },
    fetchPolicy: 'cache-first',
    // Then the cache alone: mutations and the nested lists keep it current, and a task deleted
    // (evicted) is not asked for again while its row goes.
    nextFetchPolicy: 'cache-only',
  });
  const task = data?.task;
  if (!task) return null;
  return {
    progress: task.subtaskProgress,
    parent: task.parent ? { id: task.parent.id, title: task.parent.title } : null,
    level: levelOf(task),
  };
}
