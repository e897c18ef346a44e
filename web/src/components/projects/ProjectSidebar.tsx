import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { graphql } from '../../gql';
import type { ProjectFieldsFragment } from '../../gql/graphql';
import { otherMessages } from '../../errors';
import {
  navigate,
  sameTaskView,
  taskListHref,
  taskListOf,
  useRoute,
  type TaskListLocation,
  type TaskView,
} from '../../route';
import { FieldError } from '../FieldError';
import { FormMessages, TextField } from '../FormField';
import { useFormSubmit } from '../use-form-submit';
import { ProjectOpenCountQuery, ProjectsQuery } from './project-documents';
import { SavedViews } from './SavedViews';

const CreateProject = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      ...ProjectFields
    }
  }
`);

export const projectColors = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

/** Wide enough for the sidebar beside the list; narrower, it folds into a disclosure above it. */
const wideQuery = '(min-width: 48rem)';

function subscribeToWidth(listener: () => void): () => void {
  const query = window.matchMedia(wideQuery);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
const isWide = () => typeof window.matchMedia === 'function' && window.matchMedia(wideQuery).matches;

/**
 * The views of the task list: every task, the ones assigned to the user, and each project
 * (the Inbox first) with its open tasks counted; a form to create a project; and the user's
 * saved views (SavedViews.tsx).
 */
export function ProjectSidebar({ view }: { view: TaskView }) {
  const id = useId();
  const wide = useSyncExternalStore(subscribeToWidth, isWide, () => true);
  const [open, setOpen] = useState(false);
  const { data, error } = useQuery(ProjectsQuery, { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' });
  const projects = data?.projects ?? [];
  const route = useRoute();
  // The list's query and sort (in the URL): a view link keeps them, as it keeps the filters.
  const list = taskListOf(route.path, route.params);
  // On a phone the list folds away once a view is chosen.
  const onNavigate = () => setOpen(false);

  const content = (
    <>
      <ul className="views">
        <li>
          <ViewLink view={{ kind: 'all' }} current={view} list={list} onNavigate={onNavigate}>
            All tasks
          </ViewLink>
        </li>
        <li>
          <ViewLink view={{ kind: 'assigned' }} current={view} list={list} onNavigate={onNavigate}>
            Assigned to me
          </ViewLink>
        </li>
      </ul>
      <h2 className="sidebar-title" id={`${id}-projects`}>
        Projects
      </h2>
      {error && !data && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <ul className="projects" aria-labelledby={`${id}-projects`}>
        {projects.map((project) => (
          <li key={project.id} data-project-id={project.id}>
            <ViewLink
              view={{ kind: 'project', projectId: project.id }}
              current={view}
              list={list}
              onNavigate={onNavigate}
            >
              <ProjectLabel project={project} />
              <OpenCount projectId={project.id} />
            </ViewLink>
          </li>
        ))}
      </ul>
      <NewProject list={list} onCreated={onNavigate} />
      <SavedViews current={list} onNavigate={onNavigate} />
    </>
  );

  if (wide) {
    return (
      <nav className="sidebar" aria-label="Projects and views">
        {content}
      </nav>
    );
  }
  return (
    <nav className="sidebar" aria-label="Projects and views">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span className="hint">Showing </span>
          {viewName(view, projects)}
        </summary>
        {content}
      </details>
    </nav>
  );
}

function viewName(view: TaskView, projects: readonly ProjectFieldsFragment[]): string {
  if (view.kind === 'all') return 'All tasks';
  if (view.kind === 'assigned') return 'Assigned to me';
  return projects.find((p) => p.id === view.projectId)?.name ?? 'a project';
}

function ProjectLabel({ project }: { project: ProjectFieldsFragment }) {
  return (
    <span className="project-label">
      <span className="swatch" style={{ background: project.color ?? 'transparent' }} aria-hidden="true" />
      <span className="project-name">{project.name}</span>
      {project.role !== 'OWNER' && <span className="hint"> · shared with you</span>}
    </span>
  );
}

/**
 * A view as a link (it opens in a new tab too); a plain click changes the view in place. The
 * link keeps the list's query and sort (`list`), so the list keeps them from view to view.
 */
function ViewLink({
  view,
  current,
  list,
  onNavigate,
  children,
}: {
  view: TaskView;
  current: TaskView;
  list: TaskListLocation;
  onNavigate(): void;
  children: ReactNode;
}) {
  const href = taskListHref({ ...list, view });
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
    onNavigate();
  };
  return (
    <a href={href} onClick={onClick} aria-current={sameTaskView(view, current) ? 'page' : undefined}>
      {children}
    </a>
  );
}

/** A project's open tasks; kept current by the live changes (LiveChanges.tsx refetches it). */
function OpenCount({ projectId }: { projectId: string }) {
  const { data } = useQuery(ProjectOpenCountQuery, { variables: { id: projectId } });
  const count = data?.project?.openTasks.totalCount;
  if (count === undefined) return null;
  return (
    <span className="project-count" data-count={count}>
      {count}
      <span className="sr-only"> open</span>
    </span>
  );
}

/** "New project": a name and a colour; the new project is shown at once (in the list's query and sort). */
function NewProject({ list, onCreated }: { list: TaskListLocation; onCreated(): void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [color, setColor] = useState(projectColors[0]!);
  const [create] = useMutation(CreateProject);
  const { submit, busy, errors, clearErrors } = useFormSubmit(async () => {
    const { data } = await create({
      variables: { input: { name, color } },
      refetchQueries: ['Projects'],
      awaitRefetchQueries: true,
    });
    setName('');
    setOpen(false);
    if (data) navigate(taskListHref({ ...list, view: { kind: 'project', projectId: data.createProject.id } }));
    onCreated();
  });
  if (!open) {
    return (
      <button type="button" className="new-project-button" onClick={() => setOpen(true)}>
        New project
      </button>
    );
  }
  return (
    <form className="new-project" onSubmit={submit} aria-label="New project">
      <TextField
        label="Project name"
        type="text"
        value={name}
        onChange={setName}
        autoComplete="off"
        error={errors.fields.name}
      />
      <label className="inline">
        Colour
        <input
          type="color"
          value={color}
          onChange={(e) => setColor(e.target.value)}
          aria-invalid={!!errors.fields.color}
        />
      </label>
      <FieldError message={errors.fields.color} />
      <FormMessages messages={otherMessages(errors, ['name', 'color'])} />
      <div className="inline">
        <button type="submit" className="primary" disabled={busy}>
          Create project
        </button>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            clearErrors();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
