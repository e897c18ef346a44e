import { useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useReducer } from 'react';
import type { SessionUser } from '../../session';
import { RecurrenceBuilder } from '../RecurrenceBuilder';
import { TagsQuery } from '../TaskList';
import { DetailsFields } from './DetailsFields';
import { DueSection } from './DueSection';
import { editorFieldErrors } from './field-errors';
import { editorReducer, initialEditorState, type EditorTask, type NewTaskDefaults } from './form-state';
import type { RecurrenceAnchor } from '../../gql/graphql';
import type { RecurrenceModel } from '../../recurrence/presets';
import { RemindersSection } from './RemindersSection';
import { PlacementFields } from './PlacementFields';
import { previewDueOf, recurrenceTimeZoneOf } from './task-inputs';
import { TagsSection } from './TagsSection';
import { useTaskSubmit } from './use-task-submit';

export interface EditorFormProps {
  /** The task to edit; `null` for a new one. */
  task: EditorTask | null;
  user: SessionUser;
  /** For a new task: the project and assignee of the list it is created from. */
  defaults?: NewTaskDefaults;
  onClose(): void;
}

/** The task editor's form: each section edits one part of the state; saving is `useTaskSubmit`. */
export function EditorForm({ task, user, defaults, onClose }: EditorFormProps) {
  const [state, dispatch] = useReducer(editorReducer, task, (t) => initialEditorState(t, defaults));
  const allTags = useQuery(TagsQuery).data?.tags ?? [];
  const { taskId, saving, submit } = useTaskSubmit({ task, user, allTags, state, dispatch, onSaved: onClose });
  const { values } = state;
  const { dueKind, dueLocal, dueDate } = values;
  const errors = editorFieldErrors(state.errors);
  // Kept while the due value is unchanged: the recurrence preview is recomputed when it changes.
  const previewDue = useMemo(() => previewDueOf({ dueKind, dueLocal, dueDate }), [dueKind, dueLocal, dueDate]);
  const setRecurrence = useCallback(
    (recurrence: RecurrenceModel) => dispatch({ type: 'edit', patch: { recurrence } }),
    [],
  );
  const setAnchor = useCallback((anchor: RecurrenceAnchor) => dispatch({ type: 'edit', patch: { anchor } }), []);

  return (
    <form onSubmit={(e) => void submit(e)} className="editor-form" noValidate>
      <header>
        <h2 id="editor-title">{taskId ? 'Edit task' : 'New task'}</h2>
        <button type="button" onClick={onClose} aria-label="Close editor">
          ×
        </button>
      </header>
      <DetailsFields values={values} errors={errors} dispatch={dispatch} />
      <PlacementFields
        values={values}
        savedAssigneeId={task?.assignee?.id ?? null}
        errors={errors}
        dispatch={dispatch}
        user={user}
      />
      <DueSection values={values} errors={errors} dispatch={dispatch} />
      <TagsSection values={values} allTags={allTags} errors={errors} dispatch={dispatch} />
      <RemindersSection saved={task?.reminders ?? []} state={state} errors={errors} dispatch={dispatch} />
      <RecurrenceBuilder
        model={values.recurrence}
        onChange={setRecurrence}
        anchor={values.anchor}
        onAnchorChange={setAnchor}
        timeZone={recurrenceTimeZoneOf(task, user)}
        due={previewDue}
        error={errors.recurrence}
      />

      {errors.general.length > 0 && (
        <p className="error" role="alert">
          {errors.general.join(' ')}
        </p>
      )}
      <footer>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {values.recurrence.kind !== 'NONE' && !previewDue && (
          <span className="hint">Set a due date: a repeating task starts from it.</span>
        )}
      </footer>
    </form>
  );
}
