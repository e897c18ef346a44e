import { useId, type Dispatch } from 'react';
import type { Priority } from '../../gql/graphql';
import { FieldError } from '../FieldError';
import { PriorityBadge, priorities, priorityLabel } from '../Priority';
import type { EditorFieldErrors } from './field-errors';
import type { EditorAction, EditorValues } from './form-state';

type Props = {
  values: Pick<EditorValues, 'title' | 'description' | 'priority'>;
  errors: EditorFieldErrors;
  dispatch: Dispatch<EditorAction>;
};

/** Title, description and priority. */
export function DetailsFields({ values, errors, dispatch }: Props) {
  const id = useId();
  const edit = (patch: Partial<EditorValues>) => dispatch({ type: 'edit', patch });
  return (
    <>
      <label>
        Title
        <input
          value={values.title}
          onChange={(e) => edit({ title: e.target.value })}
          required
          aria-invalid={!!errors.title}
          aria-describedby={errors.title ? `${id}-title-error` : undefined}
          autoFocus
        />
        <span id={`${id}-title-error`}>
          <FieldError message={errors.title} />
        </span>
      </label>
      <label>
        Description
        <textarea
          value={values.description}
          onChange={(e) => edit({ description: e.target.value })}
          rows={3}
          aria-invalid={!!errors.description}
        />
        <FieldError message={errors.description} />
      </label>
      <label>
        Priority <PriorityBadge priority={values.priority} />
        <select
          value={values.priority}
          onChange={(e) => edit({ priority: e.target.value as Priority })}
          aria-invalid={!!errors.priority}
        >
          {priorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabel[p]}
            </option>
          ))}
        </select>
        <FieldError message={errors.priority} />
      </label>
    </>
  );
}
