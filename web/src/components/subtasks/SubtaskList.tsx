import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { SubtasksQuery as SubtasksQueryResult } from '../../gql/graphql';
import { FieldError } from '../FieldError';
import { SubtasksQuery } from './subtask-documents';

export type Subtask = NonNullable<SubtasksQueryResult['task']>['subtasks'][number];

export interface SubtaskListProps {
  parentId: string;
  parentTitle: string;
  /** The list's id (the parent row's toggle controls it). */
  id: string;
  /** One row (TaskItem, one level deeper). */
  renderRow(subtask: Subtask): ReactNode;
}

/**
 * A task's direct subtasks, nested under its row in manual order: shown from the cache at once
 * (a mutation may have added one), then refreshed from the server.
 */
export function SubtaskList({ parentId, parentTitle, id, renderRow }: SubtaskListProps) {
  const { data, loading, error } = useQuery(SubtasksQuery, {
    variables: { id: parentId },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const subtasks = data?.task?.subtasks ?? [];
  return (
    <div className="subtasks">
      {/* list-style: none drops the list semantics in some browsers: role="list" keeps them. */}
      <ul id={id} role="list" className="subtask-list" aria-label={`Subtasks of “${parentTitle}”`}>
        {subtasks.map((subtask) => renderRow(subtask))}
      </ul>
      {!data && loading && (
        <p className="hint" role="status">
          Loading subtasks…
        </p>
      )}
      {!data && error && <FieldError message={`Could not load the subtasks: ${error.message}`} />}
    </div>
  );
}
