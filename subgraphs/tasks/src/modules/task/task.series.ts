import { holdLiveUser } from '../user-projection/user-projection.repository.js';
import type { Transaction } from 'kysely';
import type { EventOrigin } from '@taskwire/platform/events';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { tasksSchemaName, type TasksDatabase } from '../../db/database.js';
import { taskCreatedEvent } from './task.events.js';
import type { NewTaskRow, TaskRow } from './task.model.js';
import { insertTaskIfAbsent } from './task.repository.js';

/**
 * Inserts the next instance of a recurring series and its `task.created` (with
 * `predecessorId` and `skippedOccurrences`) into the tasks outbox, in `trx`. Returns undefined,
 * writing nothing, when the series already has an instance at that occurrence number or its
 * user was deleted (a completion that raced the erasure continues no series).
 */
export async function insertNextInstance(
  trx: Transaction<TasksDatabase>,
  row: NewTaskRow,
  origin: EventOrigin,
  cause: { predecessorId: string; skippedOccurrences: number },
): Promise<TaskRow | undefined> {
  if (!(await holdLiveUser(trx, row.user_id))) return undefined;
  const inserted = await insertTaskIfAbsent(trx, row);
  if (inserted) await enqueueEvents(trx, tasksSchemaName, [taskCreatedEvent(inserted, origin, cause)]);
  return inserted;
}
