import { useSyncExternalStore } from 'react';

/**
 * The page's location, for the few pages the app has: the task list (/), Settings (/settings)
 * and the pages the account mails link to (/reset-password, /verify-email). The gateway serves
 * index.html for every such path (gateway/src/static-files.ts).
 */
export interface Route {
  path: string;
  params: URLSearchParams;
}

const listeners = new Set<() => void>();
let current: { href: string; route: Route } | null = null;

function read(): Route {
  const href = window.location.href;
  if (current?.href !== href) {
    current = { href, route: { path: window.location.pathname, params: new URLSearchParams(window.location.search) } };
  }
  return current.route;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, read);
}

/** Goes to `path` within the app (a history entry; the back button returns). */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}
