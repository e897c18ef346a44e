// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProjectFieldsFragment } from '../../gql/graphql';
import type { SessionUser } from '../../session';
import { badInput, renderWithApi, type Call } from '../account/account-test-support';
import { MembersDialog } from './MembersDialog';

afterEach(cleanup);

const user: SessionUser = { id: 'u1', email: 'erika@example.com', name: 'Erika', timeZone: 'UTC', emailVerified: true };
const launch = (role: ProjectFieldsFragment['role']): ProjectFieldsFragment => ({
  id: 'p1',
  name: 'Launch',
  color: '#2563eb',
  isInbox: false,
  role,
  position: 1,
});

const member = (id: string, role: string) => ({
  __typename: 'ProjectMember',
  role,
  joinedAt: '2026-11-30T10:00:00.000Z',
  user: { __typename: 'User', id },
});
const invitation = (email: string, role: string) => ({
  __typename: 'ProjectInvitation',
  email,
  role,
  invitedAt: '2026-12-01T09:00:00.000Z',
});

function sharing(role: string, members: unknown[], invitations: unknown[] = []) {
  return {
    __typename: 'Project',
    ...launch(role as ProjectFieldsFragment['role']),
    members,
    invitations,
  };
}

/** The members' names as the gateway answers while another member's name cannot be read. */
const unreadableNames: FormattedExecutionResult = {
  data: { project: null },
  errors: [{ message: 'Cannot return null for non-nullable field User.name.', path: ['project', 'members', 1] }],
};

function open(role: ProjectFieldsFragment['role'], answer: (call: Call) => FormattedExecutionResult | undefined) {
  const onClose = vi.fn();
  const calls = renderWithApi(<MembersDialog project={launch(role)} user={user} onClose={onClose} />, (call) => {
    const answered = answer(call);
    if (answered) return answered;
    if (call.name === 'MemberNames') return unreadableNames;
    throw new Error(`unexpected ${call.name}`);
  });
  const writes = () => calls.filter((c) => !['ProjectMembers', 'MemberNames'].includes(c.name));
  return { onClose, writes };
}

describe('the members dialog', () => {
  it('lists the members by role, naming an unreadable one "a member"; the owner changes a role and removes a member', async () => {
    let members = [member('u1', 'OWNER'), member('u2', 'EDITOR')];
    const { writes } = open('OWNER', ({ name, variables }) => {
      if (name === 'ProjectMembers') return { data: { project: sharing('OWNER', members) } };
      if (name === 'ChangeMemberRole') {
        members = [member('u1', 'OWNER'), member('u2', variables.role as string)];
        return { data: { changeMemberRole: sharing('OWNER', members) } };
      }
      if (name === 'RemoveMember') {
        members = [member('u1', 'OWNER')];
        return { data: { removeMember: sharing('OWNER', members) } };
      }
      return undefined;
    });
    const other = await screen.findByText('a member');
    const row = other.closest('li')!;
    expect(row.getAttribute('data-user-id')).toBe('u2');
    expect(screen.getByText('Erika').closest('li')!.textContent).toContain('Owner');

    fireEvent.change(within(row).getByRole('combobox', { name: 'Role of a member' }), { target: { value: 'VIEWER' } });
    await waitFor(() => expect(row.getAttribute('data-role')).toBe('VIEWER'));
    fireEvent.click(within(row).getByRole('button', { name: 'Remove a member' }));
    await waitFor(() => expect(screen.queryByText('a member')).toBeNull());
    expect(writes()).toEqual([
      { name: 'ChangeMemberRole', variables: { projectId: 'p1', userId: 'u2', role: 'VIEWER' } },
      { name: 'RemoveMember', variables: { projectId: 'p1', userId: 'u2' } },
    ]);
  });

  it('shares by e-mail with a role: a refused address is shown under the field; an invitation is listed and can be withdrawn', async () => {
    let invitations: unknown[] = [];
    const { writes } = open('OWNER', ({ name, variables }) => {
      if (name === 'ProjectMembers')
        return { data: { project: sharing('OWNER', [member('u1', 'OWNER')], invitations) } };
      if (name === 'ShareProject' && variables.email === 'erika@example.com')
        return badInput('email', 'this is your own address: you own the project already');
      if (name === 'ShareProject') {
        invitations = [invitation(variables.email as string, variables.role as string)];
        return { data: { shareProject: sharing('OWNER', [member('u1', 'OWNER')], invitations) } };
      }
      if (name === 'CancelProjectInvitation') {
        invitations = [];
        return { data: { cancelProjectInvitation: sharing('OWNER', [member('u1', 'OWNER')], []) } };
      }
      return undefined;
    });
    const email = await screen.findByRole('textbox', { name: /E-mail address/ });
    fireEvent.change(email, { target: { value: 'erika@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const message = await screen.findByText('this is your own address: you own the project already');
    expect(message.closest('label')!.textContent).toContain('E-mail address');
    expect(email.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(email, { target: { value: 'ben@example.com' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Role' }), { target: { value: 'VIEWER' } });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await screen.findByText('Invitation sent to ben@example.com.');
    expect(email.getAttribute('aria-invalid')).toBe('false');
    const pending = screen.getByText(/ben@example\.com · Viewer/).closest('li')!;
    fireEvent.click(within(pending).getByRole('button', { name: 'Cancel the invitation of ben@example.com' }));
    await waitFor(() => expect(screen.queryByText(/ben@example\.com · Viewer/)).toBeNull());
    expect(writes()).toEqual([
      { name: 'ShareProject', variables: { projectId: 'p1', email: 'erika@example.com', role: 'EDITOR' } },
      { name: 'ShareProject', variables: { projectId: 'p1', email: 'ben@example.com', role: 'VIEWER' } },
      { name: 'CancelProjectInvitation', variables: { projectId: 'p1', email: 'ben@example.com' } },
    ]);
  });

  it('a member who is not the owner sees the members, cannot manage them, and may leave', async () => {
    const { writes, onClose } = open('EDITOR', ({ name }) => {
      if (name === 'ProjectMembers')
        return { data: { project: sharing('EDITOR', [member('u2', 'OWNER'), member('u1', 'EDITOR')]) } };
      if (name === 'MemberNames')
        return {
          data: {
            project: {
              __typename: 'Project',
              id: 'p1',
              members: [
                { __typename: 'ProjectMember', user: { __typename: 'User', id: 'u2', name: 'Ben' } },
                { __typename: 'ProjectMember', user: { __typename: 'User', id: 'u1', name: 'Erika' } },
              ],
            },
          },
        };
      if (name === 'LeaveProject') return { data: { leaveProject: 'p1' } };
      return undefined;
    });
    await screen.findByText('Ben');
    expect(screen.queryByRole('textbox', { name: /E-mail address/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Leave project' }));
    fireEvent.click(screen.getByRole('button', { name: 'Leave “Launch”' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes()).toEqual([{ name: 'LeaveProject', variables: { projectId: 'p1' } }]);
    expect(window.location.pathname).toBe('/');
  });
});
