import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { AuditedEventType } from '@taskwire/platform/events';
import type { MembershipEvent } from '@taskwire/platform/project-members';
import type { AuditDB, ProjectRole } from '../../db/database.js';
import { erasedUsersAmong, holdUsersShared } from '../user-erasure/user-erasure.repository.js';

/**
 * Entries every member of the task's project reads: changes to the task itself. Tags and
 * reminders stay personal (docs/api.md "Projects"): their entries are their owner's alone.
 */
export const projectVisibleEventTypes = [
  'task.created',
  'task.updated',
  'task.completed',
  'task.reopened',
  'task.deleted',
  'task.trashed',
  'task.restored',
  'task.purged',
] as const satisfies readonly AuditedEventType[];

/** SQL: whether `userId` is a member of the current project of task `taskId` (an SQL expression). */
export function isMemberOfTaskProject(taskId: RawBuilder<unknown>, userId: string): RawBuilder<boolean> {
  return sql<boolean>`exists (
    select from task_project tp join project_member m on m.project_id = tp.project_id
    where tp.task_id = ${taskId} and m.user_id = ${userId} and m.removed_at is null)`;
}

/**
 * SQL: whether the project of task `taskId` is unknown here: no task-project row, or no member
 * ever seen (entries from before projects, an Inbox created silently by the migration that
 * introduced projects, or a project whose first events are not read yet).
 */
export function isTaskProjectUnknown(taskId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`not exists (
    select from task_project tp join project_member m on m.project_id = tp.project_id
    where tp.task_id = ${taskId})`;
}

/** The columns of an entry the erasure rule reads (SQL expressions). */
export interface EntryColumns {
  taskId: RawBuilder<unknown>;
  type: RawBuilder<unknown>;
  userId: RawBuilder<unknown>;
}

/**
 * SQL: whether an entry that names `erasedId` (as owner or actor) is kept, anonymised, when that
 * account is deleted: its task's project still has another member, and it is not the erased
 * user's own tag or reminder. Otherwise it goes, as the project's tasks do.
 */
export function survivesErasureOf(erasedId: RawBuilder<unknown> | string, entry: EntryColumns): RawBuilder<boolean> {
  return sql<boolean>`((${entry.type} = any(${projectVisibleEventTypes}::text[]) or ${entry.userId} is distinct from ${erasedId})
    and exists (
      select from task_project tp join project_member m on m.project_id = tp.project_id
      where tp.task_id = ${entry.taskId} and m.user_id <> ${erasedId} and m.removed_at is null))`;
}

/** A task's project as of one event. */
export interface TaskProject {
  taskId: string;
  projectId: string;
  /** The event's occurred-at (RFC 3339). */
  at: string;
}

/** Records each task's project; a row written by a later event is kept (a re-driven old event changes nothing). */
export async function recordTaskProjects(db: Executor<AuditDB>, rows: readonly TaskProject[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into task_project (task_id, project_id, updated_at)
    select * from unnest(
      ${rows.map((r) => r.taskId)}::text[],
      ${rows.map((r) => r.projectId)}::text[],
      ${rows.map((r) => r.at)}::timestamptz[])
    on conflict (task_id) do update set project_id = excluded.project_id, updated_at = excluded.updated_at
    where task_project.updated_at <= excluded.updated_at`.execute(db);
}

/**
 * Applies one membership event to `project_member` (idempotent; per-project order holds on the
 * topic, key = project id). A removed member keeps a row with `removed_at`; a deleted project
 * keeps its rows, so the history of its tasks stays with the members it had.
 */
export async function applyMembershipEvent(db: Executor<AuditDB>, event: MembershipEvent): Promise<void> {
  const { project } = event.data;
  const at = event.occurredAt;
  switch (event.type) {
    case 'project.created':
      return upsertMember(db, { projectId: project.id, userId: project.ownerId, role: 'OWNER', removed: false, at });
    case 'member.added':
    case 'member.updated':
    case 'member.removed': {
      const { userId, role } = event.data.member;
      return upsertMember(db, { projectId: project.id, userId, role, removed: event.type === 'member.removed', at });
    }
    case 'project.deleted':
      return;
  }
}

interface MemberChange {
  projectId: string;
  userId: string;
  role: ProjectRole;
  removed: boolean;
  at: string;
}

/**
 * Writes a member's row unless their account is deleted (a hand-over or removal told after the
 * erasure must not bring the id back) or a later event wrote it already.
 */
async function upsertMember(db: Executor<AuditDB>, m: MemberChange): Promise<void> {
  await holdUsersShared(db, [m.userId]);
  if ((await erasedUsersAmong(db, [m.userId])).length > 0) return;
  await sql`
    insert into project_member (project_id, user_id, role, removed_at, updated_at)
    values (${m.projectId}, ${m.userId}, ${m.role}, ${m.removed ? m.at : null}::timestamptz, ${m.at}::timestamptz)
    on conflict (project_id, user_id) do update
      set role = excluded.role, removed_at = excluded.removed_at, updated_at = excluded.updated_at
    where project_member.updated_at <= excluded.updated_at`.execute(db);
}

/** Deletes every membership row of a deleted account (erasure, as the migration owner). */
export async function deleteMembershipsOf(db: Executor<AuditDB>, userId: string): Promise<number> {
  const result = await db.deleteFrom('project_member').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
