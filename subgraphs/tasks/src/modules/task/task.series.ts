import { holdLiveUser } from '../user-projection/user-projection.repository.js';
import type { Transaction } from 'kysely';
import type { EventOrigin } from '@taskwire/platform/events';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { tasksSchemaName, type TasksDatabase } from '../../db/database.js';
import { taskCreatedEvent } from './task.events.js';
import type { NewTaskRow, TaskRow } from './task.model.js';
import { uuidv7 } from 'uuidv7';
import {
  findTaskById,
  insertTask,
  insertTaskIfAbsent,
  lockDescendants,
  neighbourPosition,
  positionAtEnd,
} from './task.repository.js';
import { keyBetween } from './task.order.js';

/**
 * Inserts the next instance of a recurring series and its `task.created` (with
 * `predecessorId` and `skippedOccurrences`) into the tasks outbox, in `trx`. Returns undefined,
 * writing nothing, when the series already has an instance at that occurrence number or its
 * user was deleted (a completion that raced the erasure continues no series). The instance
 * takes its predecessor's place in the manual order (right after it), or the end when the
 * predecessor is gone or in another project. It carries its predecessor's subtasks, at every
 * level, as new open tasks without due values (each with its own `task.created`).
 */
export async function insertNextInstance(
  trx: Transaction<TasksDatabase>,
  row: NewTaskRow,
  origin: EventOrigin,
  cause: { predecessorId: string; skippedOccurrences: number },
): Promise<TaskRow | undefined> {
  if (!(await holdLiveUser(trx, row.user_id))) return undefined;
  const inserted = await insertTaskIfAbsent(trx, { ...row, position: await placeAfter(trx, row, cause.predecessorId) });
  if (!inserted) return undefined;
  const subtasks = await copySubtasks(trx, cause.predecessorId, inserted);
  await enqueueEvents(trx, tasksSchemaName, [
    taskCreatedEvent(inserted, origin, cause),
    ...subtasks.map((subtask) => taskCreatedEvent(subtask, origin)),
  ]);
  return inserted;
}

async function placeAfter(trx: Transaction<TasksDatabase>, row: NewTaskRow, predecessorId: string): Promise<string> {
  const predecessor = await findTaskById(trx, predecessorId);
  if (!predecessor || predecessor.project_id !== row.project_id) return positionAtEnd(trx, row.project_id);
  const next = await neighbourPosition(trx, row.project_id, predecessor.position, 'after', null);
  return keyBetween(predecessor.position, next);
}

/** Copies of every subtask below `fromId`, open and undated, under `to` (parents first). */
async function copySubtasks(trx: Transaction<TasksDatabase>, fromId: string, to: TaskRow): Promise<TaskRow[]> {
  const newIds = new Map([[fromId, to.id]]);
  const copies: TaskRow[] = [];
  for (const task of await lockDescendants(trx, fromId)) {
    const id = uuidv7();
    newIds.set(task.id, id);
    copies.push(
      await insertTask(trx, {
        id,
        user_id: task.user_id,
        title: task.title,
        description: task.description,
        priority: task.priority,
        status: 'OPEN',
        due_at: null,
        due_date: null,
        completed_at: null,
        time_zone: task.time_zone,
        recurrence_rrule: null,
        recurrence_time_zone: null,
        recurrence_anchor: null,
        series_id: null,
        occurrence: null,
        series_start_at: null,
        series_start_date: null,
        project_id: to.project_id,
        parent_id: newIds.get(task.parent_id!)!,
        assignee_id: task.assignee_id,
        created_by: task.created_by,
      }),
    );
  }
  return copies;
}
