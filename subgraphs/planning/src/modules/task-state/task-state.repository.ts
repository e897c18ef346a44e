import { sql, type Selectable } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { PlanningDatabase, TaskStateTable } from '../../db/database.js';

export type TaskStateRow = Selectable<TaskStateTable>;

export interface TaskStateInput {
  taskId: string;
  userId: string;
  title: string | null;
  dueAt: Date | null;
  dueDate: string | null;
  status: string;
  seriesId: string | null;
  occurrence: number | null;
  predecessorId?: string | null;
  taskUpdatedAt: Date | null;
  deleted?: boolean;
}

/**
 * Inserts or replaces the projection rows of tasks (one statement; at most one input per
 * task). Deletion is sticky (a late event never revives a deleted task) and the
 * predecessor, once known, is kept.
 */
export async function upsertTaskStates(
  db: Executor<PlanningDatabase>,
  inputs: readonly TaskStateInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insertInto('task_state')
    .values(
      inputs.map((input) => ({
        task_id: input.taskId,
        user_id: input.userId,
        title: input.title,
        due_at: input.dueAt,
        due_date: input.dueDate,
        status: input.status,
        series_id: input.seriesId,
        occurrence: input.occurrence,
        predecessor_id: input.predecessorId ?? null,
        task_updated_at: input.taskUpdatedAt,
        deleted: input.deleted ?? false,
      })),
    )
    .onConflict((oc) =>
      oc.column('task_id').doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        due_at: eb.ref('excluded.due_at'),
        due_date: eb.ref('excluded.due_date'),
        status: eb.ref('excluded.status'),
        series_id: eb.ref('excluded.series_id'),
        occurrence: eb.ref('excluded.occurrence'),
        predecessor_id: sql<string | null>`coalesce(task_state.predecessor_id, excluded.predecessor_id)`,
        task_updated_at: eb.ref('excluded.task_updated_at'),
        deleted: sql<boolean>`task_state.deleted or excluded.deleted`,
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Single-task form of upsertTaskStates. */
export async function upsertTaskState(db: Executor<PlanningDatabase>, input: TaskStateInput): Promise<void> {
  await upsertTaskStates(db, [input]);
}

export async function findTaskState(db: Executor<PlanningDatabase>, taskId: string): Promise<TaskStateRow | undefined> {
  return db.selectFrom('task_state').selectAll().where('task_id', '=', taskId).executeTakeFirst();
}

/** The task's projection row, locked for the rest of the transaction (serializes tag/reminder changes per task). */
export async function lockTaskState(db: Executor<PlanningDatabase>, taskId: string): Promise<TaskStateRow | undefined> {
  return db.selectFrom('task_state').selectAll().where('task_id', '=', taskId).forUpdate().executeTakeFirst();
}

/**
 * Finds a live task of `userId` in the projection, waiting up to `waitMs` for it to appear.
 *
 * Why wait: planning learns about tasks from `task-events`, which lag the tasks service by
 * milliseconds. A client that creates a task and tags it right away would otherwise get
 * NOT_FOUND. Only a task that is *absent* is waited for; one that belongs to someone else
 * or is deleted answers undefined at once.
 */
export async function waitForOwnedTask(
  db: Executor<PlanningDatabase>,
  userId: string,
  taskId: string,
  { waitMs = 2_000, intervalMs = 50 }: { waitMs?: number; intervalMs?: number } = {},
): Promise<TaskStateRow | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await findTaskState(db, taskId);
    if (row) return row.user_id === userId && !row.deleted ? row : undefined;
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The instant a relative reminder counts back from: `dueAt`, or for an all-day task the start
 * of `dueDate` in UTC (planning does not know the owner's time zone; accounts owns it).
 */
export function dueInstant(state: Pick<TaskStateRow, 'due_at' | 'due_date'>): Date | null {
  if (state.due_at) return state.due_at;
  if (state.due_date) return new Date(`${state.due_date}T00:00:00Z`);
  return null;
}
