/**
 * The signed-in session (access token + user), kept in memory only: page scripts never find a
 * token in localStorage, sessionStorage or document.cookie. A reload restores the session with
 * `refreshSession`, which the gateway answers from its HttpOnly refresh cookie
 * (see session-renewal.ts). A tiny external store: React reads it with useSyncExternalStore,
 * the Apollo links read it on every request.
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  /** False until the user opened the link of the verification mail. */
  emailVerified: boolean;
}

export interface Session {
  token: string;
  /** When the access token stops being accepted, on this page's clock (ms since the epoch). */
  expiresAtMs: number;
  user: SessionUser;
}

export interface SessionState {
  /** `restoring` while a reload asks the server whether the refresh cookie still holds a session. */
  status: 'restoring' | 'signedIn' | 'signedOut';
  session: Session | null;
  /** Why the user was sent back to sign-in (shown there), e.g. a session that could not be renewed. */
  notice: string | null;
}

export const sessionExpiredMessage = 'Your session expired — please sign in again';

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore(initial: SessionState = { status: 'restoring', session: null, notice: null }) {
  let state = initial;
  const listeners = new Set<() => void>();
  function set(next: SessionState): void {
    state = next;
    for (const listener of listeners) listener();
  }
  return {
    get: (): SessionState => state,
    token: (): string | null => state.session?.token ?? null,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A new session (sign-in, sign-up, restored after a reload) or a renewed token for the same one. */
    signIn(session: Session): void {
      set({ status: 'signedIn', session, notice: null });
    },
    /** The user's profile changed (e.g. a verified or changed e-mail address); the token stays. */
    updateUser(user: Partial<SessionUser>): void {
      if (state.session) set({ ...state, session: { ...state.session, user: { ...state.session.user, ...user } } });
    },
    signOut(notice: string | null = null): void {
      set({ status: 'signedOut', session: null, notice });
    },
    /** The session could not be renewed (revoked, signed out elsewhere): back to sign-in with a message. */
    expire(): void {
      if (state.session) set({ status: 'signedOut', session: null, notice: sessionExpiredMessage });
    },
  };
}

/** The page's session. */
export const sessionStore = createSessionStore();
