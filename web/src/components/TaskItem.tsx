import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type CSSProperties, type ReactNode, type Ref } from 'react';
import { graphql } from '../gql';
import type { CompleteTaskMutation, TaskItemFieldsFragment } from '../gql/graphql';
import { firstMessage, formErrorsOf } from '../errors';
import { formatDue } from '../format';
import { removeTaskFromLists } from '../live-changes';
import { personName, useMemberNames } from '../member-names';
import type { SessionUser } from '../session';
import { PriorityBadge } from './Priority';
import { AddSubtaskForm } from './subtasks/AddSubtaskForm';
import { dropSubtask } from './subtasks/subtask-cache';
import { maxSubtaskLevel, SubtaskProgressFields } from './subtasks/subtask-documents';
import { SubtaskList } from './subtasks/SubtaskList';
import { SubtaskToggle } from './subtasks/SubtaskToggle';
import { useSubtaskSummary, type SubtaskSummary } from './subtasks/use-subtask-summary';
import { TagChip } from './TagChip';
import { RestoreTask } from './trash/TrashPage';
import { offerUndo } from '../undo';

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

// With the progress of the task and its parent, and (completing or reopening a parent changes
// them too) the state of its subtasks on every level.
const CompleteTask = graphql(`
  mutation CompleteTask($id: ID!) {
    completeTask(id: $id) {
      ...TaskItemFields
      ...SubtaskTreeFields
    }
  }
`);

const ReopenTask = graphql(`
  mutation ReopenTask($id: ID!) {
    reopenTask(id: $id) {
      ...TaskItemFields
      ...SubtaskTreeFields
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
  /**
   * The task's level when the row is nested under its parent's (2 for a subtask of a top-level
   * task, …); omitted for a row of the list itself, whose level is read with its progress.
   */
  level?: number;
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

/** A progress as the cache stores it (with its type name, which the generated types leave out). */
const progressOf = (done: number, total: number) =>
  ({ __typename: 'SubtaskProgress', done, total }) as CompleteTaskMutation['completeTask']['subtaskProgress'];

/**
 * The optimistic answer of completing or reopening a task without subtasks: the task flipped,
 * and its parent's progress one more or one less done (when the cache holds it). Null when the
 * answer cannot be known in advance: a task with subtasks (which of them a reopen reopens is the
 * server's to say), or one whose summary is not known yet.
 */
function optimisticToggle(
  client: ApolloClient,
  task: TaskItemFieldsFragment,
  summary: SubtaskSummary | null,
  completing: boolean,
): CompleteTaskMutation['completeTask'] | null {
  if (!summary || summary.progress.total > 0) return null;
  let parent: CompleteTaskMutation['completeTask']['parent'] = null;
  if (summary.parent) {
    const cached = client.cache.readFragment({
      id: client.cache.identify({ __typename: 'Task', id: summary.parent.id }),
      fragment: SubtaskProgressFields,
    });
    if (!cached) return null;
    const { done, total } = cached.subtaskProgress;
    const changed = progressOf(Math.min(total, Math.max(0, done + (completing ? 1 : -1))), total);
    const withTypename = { __typename: 'Task' as const, id: summary.parent.id, subtaskProgress: changed };
    parent = withTypename;
  }
  const optimistic = {
    ...task,
    __typename: 'Task' as const,
    status: completing ? ('COMPLETED' as const) : ('OPEN' as const),
    completedAt: completing ? new Date().toISOString() : null,
    isOverdue: false,
    subtaskProgress: progressOf(0, 0),
    parent,
    subtasks: [],
  };
  return optimistic;
}

export function TaskItem({ task, me, showProject, onEdit, onHistory, sortable, level: nestedLevel }: TaskItemProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [complete] = useMutation(CompleteTask);
  const [reopen] = useMutation(ReopenTask);
  const [remove] = useMutation(DeleteTask);
  const client = useApolloClient();
  const summary = useSubtaskSummary(task.id);
  const level = nestedLevel ?? summary?.level;
  const progress = summary?.progress;
  const hasSubtasks = !!progress && progress.total > 0;
  const [expanded, setExpanded] = useState(false);
  const [addingSubtask, setAddingSubtask] = useState(false);
  const addSubtaskButton = useRef<HTMLButtonElement>(null);
  // Unknown until the summary is read: the server refuses a subtask on the deepest level then.
  const canAddSubtask = level === undefined || level < maxSubtaskLevel;
  const subtasksId = `${id}-subtasks`;
  // The box flips in the click's own render (a controlled checkbox would otherwise snap back
  // until the optimistic cache write re-renders the row); cleared when the server has answered.
  const [flipping, setFlipping] = useState<boolean | null>(null);
  const done = flipping ?? task.status === 'COMPLETED';
  const due = formatDue(task);

  // Optimistic: the row changes at once; the server's answer (or the rollback) follows.
  async function toggle() {
    setError(null);
    setFlipping(!done);
    const optimistic = optimisticToggle(client, task, summary, !done);
    try {
      if (done) {
        await reopen({
          variables: { id: task.id },
          ...(optimistic ? { optimisticResponse: { reopenTask: optimistic } } : {}),
        });
      } else {
        await complete({
          variables: { id: task.id },
          ...(optimistic ? { optimisticResponse: { completeTask: optimistic } } : {}),
        });
        // Completing a recurring instance creates the next one: show it once it exists. Its
        // undo would not take that instance back, so only a one-off completion offers Undo.
        if (task.recurrence && task.seriesId)
          await refreshWhenNextInstanceExists(client, task.seriesId, task.occurrence ?? 1);
        else
          offerUndo(`Completed “${task.title}”`, async () => {
            // Reopening undoes the whole completion: the subtasks it completed reopen too.
            await client.mutate({ mutation: ReopenTask, variables: { id: task.id } });
          });
      }
    } catch (e) {
      setError(firstMessage(e, 'Could not save'));
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
          if (summary?.parent) dropSubtask(cache, summary.parent.id, task.id, done);
          cache.evict({ id: cache.identify({ __typename: 'Task', id: task.id }) });
          cache.gc();
        },
      });
      // The task is in the Trash: Undo restores it whole, with the subtasks that went along.
      offerUndo(`Deleted “${task.title}”`, async () => {
        await client.mutate({ mutation: RestoreTask, variables: { id: task.id } });
        await client.refetchQueries({ include: 'active' });
      });
    } catch (e) {
      setError(formErrorsOf(e).general ?? 'Could not delete');
    }
  }

  return (
    <li
      ref={sortable?.rowRef}
      style={sortable?.rowStyle}
      className={`task${done ? ' done' : ''}${task.isOverdue ? ' overdue' : ''}${sortable?.dragging ? ' dragging' : ''}${nestedLevel ? ' subtask' : ''}${addingSubtask || (hasSubtasks && expanded) ? ' has-nested' : ''}`}
      data-task-id={task.id}
      data-level={level}
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
          {summary?.parent && nestedLevel === undefined && (
            <span className="subtask-of" data-parent-id={summary.parent.id}>
              <span aria-hidden="true">↳ </span>
              Subtask of “{summary.parent.title}”
            </span>
          )}
          {hasSubtasks && (
            <SubtaskToggle
              taskTitle={task.title}
              done={progress.done}
              total={progress.total}
              expanded={expanded}
              controls={subtasksId}
              onToggle={() => setExpanded((shown) => !shown)}
            />
          )}
        </div>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="task-actions">
        {canAddSubtask && (
          <button
            ref={addSubtaskButton}
            type="button"
            onClick={() => setAddingSubtask((open) => !open)}
            aria-expanded={addingSubtask}
            aria-label={`Add a subtask to “${task.title}”`}
          >
            Add subtask
          </button>
        )}
        <button type="button" onClick={() => onHistory(task.id)} aria-label={`History of “${task.title}”`}>
          History
        </button>
        <button type="button" onClick={() => void del()} aria-label={`Delete “${task.title}”`}>
          Delete
        </button>
      </div>
      {(addingSubtask || (hasSubtasks && expanded)) && (
        <div className="task-nested">
          {addingSubtask && (
            <AddSubtaskForm
              parentId={task.id}
              parentTitle={task.title}
              onCreated={() => setExpanded(true)}
              onClose={() => {
                setAddingSubtask(false);
                addSubtaskButton.current?.focus();
              }}
            />
          )}
          {hasSubtasks && expanded && (
            <SubtaskList
              id={subtasksId}
              parentId={task.id}
              parentTitle={task.title}
              renderRow={(subtask) => (
                <TaskItem
                  key={subtask.id}
                  task={subtask}
                  me={me}
                  showProject={false}
                  onEdit={onEdit}
                  onHistory={onHistory}
                  level={(level ?? 1) + 1}
                />
              )}
            />
          )}
        </div>
      )}
    </li>
  );
}
