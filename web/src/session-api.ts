import { graphql } from './gql';
import { authRequest } from './auth-request';
import { sessionStore } from './session';
import { createSessionRenewal, sessionOf, type AuthPayloadLike } from './session-renewal';

/** What the app keeps of an AuthPayload; the refresh token stays in the gateway's HttpOnly cookie. */
export const AuthPayloadFields = graphql(`
  fragment AuthPayloadFields on AuthPayload {
    token
    expiresAt
    user {
      id
      email
      name
      timeZone
      emailVerified
    }
  }
`);

const RefreshSession = graphql(`
  mutation RefreshSession {
    refreshSession {
      ...AuthPayloadFields
    }
  }
`);

const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** The page's session renewal (started by main.tsx). */
export const sessionRenewal = createSessionRenewal({
  store: sessionStore,
  refresh: async () => (await authRequest(RefreshSession, {})).refreshSession,
});

/** Signed in or up: the page keeps the access token in memory; the gateway has set the refresh cookie. */
export function openSession(payload: AuthPayloadLike): void {
  sessionStore.signIn(sessionOf(payload));
}

/**
 * Ends this device's session on the server (the gateway clears the refresh cookie), then here.
 * Signed out here even when the server cannot be reached.
 */
export async function signOut(): Promise<void> {
  try {
    // With the cookie alone: an access token that just expired would make the gateway refuse the
    // request before signOut runs (docs/sessions.md).
    await authRequest(SignOut, {});
  } catch {
    // Offline: the access token dies on its own within its lifetime; the cookie's session stays
    // listed in Settings → Sessions on another device, where it can be revoked.
  }
  sessionStore.signOut();
}
