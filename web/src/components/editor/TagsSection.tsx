import { useId, useState, type Dispatch, type KeyboardEvent } from 'react';
import type { TagsQuery } from '../../gql/graphql';
import { FieldError } from '../FieldError';
import { TagChip } from '../TagChip';
import type { EditorFieldErrors } from './field-errors';
import { sameTag, type EditorAction, type EditorValues } from './form-state';

type Props = {
  values: Pick<EditorValues, 'tagNames' | 'newTagColor'>;
  allTags: TagsQuery['tags'];
  errors: EditorFieldErrors;
  dispatch: Dispatch<EditorAction>;
};

/** The task's tags: chips to remove, a box (with the user's tags to pick from) to add. */
export function TagsSection({ values, allTags, errors, dispatch }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const { tagNames, newTagColor } = values;
  const colorOf = (name: string) => allTags.find((t) => sameTag(t.name, name))?.color ?? null;

  function addTag() {
    dispatch({ type: 'addTag', text });
    setText('');
  }
  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addTag();
    } else if (event.key === 'Backspace' && !text && tagNames.length) {
      dispatch({ type: 'removeTag', name: tagNames[tagNames.length - 1]! });
    }
  }

  return (
    <fieldset>
      <legend>Tags</legend>
      <div className="tag-row">
        {tagNames.map((name) => (
          <TagChip
            key={name}
            name={name}
            color={colorOf(name) ?? newTagColor}
            onRemove={() => dispatch({ type: 'removeTag', name })}
          />
        ))}
      </div>
      <div className="inline">
        <label className="grow">
          Add tag
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            list={`${id}-tags`}
            placeholder="Type a tag, Enter to add"
            aria-invalid={!!errors.tags}
          />
        </label>
        <datalist id={`${id}-tags`}>
          {allTags
            .filter((t) => !tagNames.includes(t.name))
            .map((t) => (
              <option key={t.id} value={t.name} />
            ))}
        </datalist>
        <label className="inline">
          Colour for new tags
          <input
            type="color"
            value={newTagColor}
            onChange={(e) => dispatch({ type: 'edit', patch: { newTagColor: e.target.value } })}
          />
        </label>
        <button type="button" onClick={addTag}>
          Add tag
        </button>
      </div>
      <FieldError message={errors.tags} />
    </fieldset>
  );
}
