import { useEffect, useRef, useState } from 'react';
import { graphql } from '../../gql';
import { authRequest } from '../../auth-request';
import { formErrorsOf } from '../../errors';
import { navigate } from '../../route';
import { sessionStore } from '../../session';

const VerifyEmail = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`);

/** /verify-email?token=…, opened from the verification mail: verifies the address on arrival. */
export function VerifyEmailPage({ token }: { token: string }) {
  const [state, setState] = useState<{ status: 'verifying' | 'verified' | 'failed'; message?: string }>({
    status: token ? 'verifying' : 'failed',
    message: token ? undefined : 'This link has no token: open the link from the e-mail again.',
  });
  const sent = useRef(false);

  useEffect(() => {
    // Once, even under StrictMode's double effects: a token is single-use.
    if (!token || sent.current) return;
    sent.current = true;
    authRequest(VerifyEmail, { token }).then(
      () => {
        sessionStore.updateUser({ emailVerified: true });
        setState({ status: 'verified' });
      },
      (error: unknown) => {
        // The form has no field: a message about the token (used up, expired) is the message.
        const { fields, general } = formErrorsOf(error);
        const messages = [...Object.values(fields), ...(general ? [general] : [])];
        setState({ status: 'failed', message: messages.join(' ') || 'Verification failed.' });
      },
    );
  }, [token]);

  return (
    <main className="auth">
      <h1>Taskwire</h1>
      {state.status === 'verifying' && <p className="hint">Verifying your e-mail address…</p>}
      {state.status === 'verified' && (
        <p className="hint" role="status">
          Your e-mail address is verified.
        </p>
      )}
      {state.status === 'failed' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state.status !== 'verifying' && (
        <button type="button" className="primary" onClick={() => navigate('/', { replace: true })}>
          Continue to Taskwire
        </button>
      )}
    </main>
  );
}
