import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type Modifier,
  type ScreenReaderInstructions,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useMutation } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { formErrorsOf } from '../../errors';
import { graphql } from '../../gql';
import type { SortableRow } from '../TaskItem';
import { neighboursOf, placeInLists } from './reorder';
import './reorder.css';

/**
 * A project's tasks in its manual order, each with a handle to move it (dnd-kit's sortable
 * preset): dragged with a pointer, or from the keyboard (Space on a handle picks the task up,
 * the arrow keys move it, Space drops it, Escape puts it back), each step announced to screen
 * readers. A drop sends `reorderTask` with the task's new neighbours and shows the new order at
 * once (optimistic); when the server refuses, the order comes back and the error shows. Loaded
 * only for a list that can be reordered, keeping dnd-kit out of the first page load.
 */

export const ReorderTask = graphql(`
  mutation ReorderTask($id: ID!, $afterId: ID, $beforeId: ID) {
    reorderTask(id: $id, afterId: $afterId, beforeId: $beforeId) {
      id
      position
    }
  }
`);

/** What a reorderable row needs of its task. */
export interface ReorderableTask {
  id: string;
  title: string;
  position: string;
}

export interface ReorderableTasksProps<T extends ReorderableTask> {
  tasks: readonly T[];
  /** The project whose tasks these are (the cached lists of its manual order follow a move). */
  projectId: string;
  /** The id of what describes the list (its count). */
  describedBy?: string;
  renderTask(task: T, sortable: SortableRow): ReactNode;
}

/** Rows only move up and down. */
const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'To move the task, press Space. Then the Up and Down arrow keys move it, Space drops it there, and Escape puts it back where it was.',
};

function announcementsFor(tasks: readonly ReorderableTask[]): Announcements {
  const titleOf = (id: UniqueIdentifier) => `“${tasks.find((t) => t.id === id)?.title ?? 'task'}”`;
  const placeOf = (id: UniqueIdentifier) => `position ${tasks.findIndex((t) => t.id === id) + 1} of ${tasks.length}`;
  return {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}, at ${placeOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${titleOf(active.id)} is now at ${placeOf(over.id)}.` : `${titleOf(active.id)} is outside the list.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${titleOf(active.id)} was dropped at ${placeOf(over.id)}.`
        : `${titleOf(active.id)} was dropped outside the list and stays where it was.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled; it is back at ${placeOf(active.id)}.`,
  };
}

function DragHandleIcon() {
  return (
    <svg viewBox="0 0 10 16" width="10" height="16" aria-hidden="true" focusable="false">
      {[3, 8, 13].flatMap((cy) => [2.5, 7.5].map((cx) => <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="1.5" />))}
    </svg>
  );
}

function SortableTask<T extends ReorderableTask>({
  task,
  renderTask,
}: {
  task: T;
  renderTask: ReorderableTasksProps<T>['renderTask'];
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
  });
  return renderTask(task, {
    rowRef: setNodeRef,
    rowStyle: { transform: CSS.Translate.toString(transform), transition },
    dragging: isDragging,
    handle: (
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="drag-handle"
        {...attributes}
        {...listeners}
        aria-label={`Move “${task.title}”`}
      >
        <DragHandleIcon />
      </button>
    ),
  });
}

export function ReorderableTasks<T extends ReorderableTask>({
  tasks,
  projectId,
  describedBy,
  renderTask,
}: ReorderableTasksProps<T>) {
  const [error, setError] = useState<string | null>(null);
  const [reorder] = useMutation(ReorderTask);
  const sensors = useSensors(
    // A few pixels of movement before a drag starts: a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over) return;
    const taskId = String(active.id);
    const task = tasks.find((t) => t.id === taskId);
    const neighbours = neighboursOf(
      tasks.map((t) => t.id),
      taskId,
      String(over.id),
    );
    if (!task || !neighbours) return;
    setError(null);
    // The server's key for the new place is not known yet: the list order is what changes.
    const optimistic = { __typename: 'Task' as const, id: taskId, position: task.position };
    reorder({
      variables: { id: taskId, ...neighbours },
      optimisticResponse: { reorderTask: optimistic },
      update: (cache) => placeInLists(cache, { taskId, projectId, ...neighbours }),
    }).catch((e: unknown) => {
      const errors = formErrorsOf(e);
      setError(`Could not move “${task.title}”: ${errors.general ?? Object.values(errors.fields)[0] ?? 'not saved'}`);
    });
  }

  return (
    <>
      {error && (
        <p className="field-error reorder-error" role="alert">
          {error}
        </p>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        modifiers={[verticalOnly]}
        onDragStart={() => setError(null)}
        onDragEnd={onDragEnd}
        accessibility={{ announcements: announcementsFor(tasks), screenReaderInstructions }}
      >
        <SortableContext items={tasks.map((t) => t.id)} strategy={verticalListSortingStrategy}>
          <ul className="task-list reorderable" aria-describedby={describedBy}>
            {tasks.map((task) => (
              <SortableTask key={task.id} task={task} renderTask={renderTask} />
            ))}
          </ul>
        </SortableContext>
      </DndContext>
    </>
  );
}
