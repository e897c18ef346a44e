import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { graphql } from '../../gql';
import { otherMessages } from '../../errors';
import { FormMessages, TextField } from '../FormField';
import { useFormSubmit } from '../use-form-submit';

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** Changes the password (the current one confirms it is the account holder). */
export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const [changePassword] = useMutation(ChangePassword);
  const id = useId();
  const { submit, busy, errors } = useFormSubmit(async () => {
    setDone(false);
    await changePassword({ variables: { currentPassword, newPassword } });
    setCurrentPassword('');
    setNewPassword('');
    setDone(true);
  });

  const general = otherMessages(errors, ['currentPassword', 'newPassword']);
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Password</h2>
      <form onSubmit={submit}>
        <TextField
          label="Current password"
          type="password"
          value={currentPassword}
          onChange={setCurrentPassword}
          autoComplete="current-password"
          error={errors.fields.currentPassword}
        />
        <TextField
          label="New password"
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          error={errors.fields.newPassword}
        />
        <FormMessages messages={general} />
        {done && (
          <p className="hint" role="status">
            Password changed.
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
