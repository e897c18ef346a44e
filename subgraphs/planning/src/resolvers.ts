import { mergeResolvers } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from './generated/graphql.js';
import { reminderResolvers } from './modules/reminder/reminder.resolvers.js';
import { tagResolvers } from './modules/tag/tag.resolvers.js';
import { taskResolvers } from './modules/task/task.resolvers.js';

/**
 * Every planning resolver. `Subscription.reminderDue` is not here: federated subscriptions
 * are built separately (they attach a graphql-ws server to `startPlanningService().httpServer`).
 */
export const planningResolvers: Resolvers = mergeResolvers([tagResolvers, reminderResolvers, taskResolvers]);
