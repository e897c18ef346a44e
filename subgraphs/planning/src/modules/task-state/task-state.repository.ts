import { sql, type Selectable } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { TaskSnapshot } from '@taskwire/platform/events';
import type { PlanningDatabase, ReminderStateValue, TaskStateTable } from '../../db/database.js';

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
  /** Absent in older events: the projected project is kept. */
  projectId?: string | null;
}

/** The projection row of a task event's snapshot; `userId` is the envelope's owner. */
export function taskStateOf(userId: string, task: TaskSnapshot, extra: Partial<TaskStateInput> = {}): TaskStateInput {
  return {
    taskId: task.id,
    userId,
    title: task.title,
    dueAt: task.dueAt ? new Date(task.dueAt) : null,
    dueDate: task.dueDate,
    status: task.status,
    seriesId: task.seriesId,
    occurrence: task.occurrence,
    taskUpdatedAt: new Date(task.updatedAt),
    projectId: task.projectId ?? null,
    ...extra,
  };
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
        project_id: input.projectId ?? null,
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
        project_id: sql<string | null>`coalesce(excluded.project_id, task_state.project_id)`,
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Marks the projected task as in the Trash or out of it (task.trashed / task.restored). */
export async function setTaskTrashed(db: Executor<PlanningDatabase>, taskId: string, trashed: boolean): Promise<void> {
  await db
    .updateTable('task_state')
    .set({ trashed, updated_at: sql`now()` })
    .where('task_id', '=', taskId)
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
 * Whether `userId` may put their own tags and reminders on the task: they are a member of its
 * project (any role) as the membership projection knows. Its events' owner (its creator) may
 * too while the projection knows no member of the project yet (a new project's events may come
 * after its first task's), or for a task from before projects; a creator removed from the
 * project may not.
 */
export async function mayUseTask(
  db: Executor<PlanningDatabase>,
  task: Pick<TaskStateRow, 'user_id' | 'project_id' | 'deleted' | 'trashed'>,
  userId: string,
): Promise<boolean> {
  if (task.deleted || task.trashed) return false;
  if (!task.project_id) return task.user_id === userId;
  const members = await db
    .selectFrom('project_member')
    .select('user_id')
    .where('project_id', '=', task.project_id)
    .execute();
  if (members.some((m) => m.user_id === userId)) return true;
  return task.user_id === userId && members.length === 0;
}

/** The live (not deleted) tasks of a project, as the projection knows them. */
export async function liveTaskIdsOfProject(db: Executor<PlanningDatabase>, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('task_state')
    .select('task_id')
    .where('project_id', '=', projectId)
    .where('deleted', '=', false)
    .execute();
  return rows.map((r) => r.task_id);
}

/**
 * Finds a live task `userId` may use (mayUseTask) in the projection, waiting up to `waitMs` for it to appear.
 *
 * Why wait: planning learns about tasks from `task-events`, which lag the tasks service by
 * milliseconds. A client that creates a task and tags it right away would otherwise get
 * NOT_FOUND. Only a task that is *absent* is waited for; one the user may not use (another
 * user's, outside their projects) or that is deleted answers undefined at once.
 */
export async function waitForUsableTask(
  db: Executor<PlanningDatabase>,
  userId: string,
  taskId: string,
  { waitMs = 2_000, intervalMs = 50 }: { waitMs?: number; intervalMs?: number } = {},
): Promise<TaskStateRow | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await findTaskState(db, taskId);
    if (row) return (await mayUseTask(db, row, userId)) ? row : undefined;
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

/** The users with a tag on task `taskId`, or a reminder of it in one of `reminderStates`. */
export async function personalDataHolders(
  db: Executor<PlanningDatabase>,
  taskId: string,
  reminderStates: ReadonlyArray<ReminderStateValue> = ['SCHEDULED', 'FIRED'],
): Promise<string[]> {
  const rows = await db
    .selectFrom('task_tag')
    .select('user_id')
    .where('task_id', '=', taskId)
    .union(
      db
        .selectFrom('reminder')
        .select('user_id')
        .where('task_id', '=', taskId)
        .where('state', 'in', [...reminderStates]),
    )
    .execute();
  return rows.map((r) => r.user_id);
}
