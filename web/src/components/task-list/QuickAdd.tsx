import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { formErrorsOf } from '../../errors';
import type { SessionUser } from '../../session';
import type { NewTaskDefaults } from '../editor/form-state';
import { FieldError } from '../FieldError';

const QuickAddTask = graphql(`
  mutation QuickAddTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      ...TaskItemFields
    }
  }
`);

export interface QuickAddProps {
  user: SessionUser;
  /** The project and assignee of the list shown (none: the Inbox, unassigned). */
  defaults: NewTaskDefaults;
  onOpenEditor(): void;
}

/** One line to add a task by its title; the full editor is a button away. */
export function QuickAdd({ user, defaults, onOpenEditor }: QuickAddProps) {
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [create, { loading }] = useMutation(QuickAddTask, { refetchQueries: ['TaskList'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    setMessage(null);
    try {
      const { projectId, assigneeId } = defaults;
      await create({
        variables: {
          input: {
            title: title.trim(),
            timeZone: user.timeZone,
            ...(projectId ? { projectId } : {}),
            ...(assigneeId ? { assigneeId } : {}),
          },
        },
      });
      setTitle('');
    } catch (e) {
      const errors = formErrorsOf(e);
      setMessage(
        errors.fields.title ?? errors.general ?? Object.values(errors.fields).find(Boolean) ?? 'Could not add the task',
      );
    }
  }

  return (
    <form className="quick-add" onSubmit={(e) => void submit(e)}>
      <label className="grow">
        <span className="sr-only">New task title</span>
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Add a task and press Enter"
          aria-invalid={!!message}
        />
        <FieldError message={message} />
      </label>
      <button type="submit" className="primary" disabled={loading}>
        Add
      </button>
      <button type="button" onClick={onOpenEditor}>
        New task…
      </button>
    </form>
  );
}
