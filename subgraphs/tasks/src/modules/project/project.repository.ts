import { sql } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { TasksDatabase } from '../../db/database.js';
import { isTaskId as isUuid } from '../task/task.repository.js';
import {
  inboxName,
  type ProjectMemberRow,
  type ProjectModel,
  type ProjectRole,
  type ProjectRow,
} from './project.model.js';

type Db = Executor<TasksDatabase>;

const projectColumns = [
  'p.id',
  'p.owner_id',
  'p.name',
  'p.color',
  'p.archived',
  'p.is_inbox',
  'p.created_at',
  'p.updated_at',
  'm.role',
  'm.position',
] as const;

/** Projects joined with `userId`'s membership: only projects the user is a member of. */
function asMember(db: Db, userId: string) {
  return db
    .selectFrom('projects as p')
    .innerJoin('project_members as m', (join) => join.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', userId))
    .select(projectColumns);
}

/** The user's projects in their list order (Inbox first), archived ones only when asked. */
export async function findProjectsForUser(db: Db, userId: string, includeArchived: boolean): Promise<ProjectModel[]> {
  let query = asMember(db, userId);
  if (!includeArchived) query = query.where('p.archived', '=', false);
  return query.orderBy('m.position').orderBy('p.id').execute();
}

/** The user's projects among `ids` (DataLoader batches); ids that are not uuids match nothing. */
export async function findProjectsByIdsForUser(
  db: Db,
  userId: string,
  ids: readonly string[],
): Promise<ProjectModel[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return asMember(db, userId).where('p.id', 'in', valid).execute();
}

/**
 * The project as `userId` sees it, locked until the end of the transaction: `update` for a
 * change of the project itself, `share` for a write into it (a task created or moved there),
 * so a concurrent deletion of the project either waits for it or is seen as NOT_FOUND.
 */
export async function lockProjectForUser(
  trx: Db,
  userId: string,
  id: string,
  mode: 'update' | 'share',
): Promise<ProjectModel | undefined> {
  if (!isUuid(id)) return undefined;
  const query = asMember(trx, userId).where('p.id', '=', id);
  return (mode === 'update' ? query.forUpdate('p') : query.forShare('p')).executeTakeFirst();
}

/**
 * The user's Inbox, created (with the user's OWNER membership at position 0) when it does not
 * exist yet. `created` tells the caller to announce it. Concurrent first uses create one Inbox.
 */
export async function ensureInbox(
  trx: Db,
  userId: string,
  newId: string,
): Promise<{ inbox: ProjectModel; created: boolean }> {
  const inserted = await trx
    .insertInto('projects')
    .values({ id: newId, owner_id: userId, name: inboxName, color: null, is_inbox: true })
    .onConflict((oc) => oc.column('owner_id').where('is_inbox', '=', true).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) await insertMember(trx, { project_id: newId, user_id: userId, role: 'OWNER', position: 0 });
  const inbox = await asMember(trx, userId)
    .where('p.is_inbox', '=', true)
    .where('p.owner_id', '=', userId)
    .executeTakeFirst();
  if (!inbox) throw new Error(`the Inbox of ${userId} is missing its owner's membership`);
  return { inbox, created: Boolean(inserted) };
}

/** A project by id, locked (`for update`), whoever asks (system callers). */
export async function findProjectById(trx: Db, id: string): Promise<ProjectRow | undefined> {
  return trx.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertProject(
  trx: Db,
  row: Pick<ProjectRow, 'id' | 'owner_id' | 'name' | 'color'>,
): Promise<ProjectRow> {
  return trx.insertInto('projects').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertMember(
  trx: Db,
  member: Pick<ProjectMemberRow, 'project_id' | 'user_id' | 'role' | 'position'>,
): Promise<void> {
  await trx.insertInto('project_members').values(member).execute();
}

/** The position after the last of the user's projects (archived ones count). */
export async function nextPosition(trx: Db, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('project_members')
    .select(sql<number>`coalesce(max(position) + 1, 1)::int`.as('next'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Math.max(1, row.next);
}

export type ProjectPatch = Partial<Pick<ProjectRow, 'name' | 'color' | 'archived'>>;

export async function updateProjectRow(trx: Db, id: string, patch: ProjectPatch, now: Date): Promise<void> {
  await trx
    .updateTable('projects')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Moves one project to `position` in the user's own list, renumbering the others 1, 2, … in
 * their order (0 stays the Inbox's). Positions past the end put it last.
 */
export async function moveProjectInList(trx: Db, userId: string, projectId: string, position: number): Promise<void> {
  const rows = await trx
    .selectFrom('project_members as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.project_id', 'm.position'])
    .where('m.user_id', '=', userId)
    .where('p.is_inbox', '=', false)
    .orderBy('m.position')
    .orderBy('m.project_id')
    .forUpdate('m')
    .execute();
  const order = rows.map((r) => r.project_id).filter((id) => id !== projectId);
  order.splice(Math.max(0, Math.min(position - 1, order.length)), 0, projectId);
  const current = new Map(rows.map((r) => [r.project_id, r.position]));
  for (const [index, id] of order.entries()) {
    if (current.get(id) === index + 1) continue;
    await trx
      .updateTable('project_members')
      .set({ position: index + 1 })
      .where('project_id', '=', id)
      .where('user_id', '=', userId)
      .execute();
  }
}

/** `userId`'s membership of the project, or undefined. */
export async function findMembership(db: Db, projectId: string, userId: string): Promise<ProjectMemberRow | undefined> {
  if (!isUuid(projectId)) return undefined;
  return db
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Members of each project among `projectIds`: the owner first, then by when they joined. */
export async function findMembers(db: Db, projectIds: readonly string[]): Promise<ProjectMemberRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('project_members')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('project_id')
    .orderBy(sql`role = 'OWNER'`, 'desc')
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute();
}

/** Deletes the project; its memberships go with it (the caller deleted its tasks first). */
export async function deleteProjectRow(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('projects').where('id', '=', id).execute();
}

/** Ends every membership of the user and deletes the projects they own (their tasks must be gone). */
export async function eraseUserProjects(trx: Db, userId: string): Promise<{ memberships: number; projects: number }> {
  const memberships = await trx.deleteFrom('project_members').where('user_id', '=', userId).executeTakeFirst();
  const projects = await trx.deleteFrom('projects').where('owner_id', '=', userId).executeTakeFirst();
  return { memberships: Number(memberships.numDeletedRows), projects: Number(projects.numDeletedRows) };
}

export type { ProjectRole };
