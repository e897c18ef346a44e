import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uniqueSuffix } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import {
  codeOf,
  collectEvents,
  eventsOf,
  projectUser,
  projectUserDeleted,
  startTestTasksService,
  type TestUser,
} from '../../testing/harness.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let projectEvents: Awaited<ReturnType<typeof collectEvents>>;
let taskEvents: Awaited<ReturnType<typeof collectEvents>>;
let db: ReturnType<typeof createTasksDatabase>;

const sharesPerDay = 6;
const projectFields = `id name role members { user { id } role } invitations { email role invitedAt }`;
const create = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${projectFields} } }`;
const share = `mutation($p: ID!, $e: String!, $r: ProjectRole!) { shareProject(projectId: $p, email: $e, role: $r) { ${projectFields} } }`;
const cancel = `mutation($p: ID!, $e: String!) { cancelProjectInvitation(projectId: $p, email: $e) { ${projectFields} } }`;
const changeRole = `mutation($p: ID!, $u: ID!, $r: ProjectRole!) { changeMemberRole(projectId: $p, userId: $u, role: $r) { ${projectFields} } }`;
const remove = `mutation($p: ID!, $u: ID!) { removeMember(projectId: $p, userId: $u) { ${projectFields} } }`;
const leave = `mutation($p: ID!) { leaveProject(projectId: $p) }`;
const transfer = `mutation($p: ID!, $u: ID!) { transferProjectOwnership(projectId: $p, userId: $u) { ${projectFields} } }`;
const readProject = `query($id: ID!) { project(id: $id) { ${projectFields} } }`;
const listProjects = `{ projects { id name role } }`;
const taskFields = `id title assignee { id } createdBy { id } owner { id } project { id }`;
const createTask = `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${taskFields} } }`;
const updateTask = `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${taskFields} } }`;
const completeTask = `mutation($id: ID!) { completeTask(id: $id) { id status } }`;
const deleteTask = `mutation($id: ID!) { deleteTask(id: $id) }`;
const moveTask = `mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { ${taskFields} } }`;
const readTask = `query($id: ID!) { task(id: $id) { ${taskFields} } }`;
const search = `query($filter: TaskFilter) { tasks(filter: $filter) { edges { node { id } } } }`;

interface Person extends TestUser {
  email: string;
}

/** A user the tasks service knows with a verified address (as the user projection learns it). */
async function person(verified = true): Promise<Person> {
  const user = await started.newUser();
  const email = `p-${uniqueSuffix()}@Example.com`;
  await projectUser(db, user.id, email, verified);
  return { ...user, email };
}

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql(query, variables);
  expect(result.errors, query).toBeUndefined();
  return result.data as T;
}

async function sharedProject(owner: Person, members: Array<[Person, 'EDITOR' | 'VIEWER']>): Promise<string> {
  const { createProject } = await ok(owner, create, { input: { name: `Shared ${uniqueSuffix()}` } });
  for (const [member, role] of members) await ok(owner, share, { p: createProject.id, e: member.email, r: role });
  return createProject.id;
}

beforeAll(async () => {
  projectEvents = await collectEvents('project-events');
  taskEvents = await collectEvents('task-events');
  started = await startTestTasksService({ relay: true, sharesPerDay });
  db = createTasksDatabase(started.databaseUrl, 2);
});

afterAll(async () => {
  await started?.service.stop();
  await projectEvents?.stop();
  await taskEvents?.stop();
  await db?.destroy();
});

describe('sharing a project', () => {
  it('an account with a verified address becomes a member at once, with its role', async () => {
    const [owner, editor, viewer, outsider] = [await person(), await person(), await person(), await person()];
    const id = await sharedProject(owner, [
      [editor, 'EDITOR'],
      [viewer, 'VIEWER'],
    ]);
    const seen = (await ok(owner, readProject, { id })).project;
    expect(seen.members).toEqual([
      { user: { id: owner.id }, role: 'OWNER' },
      { user: { id: editor.id }, role: 'EDITOR' },
      { user: { id: viewer.id }, role: 'VIEWER' },
    ]);
    expect(seen.invitations).toEqual([]);
    const added = await eventsOf(projectEvents, id, 'member.added', 2);
    expect(added.map((e) => [e.data.member.userId, e.data.member.role, e.actor])).toEqual([
      [editor.id, 'EDITOR', owner.id],
      [viewer.id, 'VIEWER', owner.id],
    ]);
    expect((await ok(editor, listProjects)).projects.map((p: any) => [p.id, p.role])).toContainEqual([id, 'EDITOR']);
    expect((await ok(viewer, readProject, { id })).project.role).toBe('VIEWER');
    expect(codeOf(await outsider.gql(readProject, { id }))).toMatchObject({ code: 'NOT_FOUND' });

    // Editors change tasks; viewers read them; outsiders do not see them.
    const { createTask: task } = await ok(editor, createTask, { input: { title: 'by the editor', projectId: id } });
    expect(task).toMatchObject({ createdBy: { id: editor.id }, owner: { id: editor.id }, project: { id } });
    expect((await ok(owner, readTask, { id: task.id })).task.title).toBe('by the editor');
    expect((await ok(viewer, readTask, { id: task.id })).task.title).toBe('by the editor');
    expect((await ok(viewer, search, { filter: { projectIds: [id] } })).tasks.edges).toEqual([
      { node: { id: task.id } },
    ]);
    for (const [query, variables] of [
      [updateTask, { id: task.id, input: { title: 'viewer edit' } }],
      [completeTask, { id: task.id }],
      [deleteTask, { id: task.id }],
      [createTask, { input: { title: 'viewer task', projectId: id } }],
    ] as const) {
      expect(codeOf(await viewer.gql(query, variables)), query).toMatchObject({ code: 'FORBIDDEN' });
      expect(codeOf(await outsider.gql(query, variables)), query).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(codeOf(await outsider.gql(readTask, { id: task.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ok(owner, updateTask, { id: task.id, input: { title: 'owner edit' } })).updateTask.title).toBe(
      'owner edit',
    );
    // Only the owner shares, renames or deletes the project.
    expect(codeOf(await editor.gql(share, { p: id, e: outsider.email, r: 'VIEWER' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const rename = `mutation($id: ID!) { updateProject(id: $id, input: { name: "mine" }) { id } }`;
    expect(codeOf(await editor.gql(rename, { id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(await viewer.gql(`mutation($id: ID!) { deleteProject(id: $id) }`, { id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    // A member may reorder their own list.
    const reorder = `mutation($id: ID!) { updateProject(id: $id, input: { position: 1 }) { position } }`;
    expect((await ok(viewer, reorder, { id })).updateProject.position).toBe(1);
  });

  it('an unknown address gets an invitation, which becomes a membership once an account verifies it', async () => {
    const owner = await person();
    const { createProject: project } = await ok(owner, create, { input: { name: 'Invites' } });
    const email = `new-${uniqueSuffix()}@example.com`;
    const invited = (await ok(owner, share, { p: project.id, e: `  ${email}  `, r: 'EDITOR' })).shareProject;
    expect(invited.members).toHaveLength(1);
    expect(invited.invitations).toEqual([{ email, role: 'EDITOR', invitedAt: expect.any(String) }]);
    const [event] = await eventsOf(projectEvents, project.id, 'member.invited');
    expect(event!.data).toMatchObject({ invitation: { email, role: 'EDITOR' }, invitedBy: owner.id });

    // An account with that address, not verified yet: still an invitation.
    const newcomer = await started.newUser();
    await projectUser(db, newcomer.id, email.toUpperCase(), false);
    expect(codeOf(await newcomer.gql(readProject, { id: project.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await projectUser(db, newcomer.id, email.toUpperCase(), true);
    expect((await ok(newcomer, readProject, { id: project.id })).project.role).toBe('EDITOR');
    const after = (await ok(owner, readProject, { id: project.id })).project;
    expect(after.invitations).toEqual([]);
    expect(after.members.map((m: any) => m.user.id)).toEqual([owner.id, newcomer.id]);
    const [added] = await eventsOf(projectEvents, project.id, 'member.added');
    expect(added).toMatchObject({ actor: null, data: { member: { userId: newcomer.id, role: 'EDITOR' } } });
    // Re-delivered, the event changes nothing.
    await projectUser(db, newcomer.id, email, true);
    expect((await ok(owner, readProject, { id: project.id })).project.members).toHaveLength(2);

    // Invitations are the owner's to see and withdraw.
    const other = `other-${uniqueSuffix()}@example.com`;
    await ok(owner, share, { p: project.id, e: other, r: 'VIEWER' });
    expect((await ok(newcomer, readProject, { id: project.id })).project.invitations).toEqual([]);
    expect(codeOf(await newcomer.gql(cancel, { p: project.id, e: other }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await ok(owner, cancel, { p: project.id, e: other.toUpperCase() })).cancelProjectInvitation.invitations,
    ).toEqual([]);
    expect(codeOf(await owner.gql(cancel, { p: project.id, e: other }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses what cannot be shared, naming the argument', async () => {
    const owner = await person();
    const { createProject: project } = await ok(owner, create, { input: { name: 'Refusals' } });
    const inbox = (await ok(owner, listProjects)).projects.find((p: any) => p.name === 'Inbox');
    for (const [variables, field] of [
      [{ p: project.id, e: 'not an address', r: 'EDITOR' }, 'email'],
      [{ p: project.id, e: 'x@example.com', r: 'OWNER' }, 'role'],
      [{ p: project.id, e: owner.email, r: 'EDITOR' }, 'email'],
      [{ p: inbox.id, e: 'x@example.com', r: 'EDITOR' }, 'projectId'],
    ] as const) {
      expect(codeOf(await owner.gql(share, variables)), JSON.stringify(variables)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });

  it('limits the shares that send mail per user and day', async () => {
    const owner = await person();
    const { createProject: project } = await ok(owner, create, { input: { name: 'Bulk' } });
    const addresses = Array.from({ length: sharesPerDay }, () => `bulk-${uniqueSuffix()}@example.com`);
    for (const email of addresses) await ok(owner, share, { p: project.id, e: email, r: 'VIEWER' });
    // Changing an invitation's role sends nothing and is not counted.
    await ok(owner, share, { p: project.id, e: addresses[0], r: 'EDITOR' });
    const refused = await owner.gql(share, { p: project.id, e: `one-more-${uniqueSuffix()}@example.com`, r: 'VIEWER' });
    expect(codeOf(refused)).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    expect(codeOf(refused)!.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    const invitations = (await ok(owner, readProject, { id: project.id })).project.invitations;
    expect(invitations).toHaveLength(sharesPerDay);
    expect(invitations[0]).toMatchObject({ email: addresses[0], role: 'EDITOR' });
    // Another user's allowance is their own.
    const other = await person();
    const { createProject: theirs } = await ok(other, create, { input: { name: 'Theirs' } });
    await ok(other, share, { p: theirs.id, e: `fine-${uniqueSuffix()}@example.com`, r: 'VIEWER' });
  });
});

describe('members, roles and assignees', () => {
  it('changeMemberRole, removeMember, leaveProject and transferProjectOwnership', async () => {
    const [owner, a, b] = [await person(), await person(), await person()];
    const id = await sharedProject(owner, [
      [a, 'VIEWER'],
      [b, 'EDITOR'],
    ]);
    expect((await ok(owner, changeRole, { p: id, u: a.id, r: 'EDITOR' })).changeMemberRole.members[1]).toEqual({
      user: { id: a.id },
      role: 'EDITOR',
    });
    const [roleEvent] = await eventsOf(projectEvents, id, 'member.updated');
    expect(roleEvent!.data).toMatchObject({ member: { userId: a.id, role: 'EDITOR' }, previousRole: 'VIEWER' });
    expect(codeOf(await owner.gql(changeRole, { p: id, u: owner.id, r: 'EDITOR' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(codeOf(await owner.gql(changeRole, { p: id, u: a.id, r: 'OWNER' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'role',
    });
    expect(codeOf(await a.gql(changeRole, { p: id, u: b.id, r: 'VIEWER' }))).toMatchObject({ code: 'FORBIDDEN' });

    // Removing a member unassigns them; their next read and write are refused.
    const { createTask: task } = await ok(owner, createTask, {
      input: { title: 'for a', projectId: id, assigneeId: a.id },
    });
    expect(task.assignee).toEqual({ id: a.id });
    expect((await ok(a, search, { filter: { assignedToMe: true } })).tasks.edges).toEqual([{ node: { id: task.id } }]);
    const removed = (await ok(owner, remove, { p: id, u: a.id })).removeMember;
    expect(removed.members.map((m: any) => m.user.id)).toEqual([owner.id, b.id]);
    expect((await ok(owner, readTask, { id: task.id })).task.assignee).toBeNull();
    const unassigned = await eventsOf(taskEvents, task.id, 'task.updated');
    expect(unassigned[0]!.data.changes).toEqual([{ field: 'assigneeId', old: a.id, new: null }]);
    const [gone] = await eventsOf(projectEvents, id, 'member.removed');
    expect(gone!.data).toMatchObject({ member: { userId: a.id }, reason: 'removed' });
    expect(codeOf(await a.gql(readTask, { id: task.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(codeOf(await a.gql(updateTask, { id: task.id, input: { title: 'x' } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(codeOf(await owner.gql(remove, { p: id, u: a.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(codeOf(await owner.gql(remove, { p: id, u: owner.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });

    // The owner cannot leave; a member can.
    expect(codeOf(await owner.gql(leave, { p: id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    const transferred = (await ok(owner, transfer, { p: id, u: b.id })).transferProjectOwnership;
    expect(transferred.role).toBe('EDITOR');
    expect(transferred.members).toEqual([
      { user: { id: b.id }, role: 'OWNER' },
      { user: { id: owner.id }, role: 'EDITOR' },
    ]);
    const owned = await eventsOf(projectEvents, id, 'project.updated');
    expect(owned[0]!.data.changes).toEqual([{ field: 'ownerId', old: owner.id, new: b.id }]);
    expect((await ok(owner, leave, { p: id })).leaveProject).toBe(id);
    expect(codeOf(await owner.gql(readProject, { id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ok(b, readProject, { id })).project.members).toEqual([{ user: { id: b.id }, role: 'OWNER' }]);
  });

  it('assignees are members: refused otherwise, unassigned by null or by a move out of their projects', async () => {
    const [owner, member, stranger] = [await person(), await person(), await person()];
    const id = await sharedProject(owner, [[member, 'EDITOR']]);
    expect(
      codeOf(await owner.gql(createTask, { input: { title: 'x', projectId: id, assigneeId: stranger.id } })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assigneeId' });
    const { createTask: task } = await ok(owner, createTask, { input: { title: 'assigned', projectId: id } });
    expect(task.assignee).toBeNull();
    expect(
      (await ok(owner, updateTask, { id: task.id, input: { assigneeId: member.id } })).updateTask.assignee,
    ).toEqual({
      id: member.id,
    });
    expect(codeOf(await owner.gql(updateTask, { id: task.id, input: { assigneeId: stranger.id } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.assigneeId',
    });
    expect((await ok(owner, updateTask, { id: task.id, input: { assigneeId: null } })).updateTask.assignee).toBeNull();
    await ok(owner, updateTask, { id: task.id, input: { assigneeId: member.id } });
    const inbox = (await ok(owner, listProjects)).projects.find((p: any) => p.name === 'Inbox');
    const moved = (await ok(owner, moveTask, { id: task.id, p: inbox.id })).moveTask;
    expect(moved.assignee).toBeNull();
    expect(codeOf(await member.gql(readTask, { id: task.id }))).toMatchObject({ code: 'NOT_FOUND' });
    const updates = await eventsOf(taskEvents, task.id, 'task.updated', 4);
    expect(updates[3]!.data.changes).toEqual([
      { field: 'projectId', old: id, new: inbox.id },
      { field: 'assigneeId', old: member.id, new: null },
    ]);
  });
});

describe('account deletion and sharing', () => {
  it('an owner’s shared project passes to the longest-standing editor; a sole owner’s goes; no row names them', async () => {
    const [owner, viewer, editor, later] = [await person(), await person(), await person(), await person()];
    const shared = await sharedProject(owner, [
      [viewer, 'VIEWER'],
      [editor, 'EDITOR'],
      [later, 'EDITOR'],
    ]);
    const { createProject: alone } = await ok(owner, create, { input: { name: 'Alone' } });
    const { createTask: ownersTask } = await ok(owner, createTask, {
      input: { title: 'by the owner', projectId: shared, assigneeId: owner.id },
    });
    const { createTask: editorsTask } = await ok(editor, createTask, {
      input: { title: 'by the editor', projectId: shared, assigneeId: owner.id },
    });
    await ok(owner, createTask, { input: { title: 'alone', projectId: alone.id } });
    const othersTeam = await sharedProject(editor, [[owner, 'EDITOR']]);
    const { createTask: inOthers } = await ok(owner, createTask, {
      input: { title: 'mine, theirs', projectId: othersTeam },
    });

    await ok(owner, share, { p: shared, e: `pending-${uniqueSuffix()}@example.com`, r: 'VIEWER' });

    const deletedAt = new Date().toISOString();
    await projectUserDeleted(db, owner.id);

    const project = (await ok(editor, readProject, { id: shared })).project;
    expect(project.members).toEqual([
      { user: { id: editor.id }, role: 'OWNER' },
      { user: { id: viewer.id }, role: 'VIEWER' },
      { user: { id: later.id }, role: 'EDITOR' },
    ]);
    expect((await ok(editor, readTask, { id: ownersTask.id })).task).toMatchObject({
      title: 'by the owner',
      createdBy: null,
      assignee: null,
      owner: { id: editor.id },
    });
    expect((await ok(editor, readTask, { id: editorsTask.id })).task).toMatchObject({
      createdBy: { id: editor.id },
      assignee: null,
    });
    expect((await ok(editor, readTask, { id: inOthers.id })).task).toMatchObject({ createdBy: null });
    // The hand-over is told by the successor's promotion alone; nothing told since names the user.
    const promotions = await eventsOf(projectEvents, shared, 'member.updated');
    expect(promotions.at(-1)!.data).toMatchObject({
      project: { ownerId: editor.id },
      member: { userId: editor.id, role: 'OWNER' },
    });
    const told = projectEvents.events.filter((e) => e.occurredAt >= deletedAt);
    expect(told.map((e) => e.type)).toEqual(['member.updated']);
    expect(JSON.stringify(told)).not.toContain(owner.id);

    // No row of the tasks schema names the deleted user, but the tombstone and the outbox's events.
    const tables = ['tasks', 'projects', 'project_members', 'project_invitations', 'share_quota', 'task_tags'];
    for (const table of tables) {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from ${sql.table(table)} t where strpos(row_to_json(t)::text, ${owner.id}) > 0`.execute(
        db,
      );
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    const sole = await db.selectFrom('projects').select('id').where('id', '=', alone.id).execute();
    expect(sole).toEqual([]);
    // The pending invitation stays, now sent in the new owner's name.
    expect((await ok(editor, readProject, { id: shared })).project.invitations).toHaveLength(1);
  });
});
