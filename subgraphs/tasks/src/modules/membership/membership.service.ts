import type { Transaction } from 'kysely';
import { badUserInput, notFound, tooManyRequests } from '@taskwire/platform/errors';
import type { EventOrigin, NewEvent } from '@taskwire/platform/events';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { emailInput } from '@taskwire/platform/input';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { tasksSchemaName, type TasksDatabase } from '../../db/database.js';
import type { ProjectRole } from '../../generated/graphql.js';
import { diffProjects, projectUpdatedEvent } from '../project/project.events.js';
import type { ProjectModel } from '../project/project.model.js';
import { findProjectById } from '../project/project.repository.js';
import { findLiveProfile } from '../user-projection/user-projection.repository.js';
import { projectForWrite, requireLiveUser, reread } from '../project/project.service.js';
import { taskUpdatedEvent } from '../task/task.events.js';
import type { TaskServiceDeps } from '../task/task.service.js';
import { memberAddedEvent, memberInvitedEvent, memberRemovedEvent, memberUpdatedEvent } from './membership.events.js';
import {
  addMember,
  deleteInvitation,
  deleteMember,
  findSuccessor,
  findVerifiedUserId,
  lockMember,
  lockMembershipsOf,
  reattributeInvitations,
  reattributeTasks,
  setMemberRole,
  setProjectOwner,
  takeInvitationsFor,
  takeShareQuota,
  unassignFromProject,
  upsertInvitation,
} from './membership.repository.js';

type Trx = Transaction<TasksDatabase>;

/** Shares that send mail (new members, new invitations) per user and UTC day, unless configured. */
export const defaultSharesPerDay = 50;

/** A role a share or a role change may give: the owner is made only by transferProjectOwnership. */
function memberRole(role: ProjectRole, field: string): 'EDITOR' | 'VIEWER' {
  if (role === 'OWNER') {
    throw badUserInput(
      field,
      `${field} expected EDITOR or VIEWER (transferProjectOwnership makes a member the owner), got OWNER`,
    );
  }
  return role;
}

/** Seconds until the next UTC midnight, when the share allowance starts again. */
function secondsToNextUtcDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

async function chargeShare(trx: Trx, deps: TaskServiceDeps, userId: string): Promise<void> {
  const now = deps.now();
  const limit = deps.sharesPerDay ?? defaultSharesPerDay;
  if (!(await takeShareQuota(trx, userId, now.toISOString().slice(0, 10), limit))) {
    throw tooManyRequests(
      `at most ${limit} shares that send mail per day; try again tomorrow (UTC)`,
      secondsToNextUtcDay(now),
    );
  }
}

/**
 * Tasks of the project assigned to `memberId` lose their assignee (a member leaving or
 * removed); one `task.updated` each.
 */
async function unassign(trx: Trx, deps: TaskServiceDeps, projectId: string, memberId: string, origin: EventOrigin) {
  const tasks = await unassignFromProject(trx, projectId, memberId, deps.now());
  const change = { field: 'assigneeId', old: memberId, new: null };
  return tasks.map((task) => taskUpdatedEvent(task, [change], origin));
}

export async function shareProject(
  deps: TaskServiceDeps,
  userId: string,
  projectId: string,
  input: { email: string; role: ProjectRole },
  origin: EventOrigin,
): Promise<ProjectModel> {
  const email = emailInput(input.email, 'email');
  const emailLower = email.toLowerCase();
  const role = memberRole(input.role, 'role');
  return mutationTransaction(deps.db, async (trx) => {
    await requireLiveUser(trx, userId);
    const project = await projectForWrite(trx, userId, projectId, 'manage', 'update');
    if (project.is_inbox) throw badUserInput('projectId', 'the Inbox cannot be shared');
    const events: NewEvent[] = [];
    const memberId = await findVerifiedUserId(trx, emailLower);
    if (memberId === userId) throw badUserInput('email', 'this is your own address: you own the project already');
    if (memberId) {
      await deleteInvitation(trx, project.id, emailLower);
      const existing = await lockMember(trx, project.id, memberId);
      if (!existing) {
        await chargeShare(trx, deps, userId);
        events.push(memberAddedEvent(project, await addMember(trx, project.id, memberId, role), origin));
      } else if (existing.role !== role) {
        const updated = await setMemberRole(trx, project.id, memberId, role);
        events.push(memberUpdatedEvent(project, updated, existing.role, origin));
      }
    } else {
      const { invitation, created } = await upsertInvitation(trx, {
        project_id: project.id,
        email,
        email_lower: emailLower,
        role,
        invited_by: userId,
      });
      if (created) {
        await chargeShare(trx, deps, userId);
        events.push(memberInvitedEvent(project, invitation, origin));
      }
    }
    await enqueueEvents(trx, tasksSchemaName, events);
    return reread(trx, userId, project.id);
  });
}

export async function cancelProjectInvitation(
  deps: TaskServiceDeps,
  userId: string,
  projectId: string,
  email: string,
): Promise<ProjectModel> {
  const emailLower = emailInput(email, 'email').toLowerCase();
  return mutationTransaction(deps.db, async (trx) => {
    const project = await projectForWrite(trx, userId, projectId, 'manage', 'update');
    if (!(await deleteInvitation(trx, project.id, emailLower))) throw notFound('invitation of', email);
    return reread(trx, userId, project.id);
  });
}

/** The member `memberId` of the project (not its owner), locked. @throws NOT_FOUND, BAD_USER_INPUT. */
async function nonOwnerMember(trx: Trx, projectId: string, memberId: string, what: string) {
  const member = await lockMember(trx, projectId, memberId);
  if (!member) throw notFound('member', memberId);
  if (member.role === 'OWNER') {
    throw badUserInput('userId', `the owner ${what}; transferProjectOwnership makes another member the owner first`);
  }
  return member;
}

export async function changeMemberRole(
  deps: TaskServiceDeps,
  userId: string,
  projectId: string,
  input: { userId: string; role: ProjectRole },
  origin: EventOrigin,
): Promise<ProjectModel> {
  const role = memberRole(input.role, 'role');
  return mutationTransaction(deps.db, async (trx) => {
    const project = await projectForWrite(trx, userId, projectId, 'manage', 'update');
    const member = await nonOwnerMember(trx, project.id, input.userId, 'keeps the OWNER role');
    if (member.role !== role) {
      const updated = await setMemberRole(trx, project.id, member.user_id, role);
      await enqueueEvents(trx, tasksSchemaName, [memberUpdatedEvent(project, updated, member.role, origin)]);
    }
    return reread(trx, userId, project.id);
  });
}

export async function removeMember(
  deps: TaskServiceDeps,
  userId: string,
  projectId: string,
  memberId: string,
  origin: EventOrigin,
): Promise<ProjectModel> {
  return mutationTransaction(deps.db, async (trx) => {
    const project = await projectForWrite(trx, userId, projectId, 'manage', 'update');
    const member = await nonOwnerMember(trx, project.id, memberId, 'cannot be removed');
    const events = await unassign(trx, deps, project.id, member.user_id, origin);
    await deleteMember(trx, project.id, member.user_id);
    await enqueueEvents(trx, tasksSchemaName, [...events, memberRemovedEvent(project, member, 'removed', origin)]);
    return reread(trx, userId, project.id);
  });
}

export async function leaveProject(
  deps: TaskServiceDeps,
  userId: string,
  projectId: string,
  origin: EventOrigin,
): Promise<string> {
  return mutationTransaction(deps.db, async (trx) => {
    const project = await projectForWrite(trx, userId, projectId, 'read', 'update');
    if (project.role === 'OWNER') {
      throw badUserInput(
        'projectId',
        'the owner cannot leave the project: make another member the owner first (transferProjectOwnership), or delete it',
      );
    }
    const member = (await lockMember(trx, project.id, userId))!;
    const events = await unassign(trx, deps, project.id, userId, origin);
    await deleteMember(trx, project.id, userId);
    await enqueueEvents(trx, tasksSchemaName, [...events, memberRemovedEvent(project, member, 'left', origin)]);
    return project.id;
  });
}

/**
 * Makes member `newOwnerId` the owner in `trx`; the previous owner stays as an EDITOR (account
 * deletion removes them next). Returns the events to write
 * (`all`: the project's, the new owner's and the previous owner's), and the new owner's alone.
 */
export async function handOver(
  trx: Trx,
  now: Date,
  project: ProjectModel,
  newOwnerId: string,
  origin: EventOrigin,
): Promise<{ all: NewEvent[]; promotion: NewEvent }> {
  const target = await lockMember(trx, project.id, newOwnerId);
  if (!target) throw notFound('member', newOwnerId);
  const previousOwner = (await lockMember(trx, project.id, project.owner_id))!;
  const promoted = await setMemberRole(trx, project.id, newOwnerId, 'OWNER');
  const demoted = await setMemberRole(trx, project.id, previousOwner.user_id, 'EDITOR');
  await setProjectOwner(trx, project.id, newOwnerId, now);
  const after = { ...project, owner_id: newOwnerId, updated_at: now };
  const promotion = memberUpdatedEvent(after, promoted, target.role, origin);
  return {
    all: [
      projectUpdatedEvent(after, diffProjects(project, after), origin),
      promotion,
      memberUpdatedEvent(after, demoted, 'OWNER', origin),
    ],
    promotion,
  };
}

export async function transferProjectOwnership(
  deps: TaskServiceDeps,
  userId: string,
  projectId: string,
  newOwnerId: string,
  origin: EventOrigin,
): Promise<ProjectModel> {
  return mutationTransaction(deps.db, async (trx) => {
    const project = await projectForWrite(trx, userId, projectId, 'manage', 'update');
    if (project.is_inbox) throw badUserInput('projectId', 'the Inbox always belongs to its user');
    if (newOwnerId !== userId) {
      await enqueueEvents(trx, tasksSchemaName, (await handOver(trx, deps.now(), project, newOwnerId, origin)).all);
    }
    return reread(trx, userId, project.id);
  });
}

/**
 * Account deletion, before the user's rows are erased: every shared project they owned passes
 * to its longest-standing editor (else viewer), and they leave every project; tasks they
 * created there stay, re-attributed to the project's owner, and tasks assigned to them are
 * unassigned. Projects with no other member are left for the erasure (deleted with their tasks).
 * Returns the events to write (actor: the system): one `member.updated` per successor, and
 * nothing that names the deleted user.
 */
export async function endMemberships(trx: Trx, userId: string, now: Date, origin: EventOrigin): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  for (const project of await lockMembershipsOf(trx, userId)) {
    if (project.is_inbox) continue;
    let current: ProjectModel = project;
    if (project.role === 'OWNER') {
      const successor = await findSuccessor(trx, project.id, userId);
      if (!successor) continue;
      // Only the successor's promotion is told: the project's and the demoted owner's events
      // would name the deleted user.
      events.push((await handOver(trx, now, project, successor, origin)).promotion);
      current = { ...project, owner_id: successor, updated_at: now, role: 'EDITOR' };
    }
    // Silently, like the rest of the erasure: every consumer forgets the user (their
    // memberships included) on user.deleted, and no event written now may name them.
    await unassignFromProject(trx, project.id, userId, now);
    await reattributeTasks(trx, project.id, userId, current.owner_id);
    await deleteMember(trx, project.id, userId);
  }
  await reattributeInvitations(trx, userId);
  return events;
}

/**
 * The user's verified address (as projected) turns the invitations to it into memberships, one
 * `member.added` each (actor: the system). Nothing happens while it is unverified.
 */
export async function acceptInvitations(trx: Trx, userId: string, origin: EventOrigin): Promise<NewEvent[]> {
  const profile = await findLiveProfile(trx, userId);
  if (!profile?.email_lower || !profile.email_verified) return [];
  const events: NewEvent[] = [];
  for (const invitation of await takeInvitationsFor(trx, profile.email_lower)) {
    const project = await findProjectById(trx, invitation.project_id);
    if (!project || (await lockMember(trx, project.id, userId))) continue;
    events.push(memberAddedEvent(project, await addMember(trx, project.id, userId, invitation.role), origin));
  }
  return events;
}
