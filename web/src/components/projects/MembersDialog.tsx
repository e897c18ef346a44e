import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { graphql } from '../../gql';
import type { ProjectFieldsFragment, ProjectRole, ProjectSharingFieldsFragment } from '../../gql/graphql';
import { formErrorsOf, otherMessages } from '../../errors';
import { formatDateTime } from '../../format';
import { personName, useMemberNames } from '../../member-names';
import { navigate } from '../../route';
import type { SessionUser } from '../../session';
import { FieldError } from '../FieldError';
import { FormMessages, TextField } from '../FormField';
import { useFormSubmit } from '../use-form-submit';
import { ProjectMembersQuery } from './project-documents';

const ShareProject = graphql(`
  mutation ShareProject($projectId: ID!, $email: String!, $role: ProjectRole!) {
    shareProject(projectId: $projectId, email: $email, role: $role) {
      id
      ...ProjectSharingFields
    }
  }
`);

const ChangeMemberRole = graphql(`
  mutation ChangeMemberRole($projectId: ID!, $userId: ID!, $role: ProjectRole!) {
    changeMemberRole(projectId: $projectId, userId: $userId, role: $role) {
      id
      ...ProjectSharingFields
    }
  }
`);

const RemoveMember = graphql(`
  mutation RemoveMember($projectId: ID!, $userId: ID!) {
    removeMember(projectId: $projectId, userId: $userId) {
      id
      ...ProjectSharingFields
    }
  }
`);

const CancelProjectInvitation = graphql(`
  mutation CancelProjectInvitation($projectId: ID!, $email: String!) {
    cancelProjectInvitation(projectId: $projectId, email: $email) {
      id
      ...ProjectSharingFields
    }
  }
`);

const LeaveProject = graphql(`
  mutation LeaveProject($projectId: ID!) {
    leaveProject(projectId: $projectId)
  }
`);

const roleLabel: Record<ProjectRole, string> = { OWNER: 'Owner', EDITOR: 'Editor', VIEWER: 'Viewer' };
const shareRoles = ['EDITOR', 'VIEWER'] as const;

/**
 * While invitations are pending the list is read again this often: an address whose account
 * verifies it becomes a member (at once if verified already, once the tasks service has learnt
 * of the verification otherwise).
 */
const invitationPollMs = 2_000;

type Member = ProjectSharingFieldsFragment['members'][number];
type Invitation = ProjectSharingFieldsFragment['invitations'][number];

export interface MembersDialogProps {
  project: ProjectFieldsFragment;
  user: SessionUser;
  onClose(): void;
}

/**
 * A project's members. Its owner shares it (by e-mail, as editor or viewer), changes roles,
 * removes members and withdraws invitations; any other member sees who is in it and may leave.
 */
export function MembersDialog({ project, user, onClose }: MembersDialogProps) {
  const id = useId();
  const owner = project.role === 'OWNER';
  const { data, loading, error, startPolling, stopPolling } = useQuery(ProjectMembersQuery, {
    variables: { id: project.id },
    fetchPolicy: 'cache-and-network',
  });
  const sharing = data?.project;
  const members = sharing?.members ?? [];
  const invitations = sharing?.invitations ?? [];
  const waitingForInvitees = invitations.length > 0;
  useEffect(() => {
    if (!waitingForInvitees) return;
    startPolling(invitationPollMs);
    return () => stopPolling();
  }, [waitingForInvitees, startPolling, stopPolling]);
  const names = useMemberNames(
    project.id,
    members.map((m) => m.user.id),
  );

  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open && typeof node.showModal === 'function') node.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="editor members-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header>
        <h2 id={`${id}-title`}>
          {owner ? 'Share' : 'Members of'} “{project.name}”
        </h2>
        <button type="button" onClick={onClose} aria-label="Close members">
          ×
        </button>
      </header>
      {owner && <ShareForm projectId={project.id} />}
      {loading && !sharing && <p className="hint">Loading…</p>}
      {error && !sharing && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <h3>Members</h3>
      <ul className="members">
        {members.map((member) => (
          <MemberRow
            key={member.user.id}
            projectId={project.id}
            member={member}
            owner={owner}
            name={personName(member.user.id, { me: user, names })}
            isMe={member.user.id === user.id}
          />
        ))}
      </ul>
      {owner && invitations.length > 0 && (
        <>
          <h3>Invitations</h3>
          <p className="hint">They join once the address has an account and is verified.</p>
          <ul className="invitations">
            {invitations.map((invitation) => (
              <InvitationRow key={invitation.email} projectId={project.id} invitation={invitation} />
            ))}
          </ul>
        </>
      )}
      {!owner && <LeaveProjectButton project={project} onLeft={onClose} />}
    </dialog>
  );
}

/** Shares the project with an address, as editor or viewer. */
function ShareForm({ projectId }: { projectId: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof shareRoles)[number]>('EDITOR');
  const [done, setDone] = useState<string | null>(null);
  const [share] = useMutation(ShareProject);
  const { submit, busy, errors } = useFormSubmit(async () => {
    setDone(null);
    const shared = email.trim();
    const { data } = await share({ variables: { projectId, email: shared, role } });
    const invited = data?.shareProject.invitations.some((i) => i.email.toLowerCase() === shared.toLowerCase());
    setEmail('');
    setDone(invited ? `Invitation sent to ${shared}.` : `Shared with ${shared}.`);
  });
  return (
    <form className="share-form" onSubmit={submit}>
      <TextField
        label="E-mail address"
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="off"
        error={errors.fields.email}
      />
      <label>
        Role
        <select
          value={role}
          onChange={(e) => setRole(e.target.value as (typeof shareRoles)[number])}
          aria-invalid={!!errors.fields.role}
        >
          <option value="EDITOR">Editor — adds and changes tasks</option>
          <option value="VIEWER">Viewer — only reads</option>
        </select>
        <FieldError message={errors.fields.role} />
      </label>
      <FormMessages messages={otherMessages(errors, ['email', 'role'])} />
      {done && (
        <p className="hint" role="status">
          {done}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Share
      </button>
    </form>
  );
}

/** The message of a failed row action (a role change, a removal), whatever field it names. */
function rowMessage(error: unknown): string {
  const { fields, general } = formErrorsOf(error);
  return [general, ...Object.values(fields)].filter(Boolean).join(' ') || 'That did not work.';
}

function MemberRow({
  projectId,
  member,
  owner,
  name,
  isMe,
}: {
  projectId: string;
  member: Member;
  owner: boolean;
  name: string;
  isMe: boolean;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [changeRole, changing] = useMutation(ChangeMemberRole);
  const [remove, removing] = useMutation(RemoveMember);
  const userId = member.user.id;
  const run = async (action: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await action();
    } catch (error) {
      setMessage(rowMessage(error));
    }
  };
  const manageable = owner && member.role !== 'OWNER';
  return (
    <li className="member" data-user-id={userId} data-role={member.role}>
      <span className="member-name">
        {name}
        {isMe && <span className="hint"> (you)</span>}
      </span>
      {manageable ? (
        <span className="member-actions">
          <select
            aria-label={`Role of ${name}`}
            value={member.role}
            disabled={changing.loading}
            onChange={(e) =>
              void run(() => changeRole({ variables: { projectId, userId, role: e.target.value as ProjectRole } }))
            }
          >
            {shareRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
          <button
            type="button"
            aria-label={`Remove ${name}`}
            disabled={removing.loading}
            onClick={() => void run(() => remove({ variables: { projectId, userId } }))}
          >
            Remove
          </button>
        </span>
      ) : (
        <span className="badge role" data-role={member.role}>
          {roleLabel[member.role]}
        </span>
      )}
      <FieldError message={message} />
    </li>
  );
}

function InvitationRow({ projectId, invitation }: { projectId: string; invitation: Invitation }) {
  const [message, setMessage] = useState<string | null>(null);
  const [cancel, { loading }] = useMutation(CancelProjectInvitation);
  return (
    <li className="invitation" data-email={invitation.email}>
      <span>
        {invitation.email} · {roleLabel[invitation.role]}{' '}
        <span className="hint">· invited {formatDateTime(invitation.invitedAt)}</span>
      </span>
      <button
        type="button"
        aria-label={`Cancel the invitation of ${invitation.email}`}
        disabled={loading}
        onClick={() => {
          setMessage(null);
          cancel({ variables: { projectId, email: invitation.email } }).catch((error: unknown) =>
            setMessage(rowMessage(error)),
          );
        }}
      >
        Cancel invitation
      </button>
      <FieldError message={message} />
    </li>
  );
}

/** Leaves the project (after a confirmation); the list goes back to every task. */
function LeaveProjectButton({ project, onLeft }: { project: ProjectFieldsFragment; onLeft(): void }) {
  const client = useApolloClient();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [leave, { loading }] = useMutation(LeaveProject);
  async function onLeave() {
    setMessage(null);
    try {
      await leave({ variables: { projectId: project.id } });
      navigate('/');
      client.cache.evict({ id: client.cache.identify({ __typename: 'Project', id: project.id }) });
      client.cache.gc();
      await client.refetchQueries({ include: ['Projects', 'TaskList'] });
      onLeft();
    } catch (error) {
      setMessage(rowMessage(error));
    }
  }
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Leave project
      </button>
    );
  }
  return (
    <div className="leave">
      <p>Leave “{project.name}”? You will no longer see its tasks; its owner can share it with you again.</p>
      <button type="button" className="danger" disabled={loading} onClick={() => void onLeave()}>
        Leave “{project.name}”
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Stay
      </button>
      <FieldError message={message} />
    </div>
  );
}
