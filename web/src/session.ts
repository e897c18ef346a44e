/**
 * The signed-in session (token + user), kept in localStorage so a reload stays signed in.
 * A tiny external store: React reads it with useSyncExternalStore, the Apollo links read it
 * directly on every request.
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  timeZone: string;
}

export interface Session {
  token: string;
  user: SessionUser;
}

export interface SessionState {
  session: Session | null;
  /** Why the user was sent back to sign-in (shown there), e.g. an expired token. */
  notice: string | null;
}

const storageKey = 'taskwire.session';
export const sessionExpiredMessage = 'Your session expired — please sign in again';

function load(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    return typeof parsed?.token === 'string' && parsed.user ? parsed : null;
  } catch {
    return null;
  }
}

let state: SessionState = { session: load(), notice: null };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  try {
    if (next.session) globalThis.localStorage?.setItem(storageKey, JSON.stringify(next.session));
    else globalThis.localStorage?.removeItem(storageKey);
  } catch {
    // Private mode without storage: the session lives for this page only.
  }
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get: (): SessionState => state,
  token: (): string | null => state.session?.token ?? null,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(session: Session): void {
    set({ session, notice: null });
  },
  signOut(notice: string | null = null): void {
    set({ session: null, notice });
  },
  /** The server refused the token (UNAUTHENTICATED): back to sign-in with a message. */
  expire(): void {
    if (state.session) set({ session: null, notice: sessionExpiredMessage });
  },
};
