import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { badUserInput, forbidden, notFound, unauthenticated } from '@taskwire/platform/errors';
import type { EventOrigin } from '@taskwire/platform/events';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { colorInput, textInput } from '@taskwire/platform/input';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { tasksSchemaName, type TasksDatabase } from '../../db/database.js';
import type { CreateProjectInput, UpdateProjectInput } from '../../generated/graphql.js';
import { taskDeletedEvent } from '../task/task.events.js';
import { deleteTasksWithTags, lockTasksOfProject } from '../task/task.repository.js';
import { holdLiveUser } from '../user-projection/user-projection.repository.js';
import { diffProjects, projectCreatedEvent, projectDeletedEvent, projectUpdatedEvent } from './project.events.js';
import { maxProjectNameLength, roleAllows, type ProjectModel, type ProjectRight } from './project.model.js';
import {
  deleteProjectRow,
  ensureInbox,
  findProjectsByIdsForUser,
  findProjectsForUser,
  insertMember,
  insertProject,
  lockProjectForUser,
  moveProjectInList,
  nextPosition,
  updateProjectRow,
  type ProjectPatch,
} from './project.repository.js';
import type { TaskServiceDeps } from '../task/task.service.js';

type Trx = Transaction<TasksDatabase>;

/** Trims and checks a project name (1–100 characters). @throws BAD_USER_INPUT naming `field`. */
export function validateProjectName(value: string, field: string): string {
  const name = textInput(value, field).trim();
  if (name.length === 0 || [...name].length > maxProjectNameLength) {
    throw badUserInput(
      field,
      `${field} expected 1 to ${maxProjectNameLength} characters after trimming, got ${JSON.stringify(value.slice(0, 120))}`,
    );
  }
  return name;
}

/**
 * The user's Inbox in `trx`, created on first use; its creation is announced with
 * `project.created` in the same transaction.
 */
export async function inboxFor(trx: Trx, userId: string, origin: EventOrigin): Promise<ProjectModel> {
  const { inbox, created } = await ensureInbox(trx, userId, uuidv7());
  if (created) await enqueueEvents(trx, tasksSchemaName, [projectCreatedEvent(inbox, origin)]);
  return inbox;
}

const rightNames: Record<ProjectRight, string> = {
  read: 'read it',
  editTasks: 'change its tasks',
  manage: 'change the project itself',
};

/**
 * The project `id` as `userId` sees it, locked for the rest of `trx` (see lockProjectForUser),
 * if their role gives `right`. @throws NOT_FOUND when they are not a member (or it does not
 * exist), FORBIDDEN when their role does not allow it.
 */
export async function projectForWrite(
  trx: Trx,
  userId: string,
  id: string,
  right: ProjectRight,
  lock: 'update' | 'share',
): Promise<ProjectModel> {
  const project = await lockProjectForUser(trx, userId, id, lock);
  if (!project) throw notFound('project', id);
  if (!roleAllows[project.role][right]) {
    throw forbidden(`your role in project ${id} is ${project.role}, which does not allow you to ${rightNames[right]}`);
  }
  return project;
}

export async function requireLiveUser(trx: Trx, userId: string): Promise<void> {
  // A request that raced the account's deletion past the gateway creates nothing.
  if (!(await holdLiveUser(trx, userId))) throw unauthenticated('the account of this token no longer exists');
}

/** Query.projects: the user's projects in their order; creates the Inbox on first use. */
export async function listProjects(
  deps: TaskServiceDeps,
  userId: string,
  includeArchived: boolean,
  origin: EventOrigin,
): Promise<ProjectModel[]> {
  const projects = await findProjectsForUser(deps.db, userId, includeArchived);
  if (projects.some((p) => p.is_inbox && p.owner_id === userId)) return projects;
  await deps.db.transaction().execute(async (trx) => {
    await requireLiveUser(trx, userId);
    await inboxFor(trx, userId, origin);
  });
  return findProjectsForUser(deps.db, userId, includeArchived);
}

/** Query.project: one of the user's projects. @throws NOT_FOUND otherwise. */
export async function getProject(deps: TaskServiceDeps, userId: string, id: string): Promise<ProjectModel> {
  const [project] = await findProjectsByIdsForUser(deps.db, userId, [textInput(id, 'id')]);
  if (!project) throw notFound('project', id);
  return project;
}

/** The project `id` as its member `userId` sees it after a change in `trx` (they must still see it). */
export async function reread(trx: Trx, userId: string, id: string): Promise<ProjectModel> {
  const [project] = await findProjectsByIdsForUser(trx, userId, [id]);
  if (!project) throw new Error(`project ${id} is not visible to its member ${userId} inside the transaction`);
  return project;
}

export async function createProject(
  deps: TaskServiceDeps,
  userId: string,
  input: CreateProjectInput,
  origin: EventOrigin,
): Promise<ProjectModel> {
  const name = validateProjectName(input.name, 'input.name');
  const color = input.color == null ? null : colorInput(input.color, 'input.color');
  return mutationTransaction(deps.db, async (trx) => {
    await requireLiveUser(trx, userId);
    await inboxFor(trx, userId, origin);
    const position = await nextPosition(trx, userId);
    const row = await insertProject(trx, { id: uuidv7(), owner_id: userId, name, color });
    await insertMember(trx, { project_id: row.id, user_id: userId, role: 'OWNER', position });
    await enqueueEvents(trx, tasksSchemaName, [projectCreatedEvent(row, origin)]);
    return reread(trx, userId, row.id);
  });
}

/** What updateProject changes on the project itself (validated before the lock). */
function readProjectPatch(input: UpdateProjectInput): ProjectPatch {
  const patch: ProjectPatch = {};
  if (input.name !== undefined) {
    if (input.name === null) throw badUserInput('input.name', 'input.name expected 1 to 100 characters, got null');
    patch.name = validateProjectName(input.name, 'input.name');
  }
  if (input.color !== undefined) patch.color = input.color === null ? null : colorInput(input.color, 'input.color');
  return patch;
}

export async function updateProject(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  input: UpdateProjectInput,
  origin: EventOrigin,
): Promise<ProjectModel> {
  const patch = readProjectPatch(input);
  if (input.position != null && input.position < 0) {
    throw badUserInput('input.position', `input.position expected 0 or more, got ${input.position}`);
  }
  const changesProject = Object.keys(patch).length > 0;
  return mutationTransaction(deps.db, async (trx) => {
    const before = await projectForWrite(trx, userId, id, changesProject ? 'manage' : 'read', 'update');
    if (before.is_inbox && patch.name !== undefined && patch.name !== before.name) {
      throw badUserInput('input.name', 'the Inbox cannot be renamed');
    }
    const changes = diffProjects(before, { ...before, ...patch });
    if (changes.length > 0) {
      const now = deps.now();
      await updateProjectRow(trx, before.id, patch, now);
      await enqueueEvents(trx, tasksSchemaName, [
        projectUpdatedEvent({ ...before, ...patch, updated_at: now }, changes, origin),
      ]);
    }
    if (input.position != null && !before.is_inbox) await moveProjectInList(trx, userId, before.id, input.position);
    return reread(trx, userId, before.id);
  });
}

export async function archiveProject(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  archived: boolean,
  origin: EventOrigin,
): Promise<ProjectModel> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await projectForWrite(trx, userId, id, 'manage', 'update');
    if (before.is_inbox) throw badUserInput('id', 'the Inbox cannot be archived');
    if (before.archived === archived) return before;
    const now = deps.now();
    await updateProjectRow(trx, before.id, { archived }, now);
    const after = { ...before, archived, updated_at: now };
    await enqueueEvents(trx, tasksSchemaName, [projectUpdatedEvent(after, diffProjects(before, after), origin)]);
    return after;
  });
}

/**
 * Deletes the project and its tasks: one `task.deleted` per task (so tags, reminders and the
 * audit trail follow exactly as for single deletes), then `project.deleted`, in one transaction.
 */
export async function deleteProject(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  origin: EventOrigin,
): Promise<string> {
  return mutationTransaction(deps.db, async (trx) => {
    const before = await projectForWrite(trx, userId, id, 'manage', 'update');
    if (before.is_inbox) throw badUserInput('id', 'the Inbox cannot be deleted');
    const tasks = await lockTasksOfProject(trx, before.id);
    await deleteTasksWithTags(
      trx,
      tasks.map((t) => t.id),
    );
    await deleteProjectRow(trx, before.id);
    await enqueueEvents(trx, tasksSchemaName, [
      ...tasks.map((task) => taskDeletedEvent(task, origin)),
      projectDeletedEvent(before, origin),
    ]);
    return before.id;
  });
}
