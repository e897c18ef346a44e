import type { Resolvers } from './generated/graphql.js';
import { reminderResolvers } from './modules/reminder/reminder.resolvers.js';
import { tagResolvers } from './modules/tag/tag.resolvers.js';
import { taskResolvers } from './modules/task/task.resolvers.js';

/** Merges per-module resolver maps type by type (buildSubgraphSchema takes one map). */
function mergeResolvers(maps: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}

/**
 * Every planning resolver. `Subscription.reminderDue` is not here: federated subscriptions
 * are built separately (they attach a graphql-ws server to `startPlanningService().httpServer`).
 */
export const planningResolvers: Resolvers = mergeResolvers([tagResolvers, reminderResolvers, taskResolvers]);
