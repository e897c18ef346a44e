import { textInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import { eventOrigin } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { taskQueryFilter } from '../task-query/task-query.service.js';
import { searchUserTasks } from '../task/task.service.js';
import {
  archiveProject,
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from './project.service.js';

/** Thin GraphQL layer over project.service.ts: authentication, ids and mapping. */
export const projectResolvers: Resolvers = {
  Query: {
    projects: (_parent, { includeArchived }, ctx) => {
      const userId = requireUser(ctx);
      return listProjects(ctx.deps, userId, includeArchived ?? false, eventOrigin(ctx, userId));
    },
    project: (_parent, { id }, ctx) => getProject(ctx.deps, requireUser(ctx), id),
  },
  Mutation: {
    createProject: (_parent, { input }, ctx) => {
      const userId = requireUser(ctx);
      return createProject(ctx.deps, userId, input, eventOrigin(ctx, userId));
    },
    updateProject: (_parent, { id, input }, ctx) => {
      const userId = requireUser(ctx);
      return updateProject(ctx.deps, userId, textInput(id, 'id'), input, eventOrigin(ctx, userId));
    },
    archiveProject: (_parent, { id, archived }, ctx) => {
      const userId = requireUser(ctx);
      return archiveProject(ctx.deps, userId, textInput(id, 'id'), archived ?? true, eventOrigin(ctx, userId));
    },
    deleteProject: (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      return deleteProject(ctx.deps, userId, textInput(id, 'id'), eventOrigin(ctx, userId));
    },
  },
  Project: {
    // Projects the reader is not a member of resolve to null, exactly like missing ones.
    __resolveReference: async (reference, ctx) => {
      requireUser(ctx);
      return ctx.projectLoader.load(reference.id);
    },
    id: (p) => p.id,
    name: (p) => p.name,
    color: (p) => p.color,
    position: (p) => p.position,
    archived: (p) => p.archived,
    isInbox: (p) => p.is_inbox,
    role: (p) => p.role,
    members: (p, _args, ctx) => ctx.membersLoader.load(p.id),
    tasks: async (p, args, ctx) => {
      const userId = requireUser(ctx);
      const expression = await taskQueryFilter(ctx.deps, userId, args.query);
      return searchUserTasks(ctx.deps, userId, args, { projectId: p.id, expression });
    },
    createdAt: (p) => p.created_at.toISOString(),
    updatedAt: (p) => p.updated_at.toISOString(),
  },
  ProjectMember: {
    user: (m) => ({ __typename: 'User', id: m.user_id }),
    role: (m) => m.role,
    joinedAt: (m) => m.joined_at.toISOString(),
  },
};
