import { requireUser } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from '../../generated/graphql.js';
import { parseTaskDraft } from './quick-add.service.js';

/** Thin GraphQL layer over quick-add.service.ts: authentication and mapping. */
export const quickAddResolvers: Resolvers = {
  Query: {
    parseTask: (_parent, args, ctx) => parseTaskDraft(ctx.deps, requireUser(ctx), args),
  },
  TaskDraft: {
    dueAt: (d) => d.due?.dateTime?.toISOString() ?? null,
    dueDate: (d) => d.due?.date ?? null,
    priority: (d) => d.priority ?? 'MEDIUM',
    tagNames: (d) => [...d.tagNames],
    projectId: (d) => d.project?.id ?? null,
    reminderOffsetsMinutes: (d) => [...d.reminderOffsetsMinutes],
    parts: (d) => [...d.parts],
  },
};
