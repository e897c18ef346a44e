import { useState } from 'react';
import { graphql } from '../../gql';
import { authRequest } from '../../auth-request';
import { otherMessages } from '../../errors';
import { navigate } from '../../route';
import { openSession } from '../../session-api';
import { FormMessages, TextField } from '../FormField';
import { useFormSubmit } from '../use-form-submit';

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      ...AuthPayloadFields
    }
  }
`);

/** /reset-password?token=…, opened from the password-reset mail: choose a new password and be signed in. */
export function ResetPasswordPage({ token }: { token: string }) {
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const { submit, busy, errors } = useFormSubmit(async () => {
    const { resetPassword } = await authRequest(ResetPassword, { token, newPassword });
    // Every session ended and a new one began here (the gateway set its refresh cookie).
    openSession(resetPassword);
    setDone(true);
  });

  // A used-up or expired token (`token`) has no field here: it shows with the general message.
  const general = otherMessages(errors, ['newPassword']);
  return (
    <main className="auth">
      <h1>Taskwire</h1>
      {done ? (
        <>
          <p className="hint" role="status">
            Your password was changed and you are signed in. Every other device was signed out.
          </p>
          <button type="button" className="primary" onClick={() => navigate('/', { replace: true })}>
            Continue to Taskwire
          </button>
        </>
      ) : (
        <form onSubmit={submit} aria-label="Choose a new password">
          <h2>Choose a new password</h2>
          {!token && (
            <p className="error" role="alert">
              This link has no token: open the link from the e-mail again.
            </p>
          )}
          <TextField
            label="New password"
            type="password"
            value={newPassword}
            onChange={setNewPassword}
            autoComplete="new-password"
            error={errors.fields.newPassword}
          />
          <FormMessages messages={general} />
          <button type="submit" className="primary" disabled={busy || !token}>
            Set new password
          </button>
        </form>
      )}
    </main>
  );
}
