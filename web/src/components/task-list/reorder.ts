import { isReference, type ApolloCache } from '@apollo/client';
import type { TaskFilter, TaskSort } from '../../gql/graphql';

/**
 * Moving a task within its project's manual order (`reorderTask`): the neighbours to send for
 * a move in the list on screen, and the same move applied to the cached lists, so the list
 * shows the new order before the server has answered (and again, from the answer, after).
 */

/** The `reorderTask` arguments of a move: the task now above it and the one now below it. */
export interface Neighbours {
  afterId?: string;
  beforeId?: string;
}

/**
 * The order after dropping `taskId` where `overId` is (dnd-kit's sortable preset: the task
 * takes the place of the one it is over, the ones between shift by one); null when either is
 * not in the order or the task stays where it was.
 */
export function movedOrder(order: readonly string[], taskId: string, overId: string): string[] | null {
  const from = order.indexOf(taskId);
  const to = order.indexOf(overId);
  if (from < 0 || to < 0 || from === to) return null;
  const moved = order.filter((id) => id !== taskId);
  moved.splice(to, 0, taskId);
  return moved;
}

/**
 * What to send for that move: `afterId` the task now above it and `beforeId` the one now below
 * it, only one of them at either end of the list; null when nothing moves. A list that is one
 * page of a longer one is right too: at its end, "right after the last task shown" is where
 * the task was dropped.
 */
export function neighboursOf(order: readonly string[], taskId: string, overId: string): Neighbours | null {
  const moved = movedOrder(order, taskId, overId);
  if (!moved) return null;
  const at = moved.indexOf(taskId);
  const afterId = moved[at - 1];
  const beforeId = moved[at + 1];
  return { ...(afterId ? { afterId } : {}), ...(beforeId ? { beforeId } : {}) };
}

/** A move to apply to the cache: the task, its project, and its new neighbours. */
export interface TaskMove extends Neighbours {
  taskId: string;
  projectId: string;
}

/** The arguments of a cached `tasks` list, from its store field name (`tasks:{"filter":…,"sort":…}`). */
function listArgsOf(storeFieldName: string): { filter?: TaskFilter | null; sort?: TaskSort | null } | null {
  const colon = storeFieldName.indexOf(':');
  if (colon < 0) return null;
  try {
    return JSON.parse(storeFieldName.slice(colon + 1)) as { filter?: TaskFilter | null; sort?: TaskSort | null };
  } catch {
    return null;
  }
}

/** A list of the project's tasks alone in its manual order: the lists a move reorders here. */
function isManualOrderOf(storeFieldName: string, projectId: string): boolean {
  const args = listArgsOf(storeFieldName);
  const projectIds = args?.filter?.projectIds;
  return (
    args?.sort?.field === 'POSITION' &&
    (args.sort.direction ?? 'ASC') === 'ASC' &&
    projectIds?.length === 1 &&
    projectIds[0] === projectId
  );
}

type CachedEdge = { node?: unknown };

/** The edges with the task's edge placed after `afterId` (or before `beforeId`); null when it cannot be. */
export function placeEdge<E extends CachedEdge>(
  edges: readonly E[],
  refOf: (taskId: string) => string | undefined,
  move: Neighbours & { taskId: string },
): E[] | null {
  const indexOf = (list: readonly E[], taskId: string | undefined) => {
    const ref = taskId ? refOf(taskId) : undefined;
    return ref ? list.findIndex((edge) => isReference(edge.node) && edge.node.__ref === ref) : -1;
  };
  const from = indexOf(edges, move.taskId);
  if (from < 0) return null;
  const edge = edges[from]!;
  const rest = edges.filter((_, i) => i !== from);
  const after = indexOf(rest, move.afterId);
  const before = indexOf(rest, move.beforeId);
  const at = after >= 0 ? after + 1 : before;
  if (at < 0) return null;
  return [...rest.slice(0, at), edge, ...rest.slice(at)];
}

/**
 * Applies a move to the cached lists of the project's tasks in manual order (the move's
 * `update`: in the optimistic layer first, which Apollo drops when the mutation fails, then
 * with the answer). Other lists keep their order: those of several projects are fetched again
 * on the change's `task.updated` (web/src/live-changes.ts). Applying a move twice changes
 * nothing the second time.
 */
export function placeInLists(cache: ApolloCache, move: TaskMove): void {
  const refOf = (taskId: string) => cache.identify({ __typename: 'Task', id: taskId });
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      tasks(existing: unknown, { storeFieldName }) {
        const connection = existing as { edges?: CachedEdge[] } | undefined;
        if (!connection?.edges || !isManualOrderOf(storeFieldName, move.projectId)) return existing;
        const edges = placeEdge(connection.edges, refOf, move);
        return edges ? { ...connection, edges } : existing;
      },
    },
  });
}
