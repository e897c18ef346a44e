import { useMutation } from '@apollo/client/react';
import { useId, type Dispatch } from 'react';
import { graphql } from '../../gql';
import type { ReminderFieldsFragment } from '../../gql/graphql';
import { formatDateTime, fromLocalInput } from '../../format';
import { FieldError } from '../FieldError';
import type { EditorFieldErrors } from './field-errors';
import type { EditorAction, EditorState, PendingReminder, ReminderDraft, ReminderUnit } from './form-state';

const DismissReminderInEditor = graphql(`
  mutation DismissReminderInEditor($id: ID!) {
    dismissReminder(id: $id) {
      ...ReminderFields
    }
  }
`);

type Props = {
  /** The task's saved reminders (none for a new task). */
  saved: readonly ReminderFieldsFragment[];
  state: Pick<EditorState, 'draft' | 'pending'>;
  errors: EditorFieldErrors;
  dispatch: Dispatch<EditorAction>;
};

const describePending = (r: PendingReminder): string =>
  r.kind === 'absolute' ? formatDateTime(fromLocalInput(r.local)) : `${r.amount} ${r.unit} before due`;

/** Saved reminders (cancellable at once), reminders added here (saved with the task), the draft. */
export function RemindersSection({ saved, state, errors, dispatch }: Props) {
  const [dismissReminder] = useMutation(DismissReminderInEditor);
  return (
    <fieldset>
      <legend>Reminders</legend>
      <ul className="reminders">
        {saved.map((r) => (
          <li key={r.id}>
            {formatDateTime(r.remindAt)}
            {r.offsetMinutes != null && ` (${r.offsetMinutes} min before)`} · {r.state.toLowerCase()}
            {r.state === 'SCHEDULED' && (
              <button
                type="button"
                onClick={() => void dismissReminder({ variables: { id: r.id } })}
                aria-label={`Cancel reminder at ${formatDateTime(r.remindAt)}`}
              >
                Remove
              </button>
            )}
          </li>
        ))}
        {state.pending.map((r, i) => (
          <li key={`p${i}`} className="pending">
            {describePending(r)} (not saved yet)
            <button
              type="button"
              onClick={() => dispatch({ type: 'removePending', index: i })}
              aria-label="Remove unsaved reminder"
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <ReminderDraftFields draft={state.draft} dispatch={dispatch} />
      <button type="button" onClick={() => dispatch({ type: 'addReminder' })}>
        Add reminder
      </button>
      <FieldError message={errors.reminder} />
    </fieldset>
  );
}

function ReminderDraftFields({ draft, dispatch }: { draft: ReminderDraft; dispatch: Dispatch<EditorAction> }) {
  const id = useId();
  const edit = (patch: Partial<ReminderDraft>) => dispatch({ type: 'editDraft', patch });
  return (
    <>
      <div className="inline">
        <label className="inline">
          <input
            type="radio"
            name={`${id}-rk`}
            checked={draft.kind === 'relative'}
            onChange={() => edit({ kind: 'relative' })}
          />
          Before due
        </label>
        <label className="inline">
          <input
            type="radio"
            name={`${id}-rk`}
            checked={draft.kind === 'absolute'}
            onChange={() => edit({ kind: 'absolute' })}
          />
          At a time
        </label>
      </div>
      {draft.kind === 'relative' ? (
        <div className="inline">
          <input
            type="number"
            min={0}
            className="narrow"
            value={draft.amount}
            onChange={(e) => edit({ amount: Number(e.target.value) })}
            aria-label="Reminder amount"
          />
          <select
            value={draft.unit}
            onChange={(e) => edit({ unit: e.target.value as ReminderUnit })}
            aria-label="Reminder unit"
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
          <span>before due</span>
        </div>
      ) : (
        <label>
          Remind at
          <input type="datetime-local" step={1} value={draft.local} onChange={(e) => edit({ local: e.target.value })} />
        </label>
      )}
    </>
  );
}
