import type { Transaction } from 'kysely';
import type { EventOf, EventOrigin, EventType, NewEvent, TaskSnapshot } from '@taskwire/platform/events';
import { enqueueEvents } from '@taskwire/platform/outbox';
import {
  planningSchema,
  type PlanningDatabase,
  reminderEvent,
  taskTagEvent,
  insertReminders,
  lockTaskReminders,
  notifyReminderChange,
  rescheduleReminderRow,
  setReminderState,
  cancelReminderRow,
  restoreCancelledReminders,
  setTaskTrashed,
  findTaskState,
  type ReminderRow,
  addTaskTags,
  dropAllTaskTags,
  dropTaskTags,
  tagsForTasks,
  dueInstant,
  liveTaskIdsOfProject,
  lockUserReminders,
  mayUseTask,
  personalDataHolders,
  eraseUser,
  erasedUsersAmong,
  taskStateOf,
  upsertTaskStates,
  type TaskStateInput,
  applyMembershipEvent,
  membershipEventTypes,
  type MembershipEvent,
} from '@taskwire/planning';

const isMembershipEvent = (input: PlanningSyncInput): input is MembershipEvent =>
  (membershipEventTypes as readonly string[]).includes(input.type);

/** Inbox consumer name and Kafka group id. */
export const planningSyncName = 'planning-sync';

/** The task-events types planning-sync applies to the projection, tags and reminders. */
export const planningSyncTaskEventTypes = [
  'task.created',
  'task.updated',
  'task.completed',
  'task.reopened',
  'task.deleted',
  'task.trashed',
  'task.restored',
  'task.purged',
] as const satisfies readonly EventType[];
export type PlanningSyncEvent = EventOf<(typeof planningSyncTaskEventTypes)[number]>;

/**
 * Every type planning-sync handles (the runner skips the rest without a transaction): plus
 * `user.deleted` on `user-events` and the membership events on `project-events`.
 */
export const planningSyncEventTypes = [...planningSyncTaskEventTypes, 'user.deleted', ...membershipEventTypes] as const;
export type PlanningSyncInput = EventOf<(typeof planningSyncEventTypes)[number]>;

/**
 * Applies what the runner read from its topics, in the runner's transaction: first every
 * `user.deleted` (the user's planning rows are erased and tombstoned) and membership event
 * (the `project_member` projection), then the task events of users that are not deleted — a
 * task event still in flight for a deleted user writes nothing.
 */
export async function handleInputs(
  trx: Transaction<PlanningDatabase>,
  inputs: readonly PlanningSyncInput[],
): Promise<void> {
  const taskEvents: PlanningSyncEvent[] = [];
  for (const input of inputs) {
    if (input.type === 'user.deleted') await eraseUser(trx, input.data.user.id);
    else if (isMembershipEvent(input)) {
      await applyMembershipEvent(trx, input);
      if (input.type === 'member.removed') await releaseRemovedMember(trx, input);
    } else taskEvents.push(input);
  }
  const erased = await erasedUsersAmong(trx, [...new Set(taskEvents.map((e) => e.userId))]);
  await handleEvents(
    trx,
    taskEvents.filter((e) => !erased.has(e.userId)),
  );
}

/**
 * A member left or was removed: their own tags come off the project's tasks (`task.untagged`)
 * and their pending or fired reminders on them are dismissed (`reminder.dismissed`), so nothing
 * of the project reaches them any more — a reminder would carry the task's title.
 */
async function releaseRemovedMember(
  trx: Transaction<PlanningDatabase>,
  event: EventOf<'member.removed'>,
): Promise<void> {
  const taskIds = await liveTaskIdsOfProject(trx, event.data.project.id);
  const events = await releaseUser(trx, event.data.member.userId, taskIds, originOf(event));
  await enqueueEvents(trx, planningSchema, events);
}

/**
 * Takes `userId`'s tags off `taskIds` and dismisses their pending or fired reminders of them.
 * @returns the events that say so (task.untagged, reminder.dismissed); the caller writes them.
 */
async function releaseUser(
  trx: Transaction<PlanningDatabase>,
  userId: string,
  taskIds: readonly string[],
  origin: EventOrigin,
): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  for (const [taskId, tags] of await tagsForTasks(trx, userId, taskIds)) {
    if (tags.length === 0) continue;
    const dropped = await dropTaskTags(trx, userId, taskId);
    events.push(...dropped.map((tag) => taskTagEvent('task.untagged', origin, userId, taskId, tag)));
  }
  const reminders = await lockUserReminders(trx, userId, taskIds, ['SCHEDULED', 'FIRED']);
  for (const reminder of reminders) {
    const after = await setReminderState(trx, reminder.id, 'DISMISSED');
    events.push(reminderEvent('reminder.dismissed', origin, after, {}));
  }
  if (reminders.length > 0) await notifyReminderChange(trx);
  return events;
}

/**
 * A task moved to another project: whoever may not use it there (not a member, as far as the
 * membership projection knows) loses their tags on it and their reminders of it, as a removed
 * member does.
 */
async function releaseOutsiders(
  trx: Transaction<PlanningDatabase>,
  event: PlanningSyncEvent,
  snapshot: TaskSnapshot,
  events: NewEvent[],
): Promise<void> {
  const task = { user_id: event.userId, project_id: snapshot.projectId ?? null, deleted: false, trashed: false };
  for (const userId of await personalDataHolders(trx, snapshot.id)) {
    if (await mayUseTask(trx, task, userId)) continue;
    events.push(...(await releaseUser(trx, userId, [snapshot.id], originOf(event))));
  }
}

/** Thrown for an event that matches the schema but contradicts itself (the runner dead-letters it after retries). */
export class PlanningSyncContractError extends Error {
  override name = 'PlanningSyncContractError';
}

function snapshotOf(event: PlanningSyncEvent): TaskSnapshot {
  const { task } = event.data;
  if (task.id !== event.subject) {
    throw new PlanningSyncContractError(
      `${event.type} ${event.id}: data.task.id ${task.id} differs from subject ${event.subject}`,
    );
  }
  return task;
}

function stateInput(event: PlanningSyncEvent, extra: Partial<TaskStateInput> = {}): TaskStateInput {
  return taskStateOf(event.userId, snapshotOf(event), extra);
}

const originOf = (event: Pick<EventOf, 'actor' | 'traceparent' | 'correlationId'>): EventOrigin => ({
  actor: event.actor,
  traceparent: event.traceparent,
  correlationId: event.correlationId,
});

const predecessorOf = (event: PlanningSyncEvent) => (event.type === 'task.created' ? event.data.predecessorId : null);

/**
 * Applies one `task-events` event to planning's schema (the runner has already claimed it in
 * the inbox in this transaction, so it runs once per event id):
 * - every task event keeps the `task_state` projection (owner, due time, status, series);
 * - `task.created` with `predecessorId` copies the predecessor's tags and relative reminders
 *   (re-timed against the new due time) → `task.tagged` / `reminder.added`;
 * - `task.updated` changing `dueAt`/`dueDate` moves relative reminders → `reminder.rescheduled`,
 *   or cancels them when the due time was cleared → `reminder.cancelled` (`due-cleared`);
 * - `task.completed` cancels pending reminders (`task-completed`);
 * - `task.trashed` pauses (cancels) its pending and fired reminders (`task-trashed`) and keeps its
 *   tags; `task.restored` re-arms the paused ones that still lie ahead (`reminder.rescheduled`);
 * - `task.deleted` and `task.purged` drop the task's tags and cancel its pending and fired
 *   reminders (`task-deleted`).
 * Events go out through planning's outbox in the same transaction.
 * @throws PlanningSyncContractError when the snapshot's id differs from the subject.
 */
export async function handle(trx: Transaction<PlanningDatabase>, event: PlanningSyncEvent): Promise<void> {
  await handleEvents(trx, [event]);
}

/**
 * Batch form of `handle` (same effects, in order), for catching up on a backlog: the
 * projection rows of the whole batch are written in one statement, and only events with
 * follow-ups (an instance's inheritance, a due-time change, completion, deletion) touch
 * tags and reminders.
 * @throws PlanningSyncContractError when any event of the batch contradicts itself (the
 * runner then retries the events one by one to isolate it).
 */
export async function handleEvents(
  trx: Transaction<PlanningDatabase>,
  batch: readonly PlanningSyncEvent[],
): Promise<void> {
  const items = batch.map((event) => ({ event, snapshot: snapshotOf(event) }));
  if (items.length === 0) return;

  // The projection: the latest snapshot per task (per-task order holds within a partition).
  const states = new Map<string, TaskStateInput>();
  for (const { event, snapshot } of items) {
    const previous = states.get(snapshot.id);
    states.set(
      snapshot.id,
      stateInput(event, {
        predecessorId: predecessorOf(event) ?? previous?.predecessorId ?? null,
        deleted: event.type === 'task.deleted' || event.type === 'task.purged' || previous?.deleted === true,
      }),
    );
  }
  // Written first: it takes the tasks' projection row locks, which the API's tag/reminder
  // mutations also take, so what is read below includes every committed API change.
  await upsertTaskStates(trx, [...states.values()]);

  // Which of the batch's tasks (and predecessors) have reminders or tags at all: most
  // events have no follow-up, and this finds them in two queries instead of a few per event.
  const involved = [
    ...new Set(
      items.flatMap(({ event, snapshot }) =>
        [snapshot.id, predecessorOf(event)].filter((id): id is string => id !== null),
      ),
    ),
  ];
  const withReminders = new Set(
    (await trx.selectFrom('reminder').select('task_id').distinct().where('task_id', 'in', involved).execute()).map(
      (r) => r.task_id,
    ),
  );
  const withTags = new Set(
    (await trx.selectFrom('task_tag').select('task_id').distinct().where('task_id', 'in', involved).execute()).map(
      (r) => r.task_id,
    ),
  );

  const events: NewEvent[] = [];
  let remindersChanged = false;
  for (const { event, snapshot } of items) {
    const taskId = snapshot.id;
    switch (event.type) {
      case 'task.created': {
        const predecessorId = predecessorOf(event);
        if (!predecessorId || !(withReminders.has(predecessorId) || withTags.has(predecessorId))) break;
        const before = events.length;
        if (await inheritFromPredecessor(trx, event, snapshot, predecessorId, events)) remindersChanged = true;
        if (events.length > before) {
          withReminders.add(taskId);
          withTags.add(taskId);
        }
        break;
      }
      case 'task.updated': {
        const { changes } = event.data;
        if ((withReminders.has(taskId) || withTags.has(taskId)) && changes.some((c) => c.field === 'projectId')) {
          await releaseOutsiders(trx, event, snapshot, events);
        }
        if (withReminders.has(taskId) && changes.some((c) => c.field === 'dueAt' || c.field === 'dueDate')) {
          const newDue = dueInstant({
            due_at: snapshot.dueAt ? new Date(snapshot.dueAt) : null,
            due_date: snapshot.dueDate,
          });
          if (await retimeRelativeReminders(trx, event, newDue, events)) remindersChanged = true;
        }
        break;
      }
      case 'task.reopened': {
        if (withReminders.has(taskId) && (await restoreReminders(trx, event, 'task-completed', events)))
          remindersChanged = true;
        break;
      }
      case 'task.trashed': {
        // Paused, not dropped: its tags stay, and restoring it re-arms the reminders still ahead.
        await setTaskTrashed(trx, taskId, true);
        if (
          withReminders.has(taskId) &&
          (await cancelReminders(trx, event, ['SCHEDULED', 'FIRED'], 'task-trashed', events))
        )
          remindersChanged = true;
        break;
      }
      case 'task.restored': {
        // A purged (deleted) task stays gone, whatever arrives late.
        if ((await findTaskState(trx, taskId))?.deleted) break;
        await setTaskTrashed(trx, taskId, false);
        if (withReminders.has(taskId) && (await restoreReminders(trx, event, 'task-trashed', events)))
          remindersChanged = true;
        break;
      }
      case 'task.completed': {
        if (withReminders.has(taskId) && (await cancelReminders(trx, event, ['SCHEDULED'], 'task-completed', events)))
          remindersChanged = true;
        break;
      }
      case 'task.deleted':
      case 'task.purged': {
        // The task is gone: every member's tag links go without task.untagged events (task.deleted says it all).
        if (withTags.has(taskId)) await dropAllTaskTags(trx, taskId);
        if (
          withReminders.has(taskId) &&
          (await cancelReminders(trx, event, ['SCHEDULED', 'FIRED'], 'task-deleted', events))
        )
          remindersChanged = true;
        break;
      }
    }
  }
  await enqueueEvents(trx, planningSchema, events);
  if (remindersChanged) await notifyReminderChange(trx);
}

/**
 * A recurring task's next instance: every member who may use it keeps their own tags and
 * relative reminders of the previous one (`task.tagged`, `reminder.added`).
 */
async function inheritFromPredecessor(
  trx: Transaction<PlanningDatabase>,
  event: PlanningSyncEvent,
  snapshot: TaskSnapshot,
  predecessorId: string,
  events: NewEvent[],
): Promise<boolean> {
  const task = { user_id: event.userId, project_id: snapshot.projectId ?? null, deleted: false, trashed: false };
  const due = dueInstant({ due_at: snapshot.dueAt ? new Date(snapshot.dueAt) : null, due_date: snapshot.dueDate });
  const predecessorReminders = await lockTaskReminders(trx, predecessorId);
  const existing = await lockTaskReminders(trx, snapshot.id);
  let changed = false;
  // Tags and reminders are personal: each holder who may use the new instance gets their own.
  for (const userId of await personalDataHolders(trx, predecessorId, reminderStates)) {
    if (!(await mayUseTask(trx, task, userId))) continue;
    const inherit = { userId, snapshot, predecessorId, origin: originOf(event) };
    events.push(...(await inheritTags(trx, inherit)));
    if (!due) continue; // an instance without a due time cannot hold relative reminders
    const added = await inheritReminders(trx, inherit, due, {
      predecessor: predecessorReminders.filter((r) => r.user_id === userId),
      existing: existing.filter((r) => r.user_id === userId),
    });
    events.push(...added);
    if (added.length > 0) changed = true;
  }
  return changed;
}

const reminderStates: ReadonlyArray<ReminderRow['state']> = [
  'SCHEDULED',
  'FIRED',
  'ACKNOWLEDGED',
  'DISMISSED',
  'CANCELLED',
];

interface Inheritance {
  userId: string;
  snapshot: TaskSnapshot;
  predecessorId: string;
  origin: EventOrigin;
}

/** Copies `userId`'s tags of the predecessor onto the new instance (`task.tagged` each). */
async function inheritTags(trx: Transaction<PlanningDatabase>, i: Inheritance): Promise<NewEvent[]> {
  const tags = (await tagsForTasks(trx, i.userId, [i.predecessorId])).get(i.predecessorId) ?? [];
  const added = await addTaskTags(trx, i.userId, i.snapshot.id, tags);
  return added.map((tag) => taskTagEvent('task.tagged', i.origin, i.userId, i.snapshot.id, tag));
}

/**
 * One reminder per relative offset `userId` had on the predecessor (its definitions, whatever
 * happened to its firings), timed against the new due time, unless the instance has it already.
 */
async function inheritReminders(
  trx: Transaction<PlanningDatabase>,
  i: Inheritance,
  due: Date,
  reminders: { predecessor: readonly ReminderRow[]; existing: readonly ReminderRow[] },
): Promise<NewEvent[]> {
  const existingOffsets = new Set(reminders.existing.map((r) => r.offset_minutes));
  const offsets = [
    ...new Set(reminders.predecessor.flatMap((r) => (r.offset_minutes === null ? [] : [r.offset_minutes]))),
  ]
    .filter((o) => !existingOffsets.has(o))
    .sort((a, b) => a - b);
  const created = await insertReminders(
    trx,
    offsets.map((offsetMinutes) => ({
      userId: i.userId,
      taskId: i.snapshot.id,
      offsetMinutes,
      remindAt: new Date(due.getTime() - offsetMinutes * 60_000),
    })),
  );
  return created.map((r) => reminderEvent('reminder.added', i.origin, r, {}));
}

async function retimeRelativeReminders(
  trx: Transaction<PlanningDatabase>,
  event: PlanningSyncEvent,
  newDue: Date | null,
  events: NewEvent[],
): Promise<boolean> {
  const origin = originOf(event);
  const now = Date.now();
  let changed = false;
  for (const r of await lockTaskReminders(trx, event.subject)) {
    if (r.offset_minutes === null) continue; // every member's relative reminders
    if (!newDue) {
      if (r.state !== 'SCHEDULED') continue;
      const after = await cancelReminderRow(trx, r.id, 'due-cleared');
      events.push(reminderEvent('reminder.cancelled', origin, after, { reason: 'due-cleared' }));
      changed = true;
      continue;
    }
    const remindAt = new Date(newDue.getTime() - r.offset_minutes * 60_000);
    if (remindAt.getTime() === r.remind_at.getTime()) continue;
    // Pending ones move; ones that already fired re-arm only for a future time (the deadline
    // moved out, so the reminder is about the new deadline). Dismissed/cancelled stay so.
    const movable =
      r.state === 'SCHEDULED' || ((r.state === 'FIRED' || r.state === 'ACKNOWLEDGED') && remindAt.getTime() > now);
    if (!movable) continue;
    const after = await rescheduleReminderRow(trx, r.id, remindAt);
    events.push(reminderEvent('reminder.rescheduled', origin, after, { previousRemindAt: r.remind_at.toISOString() }));
    changed = true;
  }
  return changed;
}

async function cancelReminders(
  trx: Transaction<PlanningDatabase>,
  event: PlanningSyncEvent,
  states: ReadonlyArray<ReminderRow['state']>,
  reason: 'task-deleted' | 'task-completed' | 'task-trashed',
  events: NewEvent[],
): Promise<boolean> {
  const origin = originOf(event);
  let changed = false;
  for (const r of await lockTaskReminders(trx, event.subject)) {
    if (!states.includes(r.state)) continue; // every member's reminders on the task
    const after = await cancelReminderRow(trx, r.id, reason);
    events.push(reminderEvent('reminder.cancelled', origin, after, { reason }));
    changed = true;
  }
  return changed;
}

/**
 * Reopening a task brings back the reminders its completion cancelled (every member's), and
 * restoring it from the Trash those its trashing paused, where they still lie ahead:
 * `reminder.rescheduled` at their own time. Events of one task are handled in order, so a
 * reopen right after the completion finds its cancellations done.
 */
async function restoreReminders(
  trx: Transaction<PlanningDatabase>,
  event: PlanningSyncEvent,
  reason: 'task-completed' | 'task-trashed',
  events: NewEvent[],
): Promise<boolean> {
  const restored = await restoreCancelledReminders(trx, event.subject, reason, new Date());
  for (const r of restored) {
    events.push(
      reminderEvent('reminder.rescheduled', originOf(event), r, { previousRemindAt: r.remind_at.toISOString() }),
    );
  }
  return restored.length > 0;
}
