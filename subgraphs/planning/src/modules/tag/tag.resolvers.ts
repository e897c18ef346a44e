import { enqueueEvents } from '@taskwire/platform/outbox';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { badUserInput, notFound, unauthenticated } from '@taskwire/platform/errors';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from '../../generated/graphql.js';
import type { PlanningContext } from '../../context.js';
import { planningSchema } from '../../db/database.js';
import type { EventOrigin } from '@taskwire/platform/events';
import { taskTagEvent } from '../events.js';
import { lockTaskState, mayUseTask, waitForUsableTask } from '../task-state/task-state.repository.js';
import { holdLiveUser } from '../user-erasure/user-erasure.repository.js';
import { parseColor, parseId, parseTagName } from '../validation.js';
import {
  addTaskTags,
  deleteTagEverywhere,
  ensureTags,
  findTagById,
  insertTag,
  listTags,
  removeTaskTags,
  tagsForTasks,
} from './tag.repository.js';

export const maxTagsPerTask = 50;

/** A request that raced its account's deletion past the gateway writes nothing. */
export const accountGone = () => unauthenticated('the account of this token no longer exists');

export function originOf(ctx: PlanningContext, userId: string): EventOrigin {
  return { actor: userId, traceparent: ctx.traceparent, correlationId: ctx.requestId };
}

/** Loads a live task the signed-in user may use from the projection (waiting briefly for a new one). @throws NOT_FOUND. */
export async function requireUsableTask(ctx: PlanningContext, userId: string, taskId: string) {
  const task = await waitForUsableTask(ctx.db, userId, taskId, { waitMs: ctx.taskProjectionWaitMs });
  if (!task) throw notFound('Task', taskId);
  return task;
}

export const tagResolvers: Resolvers = {
  Query: {
    tags: (_parent, _args, ctx) => listTags(ctx.db, requireUser(ctx)),
  },
  Mutation: {
    createTag: async (_parent, args, ctx) => {
      const userId = requireUser(ctx);
      const name = parseTagName('name', args.name);
      const color = parseColor('color', args.color);
      return mutationTransaction(ctx.db, async (trx) => {
        if (!(await holdLiveUser(trx, userId))) throw accountGone();
        const tag = await insertTag(trx, { userId, name, color });
        if (!tag)
          throw badUserInput('name', `a tag named ${JSON.stringify(name)} already exists (names are case-insensitive)`);
        return tag;
      });
    },
    deleteTag: async (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      parseId('id', id);
      await mutationTransaction(ctx.db, async (trx) => {
        const tag = await findTagById(trx, userId, id);
        if (!tag) throw notFound('Tag', id);
        const taskIds = await deleteTagEverywhere(trx, userId, id);
        const origin = originOf(ctx, userId);
        await enqueueEvents(
          trx,
          planningSchema,
          taskIds.map((taskId) => taskTagEvent('task.untagged', origin, userId, taskId, tag)),
        );
      });
      return id;
    },
    setTaskTags: async (_parent, { taskId, names }, ctx) => {
      const userId = requireUser(ctx);
      parseId('taskId', taskId);
      if (names.length > maxTagsPerTask)
        throw badUserInput('names', `at most ${maxTagsPerTask} tags per task, got ${names.length}`);
      const wanted = new Map<string, string>(); // lower-case → first spelling given
      names.forEach((raw, i) => {
        const name = parseTagName(`names[${i}]`, raw);
        if (!wanted.has(name.toLowerCase())) wanted.set(name.toLowerCase(), name);
      });
      await requireUsableTask(ctx, userId, taskId);
      await mutationTransaction(ctx.db, async (trx) => {
        if (!(await holdLiveUser(trx, userId))) throw accountGone();
        // Lock the task's projection row: concurrent setTaskTags on one task see each other's result.
        const task = await lockTaskState(trx, taskId);
        if (!task || !(await mayUseTask(trx, task, userId))) throw notFound('Task', taskId);
        const desired = await ensureTags(trx, userId, [...wanted.values()]);
        const desiredIds = new Set(desired.map((t) => t.id));
        const current = (await tagsForTasks(trx, userId, [taskId])).get(taskId) ?? [];
        const currentIds = new Set(current.map((t) => t.id));
        const added = await addTaskTags(
          trx,
          userId,
          taskId,
          desired.filter((t) => !currentIds.has(t.id)),
        );
        const removed = await removeTaskTags(
          trx,
          taskId,
          current.filter((t) => !desiredIds.has(t.id)),
        );
        const origin = originOf(ctx, userId);
        await enqueueEvents(trx, planningSchema, [
          ...removed.map((t) => taskTagEvent('task.untagged', origin, userId, taskId, t)),
          ...added.map((t) => taskTagEvent('task.tagged', origin, userId, taskId, t)),
        ]);
      });
      ctx.loaders.tagsByTask.clear(taskId);
      ctx.loaders.remindersByTask.clear(taskId);
      return { id: taskId };
    },
  },
  Tag: {
    id: (tag) => tag.id,
    name: (tag) => tag.name,
    color: (tag) => tag.color,
  },
};
