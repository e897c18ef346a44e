import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { formErrorsOf, noErrors, otherMessages, type FormErrors } from '../../errors';
import { FieldError } from '../FieldError';

const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** Changes the password (the current one confirms it is the account holder). */
export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState(false);
  const [changePassword, { loading }] = useMutation(ChangePassword);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors(noErrors);
    setDone(false);
    try {
      await changePassword({ variables: { currentPassword, newPassword } });
      setCurrentPassword('');
      setNewPassword('');
      setDone(true);
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
  }

  const general = otherMessages(errors, ['currentPassword', 'newPassword']);
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Password</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Current password
          <input
            type="password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            required
            autoComplete="current-password"
            aria-invalid={!!errors.fields.currentPassword}
          />
          <FieldError message={errors.fields.currentPassword} />
        </label>
        <label>
          New password
          <input
            type="password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            required
            autoComplete="new-password"
            aria-invalid={!!errors.fields.newPassword}
          />
          <FieldError message={errors.fields.newPassword} />
        </label>
        {general.length > 0 && (
          <p className="error" role="alert">
            {general.join(' ')}
          </p>
        )}
        {done && (
          <p className="hint" role="status">
            Password changed.
          </p>
        )}
        <button type="submit" className="primary" disabled={loading}>
          Change password
        </button>
      </form>
    </section>
  );
}
