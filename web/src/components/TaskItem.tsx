import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type CSSProperties, type ReactNode, type Ref } from 'react';
import { graphql } from '../gql';
import type { TaskItemFieldsFragment } from '../gql/graphql';
import { formErrorsOf } from '../errors';
import { formatDue } from '../format';
import { removeTaskFromLists } from '../live-changes';
import { personName, useMemberNames } from '../member-names';
import type { SessionUser } from '../session';
import { PriorityBadge } from './Priority';
import { TagChip } from './TagChip';

export const TaskItemFields = graphql(`
  fragment TaskItemFields on Task {
    id
    title
    description
    priority
    status
    dueAt
    dueDate
    isOverdue
    completedAt
    occurrence
    seriesId
    recurrence {
      rrule
      timeZone
      anchor
    }
    tags {
      id
      name
      color
    }
    project {
      id
      name
      color
    }
    assignee {
      id
    }
  }
`);

const CompleteTask = graphql(`
  mutation CompleteTask($id: ID!) {
    completeTask(id: $id) {
      ...TaskItemFields
    }
  }
`);

const ReopenTask = graphql(`
  mutation ReopenTask($id: ID!) {
    reopenTask(id: $id) {
      ...TaskItemFields
    }
  }
`);

const SeriesInstances = graphql(`
  query SeriesInstances($seriesId: ID!) {
    tasks(filter: { seriesId: $seriesId }, first: 200) {
      edges {
        node {
          id
          occurrence
        }
      }
    }
  }
`);

/**
 * The next instance of a series is created by the recurrence consumer from the completion event,
 * a moment after completeTask answers: poll briefly for it, then refresh the list.
 */
async function refreshWhenNextInstanceExists(
  client: ApolloClient,
  seriesId: string,
  occurrence: number,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { data } = await client
      .query({ query: SeriesInstances, variables: { seriesId }, fetchPolicy: 'network-only' })
      .catch(() => ({ data: undefined }));
    if (data?.tasks.edges.some((e) => (e.node.occurrence ?? 0) > occurrence)) break;
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
  await client.refetchQueries({ include: ['TaskList'] });
}

const DeleteTask = graphql(`
  mutation DeleteTask($id: ID!) {
    deleteTask(id: $id)
  }
`);

/** A row of a list that can be reordered (task-list/ReorderableTasks.tsx): what dnd-kit moves, and its handle. */
export interface SortableRow {
  rowRef: Ref<HTMLLIElement>;
  /** The row's offset while it (or another row) is being dragged. */
  rowStyle: CSSProperties;
  dragging: boolean;
  /** The button to drag the row by, or to pick it up with the keyboard. */
  handle: ReactNode;
}

export interface TaskItemProps {
  task: TaskItemFieldsFragment;
  me: Pick<SessionUser, 'id' | 'name'>;
  /** Show the task's project (a list of several projects' tasks). */
  showProject: boolean;
  onEdit(id: string): void;
  onHistory(id: string): void;
  /** Given when the list can be reordered: the row then has a handle. */
  sortable?: SortableRow;
}

/** Who the task is assigned to: "you", or the member's name when it can be read. */
function Assignee({ projectId, userId, me }: { projectId: string; userId: string; me: TaskItemProps['me'] }) {
  const names = useMemberNames(userId === me.id ? null : projectId, [userId]);
  return (
    <span className="assignee" data-assignee-id={userId}>
      <span className="sr-only">Assigned to </span>
      <span aria-hidden="true">→ </span>
      {userId === me.id ? 'you' : personName(userId, { me, names })}
    </span>
  );
}

export function TaskItem({ task, me, showProject, onEdit, onHistory, sortable }: TaskItemProps) {
  const [error, setError] = useState<string | null>(null);
  const [complete] = useMutation(CompleteTask);
  const [reopen] = useMutation(ReopenTask);
  const [remove] = useMutation(DeleteTask);
  const client = useApolloClient();
  // The box flips in the click's own render (a controlled checkbox would otherwise snap back
  // until the optimistic cache write re-renders the row); cleared when the server has answered.
  const [flipping, setFlipping] = useState<boolean | null>(null);
  const done = flipping ?? task.status === 'COMPLETED';
  const due = formatDue(task);

  // Optimistic: the row changes at once; the server's answer (or the rollback) follows.
  async function toggle() {
    setError(null);
    setFlipping(!done);
    const optimistic = {
      ...task,
      __typename: 'Task' as const,
      status: done ? ('OPEN' as const) : ('COMPLETED' as const),
      completedAt: done ? null : new Date().toISOString(),
      isOverdue: false,
    };
    try {
      if (done) {
        await reopen({ variables: { id: task.id }, optimisticResponse: { reopenTask: optimistic } });
      } else {
        await complete({ variables: { id: task.id }, optimisticResponse: { completeTask: optimistic } });
        // Completing a recurring instance creates the next one: show it once it exists.
        if (task.recurrence && task.seriesId)
          await refreshWhenNextInstanceExists(client, task.seriesId, task.occurrence ?? 1);
      }
    } catch (e) {
      setError(formErrorsOf(e).general ?? Object.values(formErrorsOf(e).fields)[0] ?? 'Could not save');
    } finally {
      setFlipping(null);
    }
  }

  async function del() {
    setError(null);
    try {
      await remove({
        variables: { id: task.id },
        optimisticResponse: { deleteTask: task.id },
        update(cache) {
          removeTaskFromLists(cache, task.id);
          cache.evict({ id: cache.identify({ __typename: 'Task', id: task.id }) });
          cache.gc();
        },
      });
    } catch (e) {
      setError(formErrorsOf(e).general ?? 'Could not delete');
    }
  }

  return (
    <li
      ref={sortable?.rowRef}
      style={sortable?.rowStyle}
      className={`task${done ? ' done' : ''}${task.isOverdue ? ' overdue' : ''}${sortable?.dragging ? ' dragging' : ''}`}
      data-task-id={task.id}
      data-title={task.title}
    >
      {sortable?.handle}
      <input
        type="checkbox"
        checked={done}
        onChange={() => void toggle()}
        aria-label={done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
      />
      <div className="task-body">
        <button type="button" className="task-title link" onClick={() => onEdit(task.id)}>
          {task.title}
        </button>
        <div className="task-meta">
          <PriorityBadge priority={task.priority} />
          {due && (
            <span className="due" data-due={task.dueAt ?? task.dueDate}>
              {task.isOverdue && <strong className="overdue-mark">Overdue · </strong>}
              {due}
            </span>
          )}
          {task.recurrence && (
            <span className="recurs" title={task.recurrence.rrule}>
              ↻{task.occurrence ? ` #${task.occurrence}` : ''}
            </span>
          )}
          {task.tags?.map((tag) => (
            <TagChip key={tag.id} name={tag.name} color={tag.color} />
          ))}
          {showProject && (
            <span className="project-chip" data-project-id={task.project.id}>
              <span className="swatch" style={{ background: task.project.color ?? 'transparent' }} aria-hidden="true" />
              {task.project.name}
            </span>
          )}
          {task.assignee && <Assignee projectId={task.project.id} userId={task.assignee.id} me={me} />}
        </div>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="task-actions">
        <button type="button" onClick={() => onHistory(task.id)} aria-label={`History of “${task.title}”`}>
          History
        </button>
        <button type="button" onClick={() => void del()} aria-label={`Delete “${task.title}”`}>
          Delete
        </button>
      </div>
    </li>
  );
}
