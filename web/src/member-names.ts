import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useSyncExternalStore } from 'react';
import { MemberNamesQuery } from './components/projects/project-documents';

/** Names by user id. */
export type MemberNames = ReadonlyMap<string, string>;

const noNames: MemberNames = new Map();

/** What a member is called where their name is unknown (not loaded yet, or not readable). */
export const unknownMemberName = 'a member';

/**
 * The names of the members of projects, loaded per project and kept while the app runs. A
 * name comes from the accounts service, which may not answer it (an account that is not
 * readable, or a moment after someone joined); then it is simply missing and the app shows
 * `unknownMemberName`, never an error.
 */
export interface MemberNamesStore {
  /** The names known of the project's members (empty until loaded). */
  names(projectId: string): MemberNames;
  /**
   * Loads the project's names unless loaded or loading. While one of the ids wanted so far (by
   * any caller) is missing (e.g. someone who just joined, whom accounts learns of from an
   * event), loads them again a few times, `retryAfterMs` after the last load and doubling
   * (`maxRetries` in a row, counted afresh when an id is wanted for the first time).
   */
  want(projectId: string, userIds?: readonly string[]): void;
  /** Loads the project's names again (its members changed). */
  refresh(projectId: string): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

interface Entry {
  /** Replaced, never changed in place: a snapshot for useSyncExternalStore. */
  names: MemberNames;
  loading: boolean;
  loadedAtMs: number;
  /** Every id wanted so far, and the retries made since one was last added or all were there. */
  wanted: Set<string>;
  retries: number;
  retry: ReturnType<typeof setTimeout> | null;
}

export function createMemberNamesStore(
  load: (projectId: string) => Promise<MemberNames | null>,
  {
    retryAfterMs = 1_000,
    maxRetries = 4,
    now = () => Date.now(),
  }: { retryAfterMs?: number; maxRetries?: number; now?: () => number } = {},
): MemberNamesStore {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let disposed = false;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const missing = (entry: Entry) => [...entry.wanted].some((id) => !entry.names.has(id));

  function entryOf(projectId: string): Entry {
    let entry = entries.get(projectId);
    if (!entry) {
      entry = { names: noNames, loading: false, loadedAtMs: 0, wanted: new Set(), retries: 0, retry: null };
      entries.set(projectId, entry);
    }
    return entry;
  }

  function fetchNames(projectId: string) {
    const entry = entryOf(projectId);
    if (entry.loading || disposed) return;
    entry.loading = true;
    const settle = (names: MemberNames | null) => {
      if (disposed) return;
      entry.loading = false;
      entry.loadedAtMs = now();
      if (names) entry.names = names;
      notify();
      if (missing(entry)) retryLater(projectId, entry);
      else entry.retries = 0;
    };
    load(projectId).then(settle, () => settle(null));
  }

  function retryLater(projectId: string, entry: Entry) {
    if (entry.loading || entry.retry || entry.retries >= maxRetries || disposed) return;
    const waitMs = Math.max(0, entry.loadedAtMs + retryAfterMs * 2 ** entry.retries - now());
    entry.retries += 1;
    entry.retry = setTimeout(() => {
      entry.retry = null;
      fetchNames(projectId);
    }, waitMs);
  }

  return {
    names: (projectId) => entries.get(projectId)?.names ?? noNames,
    want(projectId, userIds = []) {
      const known = entries.has(projectId);
      const entry = entryOf(projectId);
      const added = userIds.filter((id) => !entry.wanted.has(id));
      for (const id of added) entry.wanted.add(id);
      if (!known) return fetchNames(projectId);
      if (!missing(entry)) {
        entry.retries = 0;
        return;
      }
      // Someone not wanted before (e.g. who just joined): retry afresh.
      if (added.length > 0) entry.retries = 0;
      retryLater(projectId, entry);
    },
    refresh: fetchNames,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      for (const entry of entries.values()) if (entry.retry) clearTimeout(entry.retry);
      listeners.clear();
    },
  };
}

/** A user's name as shown: the signed-in user's own, a member's if known, else `unknownMemberName`. */
export function personName(
  userId: string,
  { me, names }: { me: { id: string; name: string }; names: MemberNames },
): string {
  if (userId === me.id) return me.name;
  return names.get(userId) ?? unknownMemberName;
}

const stores = new WeakMap<ApolloClient, MemberNamesStore>();

/** The client's store: names are asked with errorPolicy 'all' and never cached (see MemberNamesQuery). */
export function memberNamesOf(client: ApolloClient): MemberNamesStore {
  let store = stores.get(client);
  if (!store) {
    store = createMemberNamesStore(async (projectId) => {
      const { data } = await client.query({
        query: MemberNamesQuery,
        variables: { id: projectId },
        fetchPolicy: 'no-cache',
        errorPolicy: 'all',
      });
      if (!data?.project) return null;
      return new Map(data.project.members.flatMap((m) => (m.user?.name ? [[m.user.id, m.user.name] as const] : [])));
    });
    stores.set(client, store);
  }
  return store;
}

/** The names of a project's members (loading them on first use), re-rendering when they arrive. */
export function useMemberNames(projectId: string | null | undefined, userIds: readonly string[] = []): MemberNames {
  const store = memberNamesOf(useApolloClient());
  const names = useSyncExternalStore(store.subscribe, () => (projectId ? store.names(projectId) : noNames));
  const wanted = userIds.join(' ');
  useEffect(() => {
    if (projectId) store.want(projectId, wanted ? wanted.split(' ') : []);
  }, [store, projectId, wanted]);
  return names;
}
