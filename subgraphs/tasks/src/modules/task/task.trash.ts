import { readPageRequest, toPage, type PagingArgs } from '@taskwire/platform/paging';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { badUserInput } from '@taskwire/platform/errors';
import { enqueueEvents } from '@taskwire/platform/outbox';
import type { EventOrigin, NewEvent } from '@taskwire/platform/events';
import type { TaskConnectionModel, TaskRow } from './task.model.js';
import {
  deleteTasksWithTags,
  countTrash,
  listTrash,
  lockDescendants,
  lockTrashedTaskForUser,
  lockTrashToPurge,
  updateTaskRow,
} from './task.repository.js';
import { decodeCursor, encodeCursor } from './task.cursor.js';
import { taskPurgedEvent, taskRestoredEvent, taskTrashedEvent } from './task.events.js';
import { requireTaskEditor, taskForWrite, tasksSchema, type TaskServiceDeps } from './task.service.js';
import { taskPageSizes } from './task.validation.js';

/** How long a task stays in the Trash before the purge job deletes it for good. */
export const trashRetentionDays = 30;

/**
 * Moves the task to the Trash (`deleteTask`): it leaves every list, search and count, keeps its
 * tags, position and history, and its subtasks that are not in the Trash already go with it
 * (`trashed_with` names it): one `task.trashed` each. Planning pauses their reminders.
 * @returns the task's id. A missing or foreign id is NOT_FOUND, a VIEWER's FORBIDDEN.
 */
export async function deleteTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  origin: EventOrigin,
): Promise<string> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await taskForWrite(trx, userId, id);
    const at = deps.now();
    const trashed = await updateTaskRow(trx, before.id, { trashed_at: at, trashed_with: null, updated_at: at });
    await deps.afterWrite?.(trx, 'delete', trashed);
    const events = [taskTrashedEvent(trashed, origin)];
    for (const below of await lockDescendants(trx, before.id)) {
      if (below.trashed_at) continue; // trashed on its own before: it stays an item of its own
      const along = await updateTaskRow(trx, below.id, { trashed_at: at, trashed_with: before.id, updated_at: at });
      events.push(taskTrashedEvent(along, origin));
    }
    await enqueueEvents(trx, tasksSchema, events);
    return before.id;
  });
}

/**
 * Takes a task out of the Trash as it was, with the subtasks that went there with it (one
 * `task.restored` each; planning resumes their reminders that still lie ahead). A task that is
 * not in the Trash is returned unchanged.
 * @throws NOT_FOUND when the user is not a member of its project, FORBIDDEN for a VIEWER,
 * BAD_USER_INPUT on `id` for a subtask that went to the Trash with its parent, or whose
 * parent is in the Trash (restore the parent).
 */
export async function restoreTask(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  origin: EventOrigin,
): Promise<TaskRow> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await lockTrashedTaskForUser(trx, userId, id);
    if (!before?.trashed_at) return taskForWrite(trx, userId, id);
    requireTaskEditor(before, 'restore');
    if (
      before.trashed_with !== null ||
      (before.parent_id && (await lockTrashedTaskForUser(trx, userId, before.parent_id)))
    ) {
      throw badUserInput('id', 'a task whose parent is in the Trash: restore its parent, which brings it back too');
    }
    const at = deps.now();
    const patch = { trashed_at: null, trashed_with: null, updated_at: at };
    const restored = await updateTaskRow(trx, before.id, patch);
    await deps.afterWrite?.(trx, 'restore', restored);
    const events: NewEvent[] = [taskRestoredEvent(restored, before.trashed_at, origin)];
    for (const below of await lockDescendants(trx, before.id)) {
      if (below.trashed_with !== before.id || !below.trashed_at) continue;
      events.push(taskRestoredEvent(await updateTaskRow(trx, below.id, patch), below.trashed_at, origin));
    }
    await enqueueEvents(trx, tasksSchema, events);
    return restored;
  });
}

// A cursor of the Trash: the trashed time (a timestamptz key, checked as CREATED_AT's is) and id.
const trashSortTag = 'TRASHED_AT:DESC';

/** `Query.trash`: one page of what the user's projects have in the Trash, newest first. */
export async function trashPage(
  deps: TaskServiceDeps,
  userId: string,
  args: Pick<PagingArgs, 'first' | 'after'>,
): Promise<TaskConnectionModel> {
  const request = readPageRequest({ first: args.first, after: args.after }, taskPageSizes, (cursor, field) =>
    decodeCursor(cursor, 'CREATED_AT', trashSortTag, field),
  );
  const rows = await listTrash(deps.db, userId, {
    limit: request.size + 1,
    ...(request.from ? { after: request.from } : {}),
  });
  const page = toPage(
    request,
    rows,
    (row) => encodeCursor({ s: trashSortTag, k: row.sort_key, i: row.id }),
    // Forward only: whether anything lies before `after` is whether the page started later.
    async () => request.from !== null,
  );
  return {
    edges: page.edges.map(({ cursor, node: { sort_key: _key, role: _role, ...node } }) => ({ cursor, node })),
    pageInfo: page.pageInfo,
    totalCount: () => countTrash(deps.db, userId),
  };
}

/**
 * Deletes for good, in one transaction, up to `batch` tasks that went to the Trash more than
 * {@link trashRetentionDays} days before `now`, each with everything below it: one
 * `task.purged` per task (other services drop what they keep of it then).
 * @returns how many tasks were purged (subtasks included).
 */
export async function purgeTrash(deps: Pick<TaskServiceDeps, 'db'>, now: Date, batch = 100): Promise<number> {
  const origin: EventOrigin = { actor: null }; // the system purges
  const cutoff = new Date(now.getTime() - trashRetentionDays * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    const events: NewEvent[] = [];
    const ids: string[] = [];
    for (const root of await lockTrashToPurge(trx, cutoff, batch)) {
      const below = await lockDescendants(trx, root.id);
      for (const task of [root, ...below]) {
        ids.push(task.id);
        events.push(taskPurgedEvent(task.trashed_at ? task : { ...task, trashed_at: root.trashed_at }, origin));
      }
    }
    await deleteTasksWithTags(trx, ids);
    await enqueueEvents(trx, tasksSchema, events);
    return ids.length;
  });
}

/**
 * Runs {@link purgeTrash} now and then every `intervalMs` (default hourly), batch after batch
 * until nothing is due; replicas share the work (rows another one holds are skipped). Failures
 * are logged and retried at the next tick. @returns stop.
 */
export function startTrashPurge(
  deps: Pick<TaskServiceDeps, 'db' | 'now'>,
  logger: { error(obj: object, msg: string): void },
  intervalMs = 3_600_000,
): () => void {
  const batch = 100;
  const purge = async () => {
    try {
      while ((await purgeTrash(deps, deps.now(), batch)) >= batch) {
        // a full batch: there may be more
      }
    } catch (err) {
      logger.error({ err }, 'trash purge failed');
    }
  };
  void purge();
  const timer = setInterval(() => void purge(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
