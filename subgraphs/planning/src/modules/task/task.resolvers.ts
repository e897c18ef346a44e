import { requireUser } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from '../../generated/graphql.js';

/**
 * planning's part of the `Task` entity. The reference needs no lookup: tags and reminders
 * are read scoped to the signed-in user, so another user's task id shows empty lists and
 * reveals nothing. Both fields are batched per request (DataLoader, one query per batch).
 */
export const taskResolvers: Resolvers = {
  Task: {
    __resolveReference: (ref) => ({ id: ref.id }),
    tags: (task, _args, ctx) => {
      requireUser(ctx);
      return ctx.loaders.tagsByTask.load(task.id);
    },
    reminders: (task, _args, ctx) => {
      requireUser(ctx);
      return ctx.loaders.remindersByTask.load(task.id);
    },
  },
};
