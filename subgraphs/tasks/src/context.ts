import DataLoader from 'dataloader';
import type { EventOrigin } from '@taskwire/platform/events';
import type { RequestContext } from '@taskwire/platform/subgraph-server';
import type { TaskServiceDeps } from './modules/task/task.service.js';
import { findSubtasksForUser, findTasksForUser, type MemberTaskRow } from './modules/task/task.repository.js';
import type { ProjectMemberRow, ProjectModel } from './modules/project/project.model.js';
import { findMembers, findProjectsByIdsForUser } from './modules/project/project.repository.js';
import { findInvitations, type InvitationRow } from './modules/membership/membership.repository.js';

export interface TasksContext extends RequestContext {
  deps: TaskServiceDeps;
  /** The signed-in user's tasks by id (null for missing or others'): one query per batch. */
  taskLoader: DataLoader<string, MemberTaskRow | null>;
  /** Direct subtasks the signed-in user may see, by parent id, in manual order: one query per batch. */
  subtasksLoader: DataLoader<string, MemberTaskRow[]>;
  /** The signed-in user's projects by id (null for missing or not a member): one query per batch. */
  projectLoader: DataLoader<string, ProjectModel | null>;
  /** Members of each project by project id: one query per batch. */
  membersLoader: DataLoader<string, ProjectMemberRow[]>;
  /** Pending invitations of each project by project id: one query per batch. */
  invitationsLoader: DataLoader<string, InvitationRow[]>;
}

/** Who caused an event (the signed-in user) and the request it came from. */
export function eventOrigin(ctx: TasksContext, userId: string): EventOrigin {
  return { actor: userId, traceparent: ctx.traceparent, correlationId: ctx.requestId };
}

export function createTasksContext(base: RequestContext, deps: TaskServiceDeps): TasksContext {
  const userId = base.user?.id ?? null;
  const taskLoader = new DataLoader<string, MemberTaskRow | null>(async (ids) => {
    if (!userId) return ids.map(() => null);
    const rows = await findTasksForUser(deps.db, userId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const subtasksLoader = new DataLoader<string, MemberTaskRow[]>(async (parentIds) => {
    if (!userId) return parentIds.map(() => []);
    const rows = await findSubtasksForUser(deps.db, userId, parentIds);
    return parentIds.map((id) => rows.filter((r) => r.parent_id === id));
  });
  const projectLoader = new DataLoader<string, ProjectModel | null>(async (ids) => {
    if (!userId) return ids.map(() => null);
    const rows = await findProjectsByIdsForUser(deps.db, userId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const membersLoader = new DataLoader<string, ProjectMemberRow[]>(async (projectIds) => {
    const rows = await findMembers(deps.db, projectIds);
    return projectIds.map((id) => rows.filter((r) => r.project_id === id));
  });
  const invitationsLoader = new DataLoader<string, InvitationRow[]>(async (projectIds) => {
    const rows = await findInvitations(deps.db, projectIds);
    return projectIds.map((id) => rows.filter((r) => r.project_id === id));
  });
  return { ...base, deps, taskLoader, subtasksLoader, projectLoader, membersLoader, invitationsLoader };
}
