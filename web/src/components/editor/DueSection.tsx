import { useId, type Dispatch } from 'react';
import { FieldError } from '../FieldError';
import type { EditorFieldErrors } from './field-errors';
import type { DueKind, EditorAction, EditorValues } from './form-state';

type Props = {
  values: Pick<EditorValues, 'dueKind' | 'dueLocal' | 'dueDate'>;
  errors: EditorFieldErrors;
  dispatch: Dispatch<EditorAction>;
};

const dueKinds: Array<[DueKind, string]> = [
  ['none', 'No due date'],
  ['time', 'Date and time'],
  ['day', 'All day'],
];

/** No due date, a due time, or an all-day due date. */
export function DueSection({ values, errors, dispatch }: Props) {
  const id = useId();
  const edit = (patch: Partial<EditorValues>) => dispatch({ type: 'edit', patch });
  return (
    <fieldset>
      <legend>Due</legend>
      {dueKinds.map(([kind, label]) => (
        <label key={kind} className="inline">
          <input
            type="radio"
            name={`${id}-due`}
            checked={values.dueKind === kind}
            onChange={() => edit({ dueKind: kind })}
          />
          {label}
        </label>
      ))}
      {values.dueKind === 'time' && (
        <label>
          Due at
          <input
            type="datetime-local"
            value={values.dueLocal}
            onChange={(e) => edit({ dueLocal: e.target.value })}
            aria-invalid={!!errors.dueAt}
          />
          <FieldError message={errors.dueAt} />
        </label>
      )}
      {values.dueKind === 'day' && (
        <label>
          Due on
          <input
            type="date"
            value={values.dueDate}
            onChange={(e) => edit({ dueDate: e.target.value })}
            aria-invalid={!!errors.dueDate}
          />
          <FieldError message={errors.dueDate} />
        </label>
      )}
    </fieldset>
  );
}
