import DataLoader from 'dataloader';
import type { RequestContext } from '@taskwire/platform/subgraph-server';
import type { TaskRow } from './modules/task/task.model.js';
import type { TaskServiceDeps } from './modules/task/task.service.js';
import { findTasksForUser } from './modules/task/task.repository.js';

export interface TasksContext extends RequestContext {
  deps: TaskServiceDeps;
  /** The signed-in user's tasks by id (null for missing or others'): one query per batch. */
  taskLoader: DataLoader<string, TaskRow | null>;
}

export function createTasksContext(base: RequestContext, deps: TaskServiceDeps): TasksContext {
  const userId = base.user?.id ?? null;
  const taskLoader = new DataLoader<string, TaskRow | null>(async (ids) => {
    if (!userId) return ids.map(() => null);
    const rows = await findTasksForUser(deps.db, userId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return { ...base, deps, taskLoader };
}
