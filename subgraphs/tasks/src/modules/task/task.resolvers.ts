import { notFound } from '@taskwire/platform/errors';
import { textInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import { eventOrigin } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { taskQueryFilter } from '../task-query/task-query.service.js';
import { isOverdue, recurrenceOf } from './task.mapper.js';
import { priorityName } from './task.model.js';
import {
  completeTask,
  createTask,
  moveTask,
  nextOccurrences,
  reopenTask,
  reorderTask,
  searchUserTasks,
  updateTask,
} from './task.service.js';
import { deleteTask, restoreTask, trashPage } from './task.trash.js';

const origin = eventOrigin;

/** Thin GraphQL layer: authentication, scoping and mapping; rules live in task.service.ts. */
export const taskResolvers: Resolvers = {
  Query: {
    // A missing task and someone else's are the same NOT_FOUND (never reveal that it exists).
    task: async (_parent, { id }, ctx) => {
      requireUser(ctx);
      const task = await ctx.taskLoader.load(textInput(id, 'id'));
      if (!task) throw notFound('task', id);
      return task;
    },
    tasks: async (_parent, args, ctx) => {
      const userId = requireUser(ctx);
      const expression = await taskQueryFilter(ctx.deps, userId, args.query);
      return searchUserTasks(ctx.deps, userId, args, { expression });
    },
    trash: (_parent, args, ctx) => trashPage(ctx.deps, requireUser(ctx), args),
  },
  Mutation: {
    createTask: (_parent, { input }, ctx) => {
      const userId = requireUser(ctx);
      return createTask(ctx.deps, userId, input, origin(ctx, userId));
    },
    updateTask: (_parent, { id, input }, ctx) => {
      const userId = requireUser(ctx);
      return updateTask(ctx.deps, userId, textInput(id, 'id'), input, origin(ctx, userId));
    },
    completeTask: (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      return completeTask(ctx.deps, userId, textInput(id, 'id'), origin(ctx, userId));
    },
    reopenTask: (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      return reopenTask(ctx.deps, userId, textInput(id, 'id'), origin(ctx, userId));
    },
    deleteTask: (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      return deleteTask(ctx.deps, userId, textInput(id, 'id'), origin(ctx, userId));
    },
    restoreTask: (_parent, { id }, ctx) => {
      const userId = requireUser(ctx);
      return restoreTask(ctx.deps, userId, textInput(id, 'id'), origin(ctx, userId));
    },
    reorderTask: (_parent, { id, afterId, beforeId }, ctx) => {
      const userId = requireUser(ctx);
      return reorderTask(ctx.deps, userId, textInput(id, 'id'), { afterId, beforeId }, origin(ctx, userId));
    },
    moveTask: (_parent, { id, projectId }, ctx) => {
      const userId = requireUser(ctx);
      const target = textInput(projectId, 'projectId');
      return moveTask(ctx.deps, userId, textInput(id, 'id'), target, origin(ctx, userId));
    },
  },
  Task: {
    // Others' tasks resolve to null, exactly like missing ones; one query per batch.
    __resolveReference: async (reference, ctx) => {
      requireUser(ctx);
      return ctx.taskLoader.load(reference.id);
    },
    id: (t) => t.id,
    title: (t) => t.title,
    description: (t) => t.description,
    priority: (t) => priorityName(t.priority),
    status: (t) => t.status,
    dueAt: (t) => t.due_at?.toISOString() ?? null,
    dueDate: (t) => t.due_date,
    position: (t) => t.position,
    parent: (t, _args, ctx) => (t.parent_id ? ctx.taskLoader.load(t.parent_id) : null),
    subtasks: (t, _args, ctx) => ctx.subtasksLoader.load(t.id),
    subtaskProgress: async (t, _args, ctx) => {
      const subtasks = await ctx.subtasksLoader.load(t.id);
      return { done: subtasks.filter((s) => s.status === 'COMPLETED').length, total: subtasks.length };
    },
    completedAt: (t) => t.completed_at?.toISOString() ?? null,
    trashedAt: (t) => t.trashed_at?.toISOString() ?? null,
    createdAt: (t) => t.created_at.toISOString(),
    updatedAt: (t) => t.updated_at.toISOString(),
    isOverdue: (t, _args, ctx) => isOverdue(t, ctx.deps.now()),
    recurrence: (t) => recurrenceOf(t),
    seriesId: (t) => t.series_id,
    occurrence: (t) => t.occurrence,
    nextOccurrences: (t, { count }) => nextOccurrences(t, count),
    owner: (t) => ({ __typename: 'User', id: t.user_id }),
    createdBy: (t) => (t.created_by ? { __typename: 'User', id: t.created_by } : null),
    assignee: (t) => (t.assignee_id ? { __typename: 'User', id: t.assignee_id } : null),
    project: async (t, _args, ctx) => {
      const project = await ctx.projectLoader.load(t.project_id);
      // Whoever read the task is a member of its project (tasks are read through memberships).
      if (!project) throw new Error(`task ${t.id}: project ${t.project_id} is not visible to its reader`);
      return project;
    },
    timeZone: (t) => t.time_zone,
  },
  TaskConnection: {
    edges: (c) => c.edges,
    pageInfo: (c) => c.pageInfo,
    totalCount: (c) => c.totalCount(),
  },
  PageInfo: {
    hasNextPage: (p) => p.hasNextPage(),
    hasPreviousPage: (p) => p.hasPreviousPage(),
    startCursor: (p) => p.startCursor,
    endCursor: (p) => p.endCursor,
  },
};
