import { useQuery } from '@apollo/client/react';
import { useId, type Dispatch } from 'react';
import { personName, unknownMemberName, useMemberNames } from '../../member-names';
import type { SessionUser } from '../../session';
import { FieldError } from '../FieldError';
import { ProjectMembersQuery, ProjectsQuery } from '../projects/project-documents';
import type { EditorFieldErrors } from './field-errors';
import type { EditorAction, EditorValues } from './form-state';

type Props = {
  values: Pick<EditorValues, 'projectId' | 'assigneeId'>;
  /** The assignee as saved (null for a new task): the one moveTask unassigns by itself. */
  savedAssigneeId: string | null;
  errors: EditorFieldErrors;
  dispatch: Dispatch<EditorAction>;
  user: SessionUser;
};

/** What saving does with an assignee who is not a member of the chosen project. */
function outsiderHint(assigneeId: string, savedAssigneeId: string | null): string {
  return assigneeId === savedAssigneeId
    ? 'Not a member of this project: saving leaves the task unassigned.'
    : 'Not a member of this project: choose one of its members, or Unassigned.';
}

/** Several members without a known name stay tellable apart: "a member (1)", "a member (2)". */
function numberUnknown(options: Array<{ id: string; label: string }>): Array<{ id: string; label: string }> {
  let unknown = 0;
  return options.map((o) => (o.label === unknownMemberName ? { ...o, label: `${o.label} (${(unknown += 1)})` } : o));
}

/** The task's project (saving a change moves it) and its assignee, one of the project's members. */
export function PlacementFields({ values, savedAssigneeId, errors, dispatch, user }: Props) {
  const id = useId();
  const projects = useQuery(ProjectsQuery).data?.projects ?? [];
  // A new task without a chosen project goes to the Inbox.
  const projectId = values.projectId ?? projects.find((p) => p.isInbox)?.id ?? null;
  // Projects the user may put tasks in, and the task's own whatever the role (to show it).
  const choices = projects.filter((p) => p.role !== 'VIEWER' || p.id === projectId);
  const membersResult = useQuery(ProjectMembersQuery, {
    variables: { id: projectId ?? '' },
    skip: !projectId,
    fetchPolicy: 'cache-and-network',
  });
  const members = membersResult.data?.project?.members ?? [];
  const names = useMemberNames(
    projectId,
    members.map((m) => m.user.id),
  );

  const options = numberUnknown(
    members.map((m) => ({
      id: m.user.id,
      label: m.user.id === user.id ? `${user.name} (me)` : personName(m.user.id, { me: user, names }),
    })),
  );
  const assigneeListed = !values.assigneeId || options.some((o) => o.id === values.assigneeId);
  const membersLoaded = membersResult.data?.project?.id === projectId && !membersResult.loading;
  const outsider = !assigneeListed && membersLoaded;

  return (
    <fieldset>
      <legend>Project and assignee</legend>
      <label>
        Project
        <select
          value={projectId ?? ''}
          // The assignee stays: moveTask unassigns them only if they are not a member there.
          onChange={(e) => dispatch({ type: 'edit', patch: { projectId: e.target.value } })}
          aria-invalid={!!errors.project}
        >
          {!projectId && <option value="">Inbox</option>}
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldError message={errors.project} />
      </label>
      <label>
        Assignee
        <select
          value={values.assigneeId ?? ''}
          onChange={(e) => dispatch({ type: 'edit', patch: { assigneeId: e.target.value || null } })}
          aria-invalid={!!errors.assignee}
          aria-describedby={outsider ? `${id}-outsider` : undefined}
        >
          <option value="">Unassigned</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
          {!assigneeListed && values.assigneeId && (
            <option value={values.assigneeId}>{personName(values.assigneeId, { me: user, names })}</option>
          )}
        </select>
        <FieldError message={errors.assignee} />
      </label>
      {outsider && values.assigneeId && (
        <p className="hint" id={`${id}-outsider`}>
          {outsiderHint(values.assigneeId, savedAssigneeId)}
        </p>
      )}
    </fieldset>
  );
}
