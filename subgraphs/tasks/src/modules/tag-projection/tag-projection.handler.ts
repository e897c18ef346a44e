import type { Transaction } from 'kysely';
import type { EventEnvelope } from '@taskwire/platform/events';
import type { TasksDatabase } from '../../db/database.js';
import { deleteTagsOfTask, removeTaskTag, upsertTaskTag } from './tag-projection.repository.js';

/** Consumer group and inbox name of the projection. */
export const tagProjectionConsumer = 'tasks-tag-projection';

/** Event types the projection applies; the runner skips the rest without a transaction. */
export const tagProjectionTypes: ReadonlySet<string> = new Set(['task.tagged', 'task.untagged', 'task.deleted']);

interface TagEventData {
  taskId: string;
  tag: { id: string; name: string; color: string | null };
}

export class TagEventError extends Error {
  override name = 'TagEventError';
}

function tagData(event: EventEnvelope): TagEventData {
  const data = event.data as Partial<TagEventData>;
  const tag = data.tag;
  if (typeof data.taskId !== 'string' || !tag || typeof tag.id !== 'string' || typeof tag.name !== 'string') {
    throw new TagEventError(
      `${event.type} ${event.id}: data expected { taskId, tag: { id, name } }, got ${JSON.stringify(event.data).slice(0, 200)}`,
    );
  }
  return data as TagEventData;
}

/**
 * Applies one `task-events` event to the task→tag projection (`task_tags`) inside `trx`.
 * Event-carried state: planning's tag events carry the tag's name, so `filter.tags` is one
 * indexed query in this schema. Per-task order holds (Kafka key = task id), so applying
 * tagged/untagged in arrival order converges to planning's state. Idempotency comes from the
 * runner's inbox claim in the same transaction.
 * @throws TagEventError on a payload that does not match schema/EVENTS.md or an unknown version.
 */
export async function handleTagEvent(trx: Transaction<TasksDatabase>, event: EventEnvelope): Promise<void> {
  if (!tagProjectionTypes.has(event.type)) return;
  if (event.version !== 1)
    throw new TagEventError(`${event.type} version ${event.version} is not supported (expected 1)`);
  switch (event.type) {
    case 'task.tagged': {
      const { taskId, tag } = tagData(event);
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
      const { taskId, tag } = tagData(event);
      await removeTaskTag(trx, taskId, tag.id, event.userId);
      return;
    }
    case 'task.deleted':
      await deleteTagsOfTask(trx, event.subject, event.userId);
      return;
  }
}
