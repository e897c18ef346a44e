import type { Transaction } from 'kysely';
import type { EventOf } from '@taskwire/platform/events';
import type { TasksDatabase } from '../../db/database.js';
import { deleteTagsOfTask, removeTaskTag, upsertTaskTag } from './tag-projection.repository.js';

/** Consumer group and inbox name of the projection. */
export const tagProjectionConsumer = 'tasks-tag-projection';

/** Event types the projection applies; the runner skips the rest without a transaction. */
export const tagProjectionTypes = ['task.tagged', 'task.untagged', 'task.deleted', 'task.purged'] as const;
export type TagProjectionEvent = EventOf<(typeof tagProjectionTypes)[number]>;

/**
 * Applies one `task-events` event to the task→tag projection (`task_tags`) inside `trx`.
 * Event-carried state: planning's tag events carry the tag's name, so `filter.tags` is one
 * indexed query in this schema. Per-task order holds (Kafka key = task id), so applying
 * tagged/untagged in arrival order converges to planning's state. Idempotency comes from the
 * runner's inbox claim in the same transaction; the runner has checked the payload.
 */
export async function handleTagEvent(trx: Transaction<TasksDatabase>, event: TagProjectionEvent): Promise<void> {
  switch (event.type) {
    case 'task.tagged': {
      const { taskId, tag } = event.data;
      await upsertTaskTag(trx, {
        task_id: taskId,
        tag_id: tag.id,
        user_id: event.userId,
        tag_name: tag.name,
        tag_name_lower: tag.name.toLowerCase(),
        event_id: event.id,
      });
      return;
    }
    case 'task.untagged': {
      const { taskId, tag } = event.data;
      await removeTaskTag(trx, taskId, tag.id, event.userId);
      return;
    }
    case 'task.deleted':
    case 'task.purged':
      await deleteTagsOfTask(trx, event.subject, event.userId);
      return;
  }
}
