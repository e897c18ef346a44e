import { isReference, type ApolloCache } from '@apollo/client';
import { graphql } from './gql';
import {
  TaskItemFieldsFragmentDoc,
  type TaskChangeType,
  type TaskFilter,
  type TaskItemFieldsFragment,
} from './gql/graphql';

/**
 * Applying `projectChanges` to the Apollo cache, apart from the subscription (LiveChanges.tsx)
 * so it can be tested on a cache alone. A change does what the cache can do by itself (write
 * the task, which every list shows by reference; drop a deleted one from the lists) and answers
 * what only the server can tell (`FollowUp`): which lists and counts to fetch again. Refetching
 * rather than guessing where a new task goes keeps every filter, search and sort right.
 */

/** Where a task was before the change: read to tell which project a moved task left. */
const TaskPlacement = graphql(`
  fragment TaskPlacement on Task {
    id
    project {
      id
    }
  }
`);

/** The part of a `TaskChange` the cache needs. */
export interface LiveTaskChange {
  type: TaskChangeType;
  taskId: string;
  /** After the change (before it, for DELETED). */
  projectId: string;
  /** The task now; null once deleted or moved out of the subscriber's projects. */
  task: TaskItemFieldsFragment | null;
}

/** What a change leaves to fetch. */
export interface FollowUp {
  /** The task lists on screen: a task may have entered or left one. */
  lists: boolean;
  /** Projects whose open-task count changed; 'all' when one of them is unknown. */
  counts: ReadonlySet<string> | 'all';
  /** The project list: a change in a project it lacks (the user has just joined it). */
  projects: boolean;
}

export const nothingToFetch: FollowUp = { lists: false, counts: new Set(), projects: false };
/** After missed changes (a reconnect): everything shown may be stale. */
export const everythingToFetch: FollowUp = { lists: true, counts: 'all', projects: true };

export function mergeFollowUps(a: FollowUp, b: FollowUp): FollowUp {
  return {
    lists: a.lists || b.lists,
    counts: a.counts === 'all' || b.counts === 'all' ? 'all' : new Set([...a.counts, ...b.counts]),
    projects: a.projects || b.projects,
  };
}

export const isNothing = (f: FollowUp): boolean => !f.lists && !f.projects && f.counts !== 'all' && f.counts.size === 0;

/**
 * The filter of a cached `tasks` list, from its store field name (`tasks:{"filter":…,"sort":…}`,
 * the key relayStylePagination(['filter', 'sort']) writes); undefined when it cannot be read.
 */
export function listFilterOf(storeFieldName: string): TaskFilter | null | undefined {
  const colon = storeFieldName.indexOf(':');
  if (colon < 0) return undefined;
  try {
    const args = JSON.parse(storeFieldName.slice(colon + 1)) as { filter?: TaskFilter | null } | null;
    return args?.filter ?? null;
  } catch {
    return undefined;
  }
}

/**
 * Removes a task from the cached `tasks` lists, one less in each list's `totalCount` (evicting
 * alone would leave the counts as they were): from every list, or only from those whose
 * filter (see listFilterOf) `excludes` it.
 */
export function removeTaskFromLists(
  cache: ApolloCache,
  taskId: string,
  excludes: (filter: TaskFilter | null | undefined) => boolean = () => true,
): void {
  const ref = cache.identify({ __typename: 'Task', id: taskId });
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      tasks(existing: unknown, { storeFieldName }) {
        const connection = existing as { edges?: Array<{ node?: unknown }>; totalCount?: unknown } | undefined;
        if (!connection?.edges || !excludes(listFilterOf(storeFieldName))) return existing;
        const edges = connection.edges.filter((edge) => !(isReference(edge.node) && edge.node.__ref === ref));
        const removed = connection.edges.length - edges.length;
        if (removed === 0) return existing;
        const totalCount =
          typeof connection.totalCount === 'number'
            ? Math.max(0, connection.totalCount - removed)
            : connection.totalCount;
        return { ...connection, edges, totalCount };
      },
    },
  });
}

/**
 * Applies one change to the cache and answers what is left to fetch. `knownProjectIds` are the
 * projects the app lists (null when it has not loaded them).
 *
 * - CREATED: the task is written; lists are fetched again (where it belongs depends on the
 *   filter, search and sort of each), and its project's count.
 * - UPDATED: the task is written (every list shows it changed at once); lists are fetched again,
 *   as a change of assignee, priority, due time or title may move it into or out of one.
 * - COMPLETED: written (a list shows it crossed out where it was, as after the user's own
 *   click); its project's count.
 * - REOPENED: written; lists (an open-task list may lack it) and its project's count.
 * - DELETED: dropped from every list and evicted; its project's count.
 * - MOVED: written and dropped from the lists of other projects (or from every list, when it
 *   left the user's projects); lists, and the counts of both projects (every count when the
 *   one it left is not known: the user's own move has already written the new project).
 *
 * The project list is fetched again when a visible task is in a project it lacks (the user has
 * just joined it).
 */
export function applyTaskChange(
  cache: ApolloCache,
  change: LiveTaskChange,
  knownProjectIds: ReadonlySet<string> | null,
): FollowUp {
  const id = cache.identify({ __typename: 'Task', id: change.taskId });
  const before = id ? cache.readFragment({ id, fragment: TaskPlacement, fragmentName: 'TaskPlacement' }) : null;

  if (change.type === 'DELETED' || !change.task) {
    removeTaskFromLists(cache, change.taskId);
    if (id) cache.evict({ id });
    cache.gc();
  } else {
    cache.writeFragment({ id, fragment: TaskItemFieldsFragmentDoc, fragmentName: 'TaskItemFields', data: change.task });
    // A moved task leaves the lists of other projects at once; the refetch adds it where it went.
    if (change.type === 'MOVED')
      removeTaskFromLists(
        cache,
        change.taskId,
        (filter) => !!filter?.projectIds?.length && !filter.projectIds.includes(change.projectId),
      );
  }

  const projects = !!change.task && knownProjectIds !== null && !knownProjectIds.has(change.projectId);
  const own = new Set([change.projectId]);
  switch (change.type) {
    case 'CREATED':
    case 'REOPENED':
      return { lists: true, counts: own, projects };
    case 'UPDATED':
      return { lists: true, counts: new Set(), projects };
    case 'COMPLETED':
    case 'DELETED':
      return { lists: false, counts: own, projects };
    case 'MOVED': {
      const left = before?.project.id;
      return {
        lists: true,
        counts: left && left !== change.projectId ? new Set([left, change.projectId]) : 'all',
        projects,
      };
    }
    default:
      // A kind of change this app does not know yet (docs/api.md: treat it as "other").
      return { lists: true, counts: 'all', projects };
  }
}

/** Takes follow-ups as changes arrive, and runs them (createFollowUpRunner). */
export interface FollowUpRunner {
  add(followUp: FollowUp): void;
  dispose(): void;
}

/**
 * Runs follow-ups one at a time: those arriving within `delayMs` (a burst, e.g. a project
 * deleted task by task) or while one runs are merged into the next run, so a burst costs a
 * few requests, not one per change. A failed run is dropped: the next change fetches again.
 */
export function createFollowUpRunner(
  run: (followUp: FollowUp) => Promise<unknown>,
  { delayMs = 10 }: { delayMs?: number } = {},
): FollowUpRunner {
  let pending: FollowUp | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let disposed = false;

  const schedule = () => {
    if (!timer && !running && !disposed) timer = setTimeout(() => void flush(), delayMs);
  };
  async function flush() {
    timer = null;
    if (!pending || disposed) return;
    const next = pending;
    pending = null;
    running = true;
    try {
      await run(next);
    } catch {
      // Best effort, like the subscription itself.
    } finally {
      running = false;
      if (pending) schedule();
    }
  }

  return {
    add(followUp) {
      if (disposed || isNothing(followUp)) return;
      pending = pending ? mergeFollowUps(pending, followUp) : followUp;
      schedule();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
