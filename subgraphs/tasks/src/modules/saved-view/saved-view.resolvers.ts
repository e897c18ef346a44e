import { textInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from '../../generated/graphql.js';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-view.service.js';

/** Thin GraphQL layer over saved-view.service.ts: authentication, ids and mapping. */
export const savedViewResolvers: Resolvers = {
  Query: {
    savedViews: (_parent, _args, ctx) => listSavedViews(ctx.deps, requireUser(ctx)),
  },
  Mutation: {
    createSavedView: (_parent, { input }, ctx) => createSavedView(ctx.deps, requireUser(ctx), input),
    updateSavedView: (_parent, { id, input }, ctx) =>
      updateSavedView(ctx.deps, requireUser(ctx), textInput(id, 'id'), input),
    deleteSavedView: (_parent, { id }, ctx) => deleteSavedView(ctx.deps, requireUser(ctx), textInput(id, 'id')),
  },
  SavedView: {
    id: (v) => v.id,
    name: (v) => v.name,
    query: (v) => v.query,
    sort: (v) => (v.sort_field ? { field: v.sort_field, direction: v.sort_direction ?? 'ASC' } : null),
    position: (v) => v.position,
    createdAt: (v) => v.created_at.toISOString(),
    updatedAt: (v) => v.updated_at.toISOString(),
  },
};
