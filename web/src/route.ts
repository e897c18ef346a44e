import { useSyncExternalStore } from 'react';

/**
 * The page's location, for the few pages the app has: the task list (/ every task, /assigned the
 * ones assigned to the user, /projects/<id> one project's), Settings (/settings) and the pages
 * the account mails link to (/reset-password, /verify-email). The gateway serves index.html for
 * every path without a file extension (gateway/src/static-files.ts), so each is a link that
 * survives a reload.
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

/** Which tasks the list shows: every task, the ones assigned to the user, or one project's. */
export type TaskView = { kind: 'all' } | { kind: 'assigned' } | { kind: 'project'; projectId: string };

const projectPath = /^\/projects\/([^/]+)\/?$/;

/** The view of a task-list path; any path that is not a view shows every task. */
export function taskViewOf(path: string): TaskView {
  if (path === '/assigned' || path === '/assigned/') return { kind: 'assigned' };
  const project = projectPath.exec(path);
  if (project) {
    try {
      return { kind: 'project', projectId: decodeURIComponent(project[1]!) };
    } catch {
      // Malformed percent-encoding: no project has that id.
    }
  }
  return { kind: 'all' };
}

/** The path of a view (taskViewOf's inverse). */
export function taskViewPath(view: TaskView): string {
  if (view.kind === 'assigned') return '/assigned';
  if (view.kind === 'project') return `/projects/${encodeURIComponent(view.projectId)}`;
  return '/';
}

export const sameTaskView = (a: TaskView, b: TaskView): boolean => taskViewPath(a) === taskViewPath(b);

/** The sort fields and directions a list URL may name (`sort=DUE_AT:ASC`). */
const sortPattern = /^(CREATED_AT|DUE_AT|POSITION|PRIORITY|TITLE|UPDATED_AT):(ASC|DESC)$/;

/**
 * What a task-list URL holds: the view (its path), the filter-language query (`q`) and the sort
 * (`sort=FIELD:DIRECTION`, absent for the list's default order). Reloading the URL, or opening
 * it in another tab, shows the same list.
 */
export interface TaskListLocation {
  view: TaskView;
  query: string;
  /** `FIELD:DIRECTION`, e.g. `DUE_AT:ASC`; null for the default order. */
  sort: `${string}:${'ASC' | 'DESC'}` | null;
}

/** The list a path and query string show; an unknown sort is the default order. */
export function taskListOf(path: string, params: URLSearchParams): TaskListLocation {
  const sort = params.get('sort')?.toUpperCase() ?? '';
  return {
    view: taskViewOf(path),
    query: params.get('q') ?? '',
    sort: sortPattern.test(sort) ? (sort as TaskListLocation['sort']) : null,
  };
}

/** The URL (path and query string) of a list (taskListOf's inverse); only what is set. */
export function taskListHref({ view, query, sort }: TaskListLocation): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (sort) params.set('sort', sort);
  const search = params.toString();
  return search ? `${taskViewPath(view)}?${search}` : taskViewPath(view);
}

export const sameTaskList = (a: TaskListLocation, b: TaskListLocation): boolean => taskListHref(a) === taskListHref(b);
