import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '../gql';
import type { SessionUser } from '../session';
import { EditorForm } from './editor/EditorForm';
import type { NewTaskDefaults } from './editor/form-state';

const TaskEditorQuery = graphql(`
  query TaskEditor($id: ID!) {
    task(id: $id) {
      id
      ...TaskItemFields
      timeZone
      reminders {
        ...ReminderFields
      }
    }
  }
`);

const ReminderFields = graphql(`
  fragment ReminderFields on Reminder {
    id
    remindAt
    offsetMinutes
    state
    snoozedUntil
  }
`);
void ReminderFields;

export interface TaskEditorProps {
  taskId: string | null;
  user: SessionUser;
  /** For a new task: the project and assignee of the list it is created from. */
  defaults?: NewTaskDefaults;
  onClose(): void;
}

export function TaskEditor({ taskId, user, defaults, onClose }: TaskEditorProps) {
  const { data, loading } = useQuery(TaskEditorQuery, {
    variables: { id: taskId ?? '' },
    skip: !taskId,
    fetchPolicy: 'cache-and-network',
  });
  const task = data?.task ?? null;
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open && typeof node.showModal === 'function') node.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="editor"
      aria-labelledby="editor-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {taskId && loading && !task ? (
        <p>Loading…</p>
      ) : taskId && !task ? (
        <p role="alert">This task no longer exists.</p>
      ) : (
        <EditorForm key={task?.id ?? 'new'} task={task} user={user} defaults={defaults} onClose={onClose} />
      )}
    </dialog>
  );
}
