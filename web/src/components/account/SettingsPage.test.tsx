// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../../session';
import { badInput, renderWithApi, signedIn } from './account-test-support';
import { ChangePasswordForm } from './ChangePasswordForm';
import { accountDeletedMessage, DeleteAccountForm } from './DeleteAccountForm';
import { SessionsPanel, signedOutEverywhereMessage } from './SessionsPanel';

afterEach(cleanup);

const session = (id: string, current: boolean, userAgent: string) => ({
  __typename: 'Session',
  id,
  current,
  createdAt: '2026-11-30T08:00:00.000Z',
  lastUsedAt: '2026-11-30T09:00:00.000Z',
  userAgent,
});

describe('SessionsPanel', () => {
  it('lists the sessions, revokes another device and lists again; this device has no revoke button', async () => {
    let listed = [session('s1', true, 'Chrome on Linux'), session('s2', false, 'Firefox on Android')];
    const calls = renderWithApi(<SessionsPanel />, (call) => {
      if (call.name === 'RevokeSession') {
        listed = listed.filter((s) => s.id !== call.variables.id);
        return { data: { revokeSession: true } };
      }
      return { data: { sessions: listed } };
    });
    await screen.findByText('Firefox on Android');
    expect(screen.getAllByRole('button', { name: /^Sign out .*signed in/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /^Sign out Firefox on Android/ }));
    await waitFor(() => expect(screen.queryByText('Firefox on Android')).toBeNull());
    expect(calls.filter((c) => c.name === 'RevokeSession')).toEqual([
      { name: 'RevokeSession', variables: { id: 's2' } },
    ]);
    expect(screen.getByText('Chrome on Linux')).toBeTruthy();
  });

  it('signs out everywhere and back to sign-in with a message', async () => {
    signedIn();
    const calls = renderWithApi(<SessionsPanel />, (call) =>
      call.name === 'SignOutEverywhere' ? { data: { signOutEverywhere: true } } : { data: { sessions: [] } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(sessionStore.get().status).toBe('signedOut'));
    expect(sessionStore.get().notice).toBe(signedOutEverywhereMessage);
    expect(calls.map((c) => c.name)).toContain('SignOutEverywhere');
  });
});

describe('ChangePasswordForm', () => {
  it('shows the server message next to the field it names, then confirms a change', async () => {
    let attempt = 0;
    const calls = renderWithApi(<ChangePasswordForm />, () =>
      ++attempt === 1
        ? badInput('currentPassword', 'The current password is wrong')
        : { data: { changePassword: true } },
    );
    fireEvent.change(screen.getByLabelText(/^Current password/), { target: { value: 'old-password-1' } });
    fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: 'New-password-42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('The current password is wrong');
    expect(screen.getByLabelText(/^Current password/).getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('Password changed.');
    expect(calls[1]).toEqual({
      name: 'ChangePassword',
      variables: { currentPassword: 'old-password-1', newPassword: 'New-password-42' },
    });
  });
});

describe('DeleteAccountForm', () => {
  it('asks for the password before deleting; a wrong one deletes nothing; then signs out with a message', async () => {
    signedIn();
    let attempt = 0;
    const calls = renderWithApi(<DeleteAccountForm />, () =>
      ++attempt === 1 ? badInput('password', 'The password is wrong') : { data: { deleteAccount: true } },
    );
    expect(screen.queryByRole('button', { name: 'Delete my account permanently' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete account…' }));
    screen.getByText(/cannot be undone/);
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account permanently' }));
    await screen.findByText('The password is wrong');
    expect(sessionStore.get().status).toBe('signedIn');
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'right-password-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account permanently' }));
    await waitFor(() => expect(sessionStore.get().status).toBe('signedOut'));
    expect(sessionStore.get().notice).toBe(accountDeletedMessage);
    expect(calls.map((c) => c.variables)).toEqual([{ password: 'wrong' }, { password: 'right-password-1' }]);
  });
});
