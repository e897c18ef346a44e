import { useState } from 'react';
import { graphql } from '../../gql';
import { authRequest } from '../../auth-request';
import { otherMessages } from '../../errors';
import { useFormSubmit } from '../use-form-submit';
import { FormMessages, TextField } from '../FormField';

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/**
 * "Forgot password" on the sign-in page: asks for a reset link by e-mail. The answer is the same
 * whether an account exists or not (the server does not tell).
 */
export function ForgotPasswordForm({ initialEmail, onBack }: { initialEmail: string; onBack: () => void }) {
  const [email, setEmail] = useState(initialEmail);
  const [sent, setSent] = useState(false);
  const { submit, busy, errors } = useFormSubmit(async () => {
    await authRequest(RequestPasswordReset, { email });
    setSent(true);
  });

  const general = otherMessages(errors, ['email']);
  return (
    <form onSubmit={submit} aria-label="Reset your password">
      <h2>Reset your password</h2>
      {sent ? (
        <p className="hint" role="status">
          If an account uses {email}, a link to choose a new password is on its way there.
        </p>
      ) : (
        <>
          <TextField
            label="E-mail"
            type="email"
            value={email}
            onChange={setEmail}
            autoComplete="email"
            error={errors.fields.email}
          />
          <FormMessages messages={general} />
          <button type="submit" className="primary" disabled={busy}>
            Send reset link
          </button>
        </>
      )}
      <button type="button" className="link" onClick={onBack}>
        Back to sign in
      </button>
    </form>
  );
}
