import { sql, type Selectable, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '@taskwire/platform/database';
import type { PlanningDatabase, ReminderCancelReason, ReminderFiringTable, ReminderTable } from '../../db/database.js';

export type ReminderRow = Selectable<ReminderTable>;

/** NOTIFY channel the scheduler listens on to re-arm its timer when pending reminders change. */
export const reminderChannel = 'planning_reminders';

/** Wakes the schedulers at commit (NOTIFY is transactional). Call after scheduling or moving a reminder. */
export async function notifyReminderChange(trx: Executor<PlanningDatabase>): Promise<void> {
  await sql`select pg_notify(${reminderChannel}, '')`.execute(trx);
}

export interface NewReminder {
  userId: string;
  taskId: string;
  remindAt: Date;
  offsetMinutes: number | null;
}

/** Inserts SCHEDULED reminders (caller notifies the scheduler). */
export async function insertReminders(
  db: Executor<PlanningDatabase>,
  reminders: readonly NewReminder[],
): Promise<ReminderRow[]> {
  if (reminders.length === 0) return [];
  return db
    .insertInto('reminder')
    .values(
      reminders.map((r) => ({
        id: uuidv7(),
        user_id: r.userId,
        task_id: r.taskId,
        remind_at: r.remindAt,
        offset_minutes: r.offsetMinutes,
        state: 'SCHEDULED' as const,
        fire_at: r.remindAt,
      })),
    )
    .returningAll()
    .execute();
}

export async function findReminder(
  db: Executor<PlanningDatabase>,
  userId: string,
  id: string,
): Promise<ReminderRow | undefined> {
  return db.selectFrom('reminder').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function lockReminder(
  db: Executor<PlanningDatabase>,
  userId: string,
  id: string,
): Promise<ReminderRow | undefined> {
  return db
    .selectFrom('reminder')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Reminders of each task (one query), scoped to `userId`, ordered by time. */
export async function remindersForTasks(
  db: Executor<PlanningDatabase>,
  userId: string,
  taskIds: readonly string[],
): Promise<Map<string, ReminderRow[]>> {
  const byTask = new Map<string, ReminderRow[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('reminder')
    .selectAll()
    .where('user_id', '=', userId)
    .where('task_id', 'in', [...taskIds])
    .orderBy('remind_at')
    .orderBy('id')
    .execute();
  for (const row of rows) byTask.get(row.task_id)?.push(row);
  return byTask;
}

/** `userId`'s reminders in one of `states` on any of `taskIds`, locked. */
export async function lockUserReminders(
  db: Executor<PlanningDatabase>,
  userId: string,
  taskIds: readonly string[],
  states: ReadonlyArray<ReminderRow['state']>,
): Promise<ReminderRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('reminder')
    .selectAll()
    .where('user_id', '=', userId)
    .where('task_id', 'in', [...taskIds])
    .where('state', 'in', [...states])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Every reminder of a task, locked. */
export async function lockTaskReminders(db: Executor<PlanningDatabase>, taskId: string): Promise<ReminderRow[]> {
  return db
    .selectFrom('reminder')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('remind_at')
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function snoozeReminderRow(db: Executor<PlanningDatabase>, id: string, until: Date): Promise<ReminderRow> {
  return db
    .updateTable('reminder')
    .set({ state: 'SCHEDULED', snoozed_until: until, fire_at: until, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setReminderState(
  db: Executor<PlanningDatabase>,
  id: string,
  state: 'DISMISSED' | 'ACKNOWLEDGED',
): Promise<ReminderRow> {
  return db
    .updateTable('reminder')
    .set({ state, fire_at: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Cancels a reminder, keeping why (`restoreCancelledReminders` reads it). */
export async function cancelReminderRow(
  db: Executor<PlanningDatabase>,
  id: string,
  reason: ReminderCancelReason,
): Promise<ReminderRow> {
  return db
    .updateTable('reminder')
    .set({ state: 'CANCELLED', cancel_reason: reason, fire_at: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The reminders of `taskId` cancelled for `reason` (its completion, or its move to the Trash)
 * that still lie ahead of `now`, armed again (SCHEDULED at their time, no snooze): the undo of
 * that cancellation.
 * @returns them, as they are now.
 */
export async function restoreCancelledReminders(
  db: Executor<PlanningDatabase>,
  taskId: string,
  reason: Extract<ReminderCancelReason, 'task-completed' | 'task-trashed'>,
  now: Date,
): Promise<ReminderRow[]> {
  return db
    .updateTable('reminder')
    .set({
      state: 'SCHEDULED',
      cancel_reason: null,
      fire_at: sql`remind_at`,
      snoozed_until: null,
      updated_at: sql`now()`,
    })
    .where('task_id', '=', taskId)
    .where('state', '=', 'CANCELLED')
    .where('cancel_reason', '=', reason)
    .where('remind_at', '>', now)
    .returningAll()
    .execute();
}

/** Moves a reminder to a new time and (re-)arms it; clears any snooze. */
export async function rescheduleReminderRow(
  db: Executor<PlanningDatabase>,
  id: string,
  remindAt: Date,
): Promise<ReminderRow> {
  return db
    .updateTable('reminder')
    .set({ state: 'SCHEDULED', remind_at: remindAt, fire_at: remindAt, snoozed_until: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type FiringRow = Selectable<ReminderFiringTable>;

/**
 * Marks the reminder's latest firing acknowledged; returns it, or undefined when there is no
 * firing or it was acknowledged already (so a `reminder.acknowledged` goes out once per firing).
 */
export async function acknowledgeLatestFiring(
  db: Executor<PlanningDatabase>,
  reminderId: string,
): Promise<(FiringRow & { acknowledged_at: Date }) | undefined> {
  const result = await sql<FiringRow & { acknowledged_at: Date }>`
    update reminder_firing set acknowledged_at = now()
    where id = (select id from reminder_firing where reminder_id = ${reminderId} order by seq desc limit 1)
      and acknowledged_at is null
    returning *`.execute(db);
  return result.rows[0];
}

/**
 * True when the user acknowledged (or dismissed) the reminder after this firing. The
 * notifier asks before e-mailing a `reminder.due`. Unknown firing ids answer false.
 */
export async function isFiringAcknowledged(db: Executor<PlanningDatabase>, firingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reminder_firing')
    .select('acknowledged_at')
    .where('id', '=', firingId)
    .executeTakeFirst();
  return row?.acknowledged_at != null;
}

export interface ClaimedFiring {
  reminder: ReminderRow;
  firingId: string;
  firedAt: Date;
  lateMs: number;
  /** From planning's task projection; null when it has not seen the title yet. */
  taskTitle: string | null;
}

/**
 * Claims up to `limit` reminders that are due by the database clock (`fire_at <= now()`),
 * skipping rows another scheduler holds (`FOR UPDATE SKIP LOCKED`), marks them FIRED and
 * writes one `reminder_firing` row each. Run it in the transaction that also enqueues the
 * firing events, so a firing and its events commit together or not at all.
 */
export async function claimDueReminders(
  trx: Transaction<PlanningDatabase>,
  limit: number,
  firedBy: string | null = null,
): Promise<ClaimedFiring[]> {
  const result = await sql<ReminderRow & { due_fire_at: Date; task_title: string | null }>`
    with due as (
      select id, fire_at from reminder
      where state = 'SCHEDULED' and fire_at <= now()
      order by fire_at
      limit ${limit}
      for update skip locked
    )
    update reminder r
       set state = 'FIRED', fired_at = clock_timestamp(), fire_at = null,
           fire_count = r.fire_count + 1, updated_at = clock_timestamp()
      from due
     where r.id = due.id
    returning r.*, due.fire_at as due_fire_at,
              (select title from task_state t where t.task_id = r.task_id) as task_title`.execute(trx);
  if (result.rows.length === 0) return [];
  const firings = result.rows.map(({ due_fire_at, task_title, ...reminder }) => {
    const firedAt = reminder.fired_at as Date;
    return {
      reminder: reminder,
      firingId: uuidv7(),
      firedAt,
      lateMs: Math.max(0, firedAt.getTime() - due_fire_at.getTime()),
      taskTitle: task_title,
      dueAt: due_fire_at,
    };
  });
  await trx
    .insertInto('reminder_firing')
    .values(
      firings.map((f) => ({
        id: f.firingId,
        reminder_id: f.reminder.id,
        user_id: f.reminder.user_id,
        task_id: f.reminder.task_id,
        seq: f.reminder.fire_count,
        due_at: f.dueAt,
        fired_at: f.firedAt,
        late_ms: f.lateMs,
        fired_by: firedBy,
      })),
    )
    .execute();
  return firings.map(({ dueAt: _d, ...f }) => f);
}

/**
 * Milliseconds from now (database clock) until the earliest pending reminder is due:
 * 0 when one is due already, null when none is pending.
 */
export async function msUntilNextDue(db: Executor<PlanningDatabase>): Promise<number | null> {
  const result = await sql<{ ms: string | number | null }>`
    select ceil(extract(epoch from (min(fire_at) - clock_timestamp())) * 1000) as ms
    from reminder where state = 'SCHEDULED'`.execute(db);
  const ms = result.rows[0]?.ms;
  if (ms === null || ms === undefined) return null;
  return Math.max(0, Number(ms));
}
