import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTasksDatabase } from '../../db/database.js';
import { codeOf, collectEvents, eventsOf, startTestTasksService, type TestUser } from '../../testing/harness.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let projectEvents: Awaited<ReturnType<typeof collectEvents>>;
let taskEvents: Awaited<ReturnType<typeof collectEvents>>;
let db: ReturnType<typeof createTasksDatabase>;
let alice: TestUser;
let bob: TestUser;

const projectFields =
  'id name color position archived isInbox role members { user { id } role joinedAt } createdAt updatedAt';
const listProjects = `query($all: Boolean) { projects(includeArchived: $all) { ${projectFields} } }`;
const readProject = `query($id: ID!) { project(id: $id) { ${projectFields} } }`;
const create = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${projectFields} } }`;
const update = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { ${projectFields} } }`;
const archive = `mutation($id: ID!, $archived: Boolean) { archiveProject(id: $id, archived: $archived) { ${projectFields} } }`;
const remove = `mutation($id: ID!) { deleteProject(id: $id) }`;
const createTask = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id project { id name isInbox } } }`;
const moveTask = `mutation($id: ID!, $projectId: ID!) { moveTask(id: $id, projectId: $projectId) { id updatedAt project { id } } }`;
const tasksOf = `query($id: ID!, $filter: TaskFilter) { project(id: $id) { tasks(filter: $filter) { totalCount edges { node { id } } } } }`;
const search = `query($filter: TaskFilter) { tasks(filter: $filter) { edges { node { id project { id } } } } }`;

/** Waits for `n` events of `type` about `subject` on a collector, and returns them. */
async function newProject(user: TestUser, name: string, color?: string): Promise<any> {
  const result = await user.gql(create, { input: { name, ...(color ? { color } : {}) } });
  expect(result.errors).toBeUndefined();
  return result.data.createProject;
}

async function newTask(user: TestUser, title: string, projectId?: string): Promise<any> {
  const result = await user.gql(createTask, { input: { title, ...(projectId ? { projectId } : {}) } });
  expect(result.errors).toBeUndefined();
  return result.data.createTask;
}

beforeAll(async () => {
  projectEvents = await collectEvents('project-events');
  taskEvents = await collectEvents('task-events');
  started = await startTestTasksService({ relay: true });
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  bob = await started.newUser();
});

afterAll(async () => {
  await started?.service.stop();
  await projectEvents?.stop();
  await taskEvents?.stop();
  await db?.destroy();
});

describe('projects', () => {
  it('every user has an Inbox, created on first use and announced once', async () => {
    const first = (await alice.gql(listProjects)).data.projects;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      name: 'Inbox',
      color: null,
      position: 0,
      archived: false,
      isInbox: true,
      role: 'OWNER',
      members: [{ user: { id: alice.id }, role: 'OWNER' }],
    });
    // Concurrent first uses and later reads find the same Inbox.
    const again = await Promise.all([alice.gql(listProjects), alice.gql(listProjects)]);
    for (const r of again) expect(r.data.projects.map((p: any) => p.id)).toEqual([first[0].id]);
    const [created] = await eventsOf(projectEvents, first[0].id, 'project.created');
    expect(created).toMatchObject({ actor: alice.id, userId: alice.id });
    expect(created!.data.project).toMatchObject({ id: first[0].id, ownerId: alice.id, isInbox: true, name: 'Inbox' });
    // A task created before any read of projects also lands in the (lazily created) Inbox.
    const carol = await started.newUser();
    const task = await newTask(carol, 'first task ever');
    expect(task.project).toMatchObject({ name: 'Inbox', isInbox: true });
    expect((await carol.gql(listProjects)).data.projects.map((p: any) => p.id)).toEqual([task.project.id]);
  });

  it('createProject appends to the list, validates its input and announces the project', async () => {
    const errands = await newProject(alice, '  Errands  ', '#00AA00');
    expect(errands).toMatchObject({ name: 'Errands', color: '#00aa00', isInbox: false, role: 'OWNER', position: 1 });
    const work = await newProject(alice, 'Work');
    expect(work).toMatchObject({ color: null, position: 2 });
    const list = (await alice.gql(listProjects)).data.projects;
    expect(list.map((p: any) => p.name)).toEqual(['Inbox', 'Errands', 'Work']);
    expect(list.map((p: any) => p.position)).toEqual([0, 1, 2]);
    const [event] = await eventsOf(projectEvents, errands.id, 'project.created');
    expect(event!.data.project).toMatchObject({ name: 'Errands', color: '#00aa00', archived: false, isInbox: false });

    for (const [input, field] of [
      [{ name: '   ' }, 'input.name'],
      [{ name: 'x'.repeat(101) }, 'input.name'],
      [{ name: 'bad\u0007name' }, 'input.name'],
      [{ name: 'ok', color: 'green' }, 'input.color'],
    ] as const) {
      const result = await alice.gql(create, { input });
      expect(codeOf(result), JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('tasks go to the Inbox by default, or to a project the user may edit; moveTask moves them', async () => {
    const inbox = (await alice.gql(listProjects)).data.projects[0];
    const home = await newProject(alice, 'Home');
    const plain = await newTask(alice, 'no project named');
    expect(plain.project.id).toBe(inbox.id);
    const inHome = await newTask(alice, 'fix the tap', home.id);
    expect(inHome.project).toEqual({ id: home.id, name: 'Home', isInbox: false });
    const [created] = await eventsOf(taskEvents, inHome.id, 'task.created');
    expect(created!.data.task.projectId).toBe(home.id);

    // Someone else's project is answered like a missing one.
    const bobs = await newProject(bob, 'Bob only');
    expect(codeOf(await alice.gql(createTask, { input: { title: 'x', projectId: bobs.id } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(codeOf(await alice.gql(createTask, { input: { title: 'x', projectId: 'not-an-id' } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(codeOf(await alice.gql(moveTask, { id: plain.id, projectId: bobs.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(codeOf(await bob.gql(moveTask, { id: plain.id, projectId: bobs.id }))).toMatchObject({ code: 'NOT_FOUND' });

    const moved = await alice.gql(moveTask, { id: plain.id, projectId: home.id });
    expect(moved.data.moveTask.project.id).toBe(home.id);
    const [update] = await eventsOf(taskEvents, plain.id, 'task.updated');
    // It goes last in its new project (`position` is reported too when its key differs).
    expect(update!.data.changes.filter((c: { field: string }) => c.field !== 'position')).toEqual([
      { field: 'projectId', old: inbox.id, new: home.id },
    ]);
    expect(update!.data.task.projectId).toBe(home.id);
    // Moving it where it is changes nothing and emits nothing.
    const same = await alice.gql(moveTask, { id: plain.id, projectId: home.id });
    expect(same.data.moveTask.updatedAt).toBe(moved.data.moveTask.updatedAt);

    const listed = (await alice.gql(tasksOf, { id: home.id })).data.project.tasks;
    expect(listed.totalCount).toBe(2);
    expect(listed.edges.map((e: any) => e.node.id).sort()).toEqual([plain.id, inHome.id].sort());
    // Project.tasks and-s its project with filter.projectIds.
    expect((await alice.gql(tasksOf, { id: home.id, filter: { projectIds: [inbox.id] } })).data.project.tasks).toEqual({
      totalCount: 0,
      edges: [],
    });
    const filtered = (await alice.gql(search, { filter: { projectIds: [inbox.id, 'junk', bobs.id] } })).data.tasks;
    expect(filtered.edges.every((e: any) => e.node.project.id === inbox.id)).toBe(true);
    expect(filtered.edges.map((e: any) => e.node.id)).not.toContain(plain.id);
    const everything = (await alice.gql(search, { filter: { projectIds: [] } })).data.tasks.edges;
    expect(everything.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([plain.id, inHome.id]));
    await new Promise((r) => setTimeout(r, 300));
    expect(taskEvents.events.filter((e) => e.subject === plain.id && e.type === 'task.updated')).toHaveLength(1);
  });

  it('updateProject renames, recolours and reorders; the Inbox keeps its name and first place', async () => {
    const dave = await started.newUser();
    const [a, b, c] = [await newProject(dave, 'A'), await newProject(dave, 'B'), await newProject(dave, 'C')];
    const renamed = await dave.gql(update, { id: a.id, input: { name: 'A2', color: '#123456' } });
    expect(renamed.data.updateProject).toMatchObject({ name: 'A2', color: '#123456' });
    const [event] = await eventsOf(projectEvents, a.id, 'project.updated');
    expect(event!.data.changes).toEqual([
      { field: 'name', old: 'A', new: 'A2' },
      { field: 'color', old: null, new: '#123456' },
    ]);
    await dave.gql(update, { id: c.id, input: { position: 1 } });
    const order = async () => (await dave.gql(listProjects)).data.projects.map((p: any) => [p.name, p.position]);
    expect(await order()).toEqual([
      ['Inbox', 0],
      ['C', 1],
      ['A2', 2],
      ['B', 3],
    ]);
    await dave.gql(update, { id: c.id, input: { position: 99 } });
    expect((await order()).map(([name]: [string]) => name)).toEqual(['Inbox', 'A2', 'B', 'C']);
    await dave.gql(update, { id: b.id, input: { position: 0 } });
    expect((await order()).map(([name]: [string]) => name)).toEqual(['Inbox', 'B', 'A2', 'C']);

    const inbox = (await dave.gql(listProjects)).data.projects[0];
    expect(codeOf(await dave.gql(update, { id: inbox.id, input: { name: 'Other' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
    expect(codeOf(await dave.gql(update, { id: a.id, input: { name: null } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
    expect(codeOf(await dave.gql(update, { id: a.id, input: { position: -1 } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.position',
    });
    expect(codeOf(await alice.gql(update, { id: a.id, input: { name: 'mine now' } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    // Clearing the colour; an update that changes nothing emits nothing.
    await dave.gql(update, { id: a.id, input: { color: null } });
    await dave.gql(update, { id: a.id, input: { name: 'A2' } });
    const updates = await eventsOf(projectEvents, a.id, 'project.updated', 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(projectEvents.events.filter((e) => e.subject === a.id && e.type === 'project.updated')).toHaveLength(2);
    expect(updates[1]!.data.changes).toEqual([{ field: 'color', old: '#123456', new: null }]);
  });

  it('archiveProject hides a project from the list until restored; the Inbox cannot be archived', async () => {
    const erin = await started.newUser();
    const old = await newProject(erin, 'Old');
    const task = await newTask(erin, 'still here', old.id);
    const archived = await erin.gql(archive, { id: old.id });
    expect(archived.data.archiveProject.archived).toBe(true);
    expect((await erin.gql(listProjects)).data.projects.map((p: any) => p.name)).toEqual(['Inbox']);
    expect((await erin.gql(listProjects, { all: true })).data.projects.map((p: any) => p.name)).toEqual([
      'Inbox',
      'Old',
    ]);
    expect((await erin.gql(tasksOf, { id: old.id })).data.project.tasks.edges).toEqual([{ node: { id: task.id } }]);
    const [event] = await eventsOf(projectEvents, old.id, 'project.updated');
    expect(event!.data.changes).toEqual([{ field: 'archived', old: false, new: true }]);
    expect((await erin.gql(archive, { id: old.id, archived: false })).data.archiveProject.archived).toBe(false);
    expect((await erin.gql(listProjects)).data.projects.map((p: any) => p.name)).toEqual(['Inbox', 'Old']);

    const inbox = (await erin.gql(listProjects)).data.projects[0];
    expect(codeOf(await erin.gql(archive, { id: inbox.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(codeOf(await bob.gql(archive, { id: old.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deleteProject deletes its tasks through task.deleted events, then the project; never the Inbox', async () => {
    const fay = await started.newUser();
    const doomed = await newProject(fay, 'Doomed');
    const tasks = [await newTask(fay, 'one', doomed.id), await newTask(fay, 'two', doomed.id)];
    const kept = await newTask(fay, 'kept');
    expect(codeOf(await bob.gql(remove, { id: doomed.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await fay.gql(remove, { id: doomed.id })).data.deleteProject).toBe(doomed.id);

    for (const t of tasks) await eventsOf(taskEvents, t.id, 'task.deleted');
    const [deleted] = await eventsOf(projectEvents, doomed.id, 'project.deleted');
    expect(deleted!.data.project).toMatchObject({ id: doomed.id, name: 'Doomed' });
    expect(codeOf(await fay.gql(readProject, { id: doomed.id }))).toMatchObject({ code: 'NOT_FOUND' });
    const remaining = (await fay.gql(search)).data.tasks.edges.map((e: any) => e.node.id);
    expect(remaining).toEqual([kept.id]);
    expect(await db.selectFrom('project_members').where('project_id', '=', doomed.id).selectAll().execute()).toEqual(
      [],
    );
    const inbox = kept.project.id;
    expect(codeOf(await fay.gql(remove, { id: inbox }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(codeOf(await fay.gql(remove, { id: doomed.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("someone else's project is a missing one: NOT_FOUND from project, null from _entities", async () => {
    const mine = await newProject(alice, 'Private');
    expect((await alice.gql(readProject, { id: mine.id })).data.project.name).toBe('Private');
    expect(codeOf(await bob.gql(readProject, { id: mine.id }))).toMatchObject({ code: 'NOT_FOUND' });
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id name } } }`;
    const reps = [{ __typename: 'Project', id: mine.id }];
    expect((await bob.gql(entities, { r: reps })).data._entities).toEqual([null]);
    expect((await alice.gql(entities, { r: reps })).data._entities).toEqual([{ id: mine.id, name: 'Private' }]);
  });
});
