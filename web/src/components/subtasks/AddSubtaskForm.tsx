import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { otherMessages } from '../../errors';
import { FieldError } from '../FieldError';
import { useFormSubmit } from '../use-form-submit';
import { appendSubtask } from './subtask-cache';
import { CreateSubtaskMutation } from './subtask-documents';

export interface AddSubtaskFormProps {
  parentId: string;
  parentTitle: string;
  /** A subtask was created (the parent's row shows its subtasks then). */
  onCreated?(id: string): void;
  /** Cancel or Escape. */
  onClose(): void;
}

/**
 * The small form under a task's row that adds a subtask to it (`createTask` with `parentId`).
 * It stays open after a subtask was added, for the next one; Escape or Cancel closes it. A
 * refusal (a parent on the deepest level, one that is gone, an empty title) shows under the
 * field.
 */
export function AddSubtaskForm({ parentId, parentTitle, onCreated, onClose }: AddSubtaskFormProps) {
  const id = useId();
  const [title, setTitle] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [create] = useMutation(CreateSubtaskMutation);
  const { submit, busy, errors, clearErrors } = useFormSubmit(async () => {
    const trimmed = title.trim();
    if (!trimmed) throw new Error('Type a title for the subtask');
    const { data } = await create({
      variables: { input: { title: trimmed, parentId } },
      update(cache, result) {
        const created = result.data?.createTask;
        if (created) appendSubtask(cache, parentId, created.id);
      },
    });
    setTitle('');
    input.current?.focus();
    if (data?.createTask) onCreated?.(data.createTask.id);
  });
  // The title's own message under the field; the parent's (too deep, gone) and others after it.
  const titleError = errors.fields.title;
  const others = [
    ...(errors.fields.parentId ? [errors.fields.parentId] : []),
    ...otherMessages(errors, ['title', 'parentId']),
  ];

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    clearErrors();
    onClose();
  }

  return (
    <form
      className="add-subtask"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label={`New subtask of “${parentTitle}”`}
      noValidate
    >
      <div className="add-subtask-row">
        <input
          ref={input}
          id={`${id}-title`}
          className="grow"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Subtask title"
          aria-label={`Title of the new subtask of “${parentTitle}”`}
          aria-invalid={titleError || others.length ? true : undefined}
          aria-describedby={titleError || others.length ? `${id}-error` : undefined}
          maxLength={500}
          autoFocus
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add'}
        </button>
        <button
          type="button"
          onClick={() => {
            clearErrors();
            onClose();
          }}
        >
          Cancel
        </button>
      </div>
      <div id={`${id}-error`}>
        <FieldError message={titleError} />
        {others.map((message) => (
          <FieldError key={message} message={message} />
        ))}
      </div>
    </form>
  );
}
