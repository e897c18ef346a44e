import { enqueueEvents } from '@taskwire/platform/outbox';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { badUserInput, notFound } from '@taskwire/platform/errors';
import { instantInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from '../../generated/graphql.js';
import { planningSchema } from '../../db/database.js';
import { reminderAcknowledgedEvent, reminderEvent } from '../events.js';
import { accountGone, originOf, requireUsableTask } from '../tag/tag.resolvers.js';
import { holdLiveUser } from '../user-erasure/user-erasure.repository.js';
import { dueInstant, lockTaskState, mayUseTask } from '../task-state/task-state.repository.js';
import { maxOffsetMinutes, parseId } from '../validation.js';
import {
  acknowledgeLatestFiring,
  insertReminders,
  lockReminder,
  notifyReminderChange,
  setReminderState,
  snoozeReminderRow,
} from './reminder.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const reminderResolvers: Resolvers = {
  Mutation: {
    addReminder: async (_parent, { input }, ctx) => {
      const userId = requireUser(ctx);
      parseId('input.taskId', input.taskId);
      const hasAt = input.remindAt !== null && input.remindAt !== undefined;
      const hasOffset = input.offsetMinutes !== null && input.offsetMinutes !== undefined;
      if (hasAt === hasOffset) {
        throw badUserInput(
          hasAt ? 'input.offsetMinutes' : 'input.remindAt',
          `give exactly one of input.remindAt (absolute) and input.offsetMinutes (before the due time), got ${hasAt ? 'both' : 'neither'}`,
        );
      }
      let remindAt: Date | null = null;
      if (hasAt) {
        remindAt = instantInput(input.remindAt, 'input.remindAt');
        if (remindAt.getTime() <= Date.now()) {
          throw badUserInput('input.remindAt', `input.remindAt must be in the future, got ${input.remindAt}`);
        }
      } else {
        const offset = input.offsetMinutes as number;
        if (!Number.isInteger(offset) || offset < 0 || offset > maxOffsetMinutes) {
          throw badUserInput(
            'input.offsetMinutes',
            `input.offsetMinutes must be an integer from 0 to ${maxOffsetMinutes} (one year), got ${offset}`,
          );
        }
      }
      await requireUsableTask(ctx, userId, input.taskId);
      const reminder = await mutationTransaction(ctx.db, async (trx) => {
        if (!(await holdLiveUser(trx, userId))) throw accountGone();
        const task = await lockTaskState(trx, input.taskId);
        if (!task || !(await mayUseTask(trx, task, userId))) throw notFound('Task', input.taskId);
        if (task.status === 'COMPLETED') {
          throw badUserInput('input.taskId', `task ${input.taskId} is completed; reopen it to add reminders`);
        }
        if (!remindAt) {
          const due = dueInstant(task);
          if (!due) {
            throw badUserInput(
              'input.offsetMinutes',
              `a relative reminder needs the task's due time, and task ${input.taskId} has none; use input.remindAt or set a due time`,
            );
          }
          remindAt = new Date(due.getTime() - (input.offsetMinutes as number) * 60_000);
        }
        const [row] = await insertReminders(trx, [
          { userId, taskId: input.taskId, remindAt, offsetMinutes: hasOffset ? (input.offsetMinutes as number) : null },
        ]);
        await enqueueEvents(trx, planningSchema, [reminderEvent('reminder.added', originOf(ctx, userId), row!, {})]);
        await notifyReminderChange(trx);
        return row!;
      });
      return reminder;
    },
    snoozeReminder: async (_parent, { id, until }, ctx) => {
      const userId = requireUser(ctx);
      parseId('id', id);
      const untilAt = instantInput(until, 'until');
      if (untilAt.getTime() <= Date.now()) throw badUserInput('until', `until must be in the future, got ${until}`);
      return mutationTransaction(ctx.db, async (trx) => {
        const before = await lockReminder(trx, userId, id);
        if (!before) throw notFound('Reminder', id);
        if (before.state === 'DISMISSED' || before.state === 'CANCELLED') {
          throw badUserInput(
            'id',
            `only a scheduled, fired or acknowledged reminder can be snoozed; reminder ${id} is ${before.state}`,
          );
        }
        // A reminder must not come back for a task that is done or gone.
        const task = await lockTaskState(trx, before.task_id);
        if (task && (task.deleted || task.trashed || task.status === 'COMPLETED')) {
          const state = task.deleted || task.trashed ? 'deleted' : 'completed';
          throw badUserInput('id', `reminder ${id} belongs to a ${state} task and cannot be snoozed`);
        }
        const after = await snoozeReminderRow(trx, id, untilAt);
        const origin = originOf(ctx, userId);
        const answered = before.state === 'FIRED' ? await acknowledgeLatestFiring(trx, id) : undefined;
        await enqueueEvents(trx, planningSchema, [
          reminderEvent('reminder.snoozed', origin, after, {
            previousRemindAt: (before.snoozed_until ?? before.remind_at).toISOString(),
          }),
          ...(answered ? [reminderAcknowledgedEvent(origin, answered)] : []),
        ]);
        await notifyReminderChange(trx);
        return after;
      });
    },
    dismissReminder: async (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      parseId('id', id);
      return mutationTransaction(ctx.db, async (trx) => {
        const before = await lockReminder(trx, userId, id);
        if (!before) throw notFound('Reminder', id);
        if (before.state === 'DISMISSED') return before;
        if (before.state === 'CANCELLED')
          throw badUserInput('id', `reminder ${id} is CANCELLED (its task was completed or deleted)`);
        const after = await setReminderState(trx, id, 'DISMISSED');
        // Dismissing a fired reminder answers it: the notifier must not e-mail that firing.
        const origin = originOf(ctx, userId);
        const answered = await acknowledgeLatestFiring(trx, id);
        await enqueueEvents(trx, planningSchema, [
          reminderEvent('reminder.dismissed', origin, after, {}),
          ...(answered ? [reminderAcknowledgedEvent(origin, answered)] : []),
        ]);
        return after;
      });
    },
    acknowledgeReminder: async (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      parseId('id', id);
      return mutationTransaction(ctx.db, async (trx) => {
        const before = await lockReminder(trx, userId, id);
        if (!before) throw notFound('Reminder', id);
        if (before.state === 'ACKNOWLEDGED') return before;
        if (before.state !== 'FIRED')
          throw badUserInput('id', `only a FIRED reminder can be acknowledged; reminder ${id} is ${before.state}`);
        const after = await setReminderState(trx, id, 'ACKNOWLEDGED');
        const answered = await acknowledgeLatestFiring(trx, id);
        if (answered)
          await enqueueEvents(trx, planningSchema, [reminderAcknowledgedEvent(originOf(ctx, userId), answered)]);
        return after;
      });
    },
  },
  Reminder: {
    id: (r) => r.id,
    task: (r) => ({ id: r.task_id }),
    remindAt: (r) => r.remind_at.toISOString(),
    offsetMinutes: (r) => r.offset_minutes,
    state: (r) => r.state,
    firedAt: (r) => iso(r.fired_at),
    snoozedUntil: (r) => iso(r.snoozed_until),
  },
};
