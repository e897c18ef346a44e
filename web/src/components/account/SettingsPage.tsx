import type { SessionUser } from '../../session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DeleteAccountForm } from './DeleteAccountForm';
import { SessionsPanel } from './SessionsPanel';

/** /settings: the account's e-mail, sessions, password and deletion. */
export function SettingsPage({ user }: { user: SessionUser }) {
  return (
    <div className="settings">
      <h2>Settings</h2>
      <p>
        {user.email} · {user.emailVerified ? 'verified' : 'not verified yet'}
      </p>
      <SessionsPanel />
      <ChangePasswordForm />
      <DeleteAccountForm />
    </div>
  );
}
