import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { ProjectInvitationsTable, TasksDatabase } from '../../db/database.js';
import type { ProjectMemberRow, ProjectRole } from '../project/project.model.js';
import { nextPosition } from '../project/project.repository.js';
import { taskColumns } from '../task/task.repository.js';
import type { TaskRow } from '../task/task.model.js';
import type { Selectable } from 'kysely';

type Db = Executor<TasksDatabase>;

export type InvitationRow = Selectable<ProjectInvitationsTable>;

/** Adds `userId` to the project, last in their own list of projects. */
export async function addMember(
  trx: Db,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<ProjectMemberRow> {
  const position = await nextPosition(trx, userId);
  return trx
    .insertInto('project_members')
    .values({ project_id: projectId, user_id: userId, role, position })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The membership, locked (`for update`) until the end of the transaction, or undefined. */
export async function lockMember(trx: Db, projectId: string, userId: string): Promise<ProjectMemberRow | undefined> {
  return trx
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setMemberRole(
  trx: Db,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<ProjectMemberRow> {
  return trx
    .updateTable('project_members')
    .set({ role })
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteMember(trx: Db, projectId: string, userId: string): Promise<void> {
  await trx.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
}

/** Unassigns the user from every task of the project; returns the tasks as they are now. */
export async function unassignFromProject(trx: Db, projectId: string, userId: string, now: Date): Promise<TaskRow[]> {
  return trx
    .updateTable('tasks')
    .set({ assignee_id: null, updated_at: now })
    .where('project_id', '=', projectId)
    .where('assignee_id', '=', userId)
    .returning(taskColumns)
    .execute();
}

/** Makes `ownerId` the project's owner of record (their membership role is set separately). */
export async function setProjectOwner(trx: Db, projectId: string, ownerId: string, now: Date): Promise<void> {
  await trx.updateTable('projects').set({ owner_id: ownerId, updated_at: now }).where('id', '=', projectId).execute();
}

/**
 * Records (or re-roles) an invitation of an address to the project.
 * @returns the invitation and whether it is new (a new one is mailed).
 */
export async function upsertInvitation(
  trx: Db,
  invitation: Pick<InvitationRow, 'project_id' | 'email' | 'email_lower' | 'role' | 'invited_by'>,
): Promise<{ invitation: InvitationRow; created: boolean }> {
  const existing = await trx
    .selectFrom('project_invitations')
    .selectAll()
    .where('project_id', '=', invitation.project_id)
    .where('email_lower', '=', invitation.email_lower)
    .forUpdate()
    .executeTakeFirst();
  if (existing) {
    const updated = await trx
      .updateTable('project_invitations')
      .set({ role: invitation.role })
      .where('project_id', '=', invitation.project_id)
      .where('email_lower', '=', invitation.email_lower)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { invitation: updated, created: false };
  }
  const created = await trx
    .insertInto('project_invitations')
    .values(invitation)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { invitation: created, created: true };
}

export async function deleteInvitation(trx: Db, projectId: string, emailLower: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('project_invitations')
    .where('project_id', '=', projectId)
    .where('email_lower', '=', emailLower)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Pending invitations of each project among `projectIds`, oldest first. */
export async function findInvitations(db: Db, projectIds: readonly string[]): Promise<InvitationRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('project_invitations')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('invited_at')
    .orderBy('email_lower')
    .execute();
}

/** Every invitation to an address, locked and deleted (they become memberships). */
export async function takeInvitationsFor(trx: Db, emailLower: string): Promise<InvitationRow[]> {
  return trx.deleteFrom('project_invitations').where('email_lower', '=', emailLower).returningAll().execute();
}

/**
 * Counts one share that sends mail against the user's allowance for `day` (UTC).
 * @returns false, counting nothing, once `limit` shares were counted that day.
 */
export async function takeShareQuota(trx: Db, userId: string, day: string, limit: number): Promise<boolean> {
  const row = await trx
    .insertInto('share_quota')
    .values({ user_id: userId, day, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'day'])
        .doUpdateSet({ count: sql`share_quota.count + 1` })
        .where('share_quota.count', '<', limit),
    )
    .returning('count')
    .executeTakeFirst();
  return row !== undefined && row.count <= limit;
}

/** The id of the live user whose verified address this is (compared case-insensitively), if any. */
export async function findVerifiedUserId(db: Db, emailLower: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_profile')
    .select('user_id')
    .where('email_lower', '=', emailLower)
    .where('email_verified', '=', true)
    .where('deleted_at', 'is', null)
    .orderBy('source_updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.user_id;
}

/** Every membership of the user with its project, locked, projects in id order (erasure). */
export async function lockMembershipsOf(trx: Db, userId: string) {
  return trx
    .selectFrom('project_members as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .selectAll('p')
    .select(['m.role', 'm.position'])
    .where('m.user_id', '=', userId)
    .orderBy('p.id')
    .forUpdate()
    .execute();
}

/** The member who inherits a project: the longest-standing editor, else the longest-standing viewer. */
export async function findSuccessor(trx: Db, projectId: string, leavingId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('user_id', '!=', leavingId)
    .orderBy(sql`role = 'EDITOR'`, 'desc')
    .orderBy('joined_at')
    .orderBy('user_id')
    .limit(1)
    .executeTakeFirst();
  return row?.user_id;
}

/**
 * The deleted user's tasks in a project that outlives them pass to its owner, with no creator
 * named (`created_by` null), so no row names them.
 */
export async function reattributeTasks(
  trx: Db,
  projectId: string,
  fromUserId: string,
  toUserId: string,
): Promise<void> {
  await trx
    .updateTable('tasks')
    .set({ user_id: toUserId, created_by: null })
    .where('project_id', '=', projectId)
    .where('user_id', '=', fromUserId)
    .execute();
  await trx
    .updateTable('tasks')
    .set({ created_by: null })
    .where('project_id', '=', projectId)
    .where('created_by', '=', fromUserId)
    .execute();
}

/** Invitations the user sent name the project's owner instead (account deletion). */
export async function reattributeInvitations(trx: Db, fromUserId: string): Promise<void> {
  await sql`
    update project_invitations i set invited_by = p.owner_id
    from projects p where p.id = i.project_id and i.invited_by = ${fromUserId}`.execute(trx);
}
