import { mergeResolvers } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from './generated/graphql.js';
import { membershipResolvers } from './modules/membership/membership.resolvers.js';
import { quickAddResolvers } from './modules/quick-add/quick-add.resolvers.js';
import { savedViewResolvers } from './modules/saved-view/saved-view.resolvers.js';
import { projectResolvers } from './modules/project/project.resolvers.js';
import { taskResolvers } from './modules/task/task.resolvers.js';
import { taskChangeResolvers } from './modules/task-change/task-change.resolvers.js';

/** Every tasks resolver, merged per type. */
export const tasksResolvers: Resolvers = mergeResolvers([
  taskResolvers,
  projectResolvers,
  membershipResolvers,
  taskChangeResolvers,
  quickAddResolvers,
  savedViewResolvers,
]);
