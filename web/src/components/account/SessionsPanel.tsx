import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { graphql } from '../../gql';
import { formErrorsOf } from '../../errors';
import { formatDateTime } from '../../format';
import { sessionStore } from '../../session';

const Sessions = graphql(`
  query Sessions {
    sessions {
      id
      current
      createdAt
      lastUsedAt
      userAgent
    }
  }
`);

const RevokeSession = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

const SignOutEverywhere = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

export const signedOutEverywhereMessage = 'You were signed out on every device.';

/** The devices signed in to the account: revoke one, or sign out everywhere (this one included). */
export function SessionsPanel() {
  const { data, loading, error, refetch } = useQuery(Sessions, { fetchPolicy: 'cache-and-network' });
  const [revoke] = useMutation(RevokeSession);
  const [signOutEverywhere, { loading: signingOut }] = useMutation(SignOutEverywhere);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();

  async function onRevoke(sessionId: string) {
    setMessage(null);
    try {
      await revoke({ variables: { id: sessionId } });
      await refetch();
    } catch (e) {
      setMessage(formErrorsOf(e).general);
    }
  }
  async function onSignOutEverywhere() {
    setMessage(null);
    try {
      await signOutEverywhere();
      sessionStore.signOut(signedOutEverywhereMessage);
    } catch (e) {
      setMessage(formErrorsOf(e).general);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sessions</h2>
      {loading && !data && <p className="hint">Loading…</p>}
      {error && !data && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <ul className="sessions">
        {data?.sessions.map((s) => (
          <li key={s.id} className="session" data-session-id={s.id} data-current={s.current}>
            <div>
              <strong>{s.userAgent ?? 'Unknown device'}</strong>
              {s.current && <span className="badge"> This device</span>}
              <div className="hint">
                Signed in {formatDateTime(s.createdAt)} · last used {formatDateTime(s.lastUsedAt)}
              </div>
            </div>
            {!s.current && (
              <button
                type="button"
                onClick={() => void onRevoke(s.id)}
                aria-label={`Sign out ${s.userAgent ?? 'unknown device'} (signed in ${formatDateTime(s.createdAt)})`}
              >
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <button type="button" className="danger" disabled={signingOut} onClick={() => void onSignOutEverywhere()}>
        Sign out everywhere
      </button>
    </section>
  );
}
