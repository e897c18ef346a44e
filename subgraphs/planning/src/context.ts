import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { requireUser, type RequestContext } from '@taskwire/platform/subgraph-server';
import type { PlanningDatabase } from './db/database.js';
import { tagsForTasks, type TagRow } from './modules/tag/tag.repository.js';
import { remindersForTasks, type ReminderRow } from './modules/reminder/reminder.repository.js';

export interface PlanningLoaders {
  /** Tags of a task for the signed-in user (one query per batch). */
  tagsByTask: DataLoader<string, TagRow[]>;
  /** Reminders of a task for the signed-in user (one query per batch). */
  remindersByTask: DataLoader<string, ReminderRow[]>;
}

export interface PlanningContext extends RequestContext {
  db: Kysely<PlanningDatabase>;
  loaders: PlanningLoaders;
  /** How long a mutation waits for a just-created task to reach planning's projection. */
  taskProjectionWaitMs: number;
}

export function createPlanningContext(
  base: RequestContext,
  db: Kysely<PlanningDatabase>,
  options: { taskProjectionWaitMs: number },
): PlanningContext {
  const ctx: PlanningContext = {
    ...base,
    db,
    taskProjectionWaitMs: options.taskProjectionWaitMs,
    loaders: {
      tagsByTask: new DataLoader(async (taskIds) => {
        const byTask = await tagsForTasks(db, requireUser(ctx), taskIds);
        return taskIds.map((id) => byTask.get(id) ?? []);
      }),
      remindersByTask: new DataLoader(async (taskIds) => {
        const byTask = await remindersForTasks(db, requireUser(ctx), taskIds);
        return taskIds.map((id) => byTask.get(id) ?? []);
      }),
    },
  };
  return ctx;
}
