import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import type { ProjectFieldsFragment } from '../../gql/graphql';
import type { TaskView } from '../../route';
import type { SessionUser } from '../../session';
import type { NewTaskDefaults } from '../editor/form-state';
import { ProjectsQuery } from '../projects/project-documents';

/** What the list shows at its top, and where its new tasks go. */
export interface ShownView {
  title: string;
  /** The project of a project's view, once the project list has it. */
  project: ProjectFieldsFragment | null;
  defaults: NewTaskDefaults;
  /** A project's view of a project the user is not (or no longer) a member of. */
  missing: boolean;
}

export function shownViewOf(
  view: TaskView,
  user: SessionUser,
  projects: readonly ProjectFieldsFragment[] | undefined,
): ShownView {
  if (view.kind === 'assigned')
    return { title: 'Assigned to me', project: null, defaults: { assigneeId: user.id }, missing: false };
  if (view.kind === 'all') return { title: 'All tasks', project: null, defaults: {}, missing: false };
  const project = projects?.find((p) => p.id === view.projectId) ?? null;
  return {
    title: project?.name ?? (projects ? 'Project not found' : 'Loading…'),
    project,
    defaults: { projectId: view.projectId },
    missing: !!projects && !project,
  };
}

/** The view as shown, from the user's projects (read once more for a project they lack). */
export function useShownView(view: TaskView, user: SessionUser): ShownView {
  const { data, refetch } = useQuery(ProjectsQuery, { fetchPolicy: 'cache-first' });
  const shown = shownViewOf(view, user, data?.projects);
  // A link to a project shared a moment ago: the list of projects may predate it.
  const missingProjectId = shown.missing && view.kind === 'project' ? view.projectId : null;
  useEffect(() => {
    if (missingProjectId) refetch().catch(() => undefined);
  }, [missingProjectId, refetch]);
  return shown;
}

const roleLabel = { OWNER: 'Owner', EDITOR: 'Editor', VIEWER: 'Viewer' } as const;

/** The view's title; for a project, the user's role in it and its members. */
export function ViewHeader({ titleId, shown, onMembers }: { titleId: string; shown: ShownView; onMembers(): void }) {
  const { project } = shown;
  return (
    <>
      <div className="view-header">
        <h2 id={titleId}>
          {project?.color && <span className="swatch" style={{ background: project.color }} aria-hidden="true" />}{' '}
          {shown.title}
        </h2>
        {project && project.role !== 'OWNER' && (
          <span className="badge role" data-role={project.role}>
            {roleLabel[project.role]}
          </span>
        )}
        {project && !project.isInbox && (
          <button type="button" onClick={onMembers}>
            {project.role === 'OWNER' ? 'Share…' : 'Members…'}
          </button>
        )}
      </div>
      {shown.missing && (
        <p className="notice" role="status">
          This project is not one of yours (any more): it may have been deleted, or you were removed from it.
        </p>
      )}
    </>
  );
}
