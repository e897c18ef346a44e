import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type MouseEvent } from 'react';
import { otherMessages } from '../../errors';
import { graphql } from '../../gql';
import type { SavedViewsQuery as SavedViewsData, SortDirection, TaskSort, TaskSortField } from '../../gql/graphql';
import { navigate, sameTaskList, taskListHref, type TaskListLocation } from '../../route';
import { FieldError } from '../FieldError';
import { FormMessages, TextField } from '../FormField';
import { useFormSubmit } from '../use-form-submit';

export const SavedViewsQuery = graphql(`
  query SavedViews {
    savedViews {
      id
      name
      query
      sort {
        field
        direction
      }
      position
    }
  }
`);

const CreateSavedView = graphql(`
  mutation CreateSavedView($input: CreateSavedViewInput!) {
    createSavedView(input: $input) {
      id
      name
      query
      sort {
        field
        direction
      }
      position
    }
  }
`);

const RenameSavedView = graphql(`
  mutation RenameSavedView($id: ID!, $name: String!) {
    updateSavedView(id: $id, input: { name: $name }) {
      id
      name
    }
  }
`);

const DeleteSavedView = graphql(`
  mutation DeleteSavedView($id: ID!) {
    deleteSavedView(id: $id)
  }
`);

type SavedView = SavedViewsData['savedViews'][number];

/** The list a saved view opens: every task, with its query and sort. */
export function savedViewList(view: Pick<SavedView, 'query' | 'sort'>): TaskListLocation {
  return {
    view: { kind: 'all' },
    query: view.query,
    sort: view.sort ? `${view.sort.field}:${view.sort.direction}` : null,
  };
}

/**
 * "Views": the user's saved views in their order, each a link to its list (it can be bookmarked
 * or shared); "Save view" keeps the current query and sort under a name; each can be renamed
 * or deleted.
 */
export function SavedViews({ current, onNavigate }: { current: TaskListLocation; onNavigate(): void }) {
  const id = useId();
  const { data, error } = useQuery(SavedViewsQuery, {
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const [saving, setSaving] = useState(false);
  const views = data?.savedViews ?? [];
  return (
    <section className="saved-views" aria-labelledby={`${id}-title`}>
      <div className="sidebar-header">
        <h2 className="sidebar-title" id={`${id}-title`}>
          Views
        </h2>
        {!saving && (
          <button type="button" className="small" onClick={() => setSaving(true)}>
            Save view
          </button>
        )}
      </div>
      {saving && <SaveViewForm current={current} onDone={() => setSaving(false)} />}
      {error && !data && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {data && views.length === 0 && !saving && <p className="hint">No saved views yet</p>}
      <ul className="saved-view-list" aria-labelledby={`${id}-title`}>
        {views.map((view) => (
          <SavedViewItem key={view.id} view={view} current={current} onNavigate={onNavigate} />
        ))}
      </ul>
    </section>
  );
}

function SaveViewForm({ current, onDone }: { current: TaskListLocation; onDone(): void }) {
  const [name, setName] = useState('');
  const [create] = useMutation(CreateSavedView);
  const { submit, busy, errors } = useFormSubmit(async () => {
    await create({
      variables: { input: { name, query: current.query, ...sortInput(current.sort) } },
      refetchQueries: ['SavedViews'],
      awaitRefetchQueries: true,
    });
    onDone();
  });
  return (
    <form className="new-project save-view" onSubmit={submit} aria-label="Save view">
      <TextField
        label="View name"
        type="text"
        value={name}
        onChange={setName}
        autoComplete="off"
        error={errors.fields.name}
      />
      <p className="hint">
        {current.query ? (
          <>
            Query: <code>{current.query}</code>
          </>
        ) : (
          'Every task (no query)'
        )}
        {current.sort && ` · sorted by ${current.sort}`}
      </p>
      <FieldError message={errors.fields.query} />
      <FormMessages messages={otherMessages(errors, ['name', 'query'])} />
      <div className="inline">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The `sort` of createSavedView for a list's sort (left out for the default order). */
function sortInput(sort: TaskListLocation['sort']): { sort?: TaskSort } {
  if (!sort) return {};
  const [field, direction] = sort.split(':') as [TaskSortField, SortDirection];
  return { sort: { field, direction } };
}

function SavedViewItem({
  view,
  current,
  onNavigate,
}: {
  view: SavedView;
  current: TaskListLocation;
  onNavigate(): void;
}) {
  const list = savedViewList(view);
  const href = taskListHref(list);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(view.name);
  const [rename] = useMutation(RenameSavedView);
  const [remove, removal] = useMutation(DeleteSavedView, { refetchQueries: ['SavedViews'], awaitRefetchQueries: true });
  const { submit, busy, errors, clearErrors } = useFormSubmit(async () => {
    await rename({ variables: { id: view.id, name } });
    setRenaming(false);
  });
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
    onNavigate();
  };

  if (renaming) {
    return (
      <li data-view-id={view.id}>
        <form className="new-project" onSubmit={submit} aria-label={`Rename view ${view.name}`}>
          <TextField
            label="View name"
            type="text"
            value={name}
            onChange={setName}
            autoComplete="off"
            error={errors.fields.name}
          />
          <FormMessages messages={otherMessages(errors, ['name'])} />
          <div className="inline">
            <button type="submit" className="primary" disabled={busy}>
              Rename
            </button>
            <button
              type="button"
              onClick={() => {
                setRenaming(false);
                setName(view.name);
                clearErrors();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li data-view-id={view.id} className="saved-view">
      <a
        href={href}
        onClick={onClick}
        title={view.query || 'Every task'}
        aria-current={sameTaskList(list, current) ? 'page' : undefined}
      >
        <span className="project-name">{view.name}</span>
      </a>
      <span className="saved-view-actions">
        <button
          type="button"
          className="small"
          aria-label={`Rename view ${view.name}`}
          onClick={() => setRenaming(true)}
        >
          Rename
        </button>
        <button
          type="button"
          className="small"
          aria-label={`Delete view ${view.name}`}
          disabled={removal.loading}
          onClick={() => void remove({ variables: { id: view.id } }).catch(() => undefined)}
        >
          Delete
        </button>
      </span>
      {removal.error && (
        <span className="field-error" role="alert">
          {removal.error.message}
        </span>
      )}
    </li>
  );
}
