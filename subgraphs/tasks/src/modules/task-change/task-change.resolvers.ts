import type { Resolvers } from '../../generated/graphql.js';

/**
 * `TaskChange` fields. The subscription's source (subgraphs/tasks/src/subscriptions) yields
 * the models; each is resolved with the subscriber's context, so `task` is what they may see
 * now (null once deleted or out of their sight).
 */
export const taskChangeResolvers: Resolvers = {
  TaskChange: {
    type: (change) => change.type,
    taskId: (change) => change.taskId,
    projectId: (change) => change.projectId,
    task: (change, _args, ctx) => (change.type === 'DELETED' ? null : ctx.taskLoader.load(change.taskId)),
    actor: (change) => (change.actorId ? { __typename: 'User', id: change.actorId } : null),
    at: (change) => change.at,
  },
};
