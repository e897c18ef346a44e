/**
 * The role matrix of docs/api.md ("Sharing and roles"), checked over the whole stack: for every
 * row of the documented table, every operation it names is run as the project's OWNER, an
 * EDITOR, a VIEWER and an outsider, on a fresh fixture each time, and the outcome must be the
 * table's cell. The table is read from the docs, so the docs and this test cannot drift apart;
 * and every root field that names a project or a task must be in the table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVerificationToken } from '@taskwire/accounts/testing';
import { startStack, type Stack } from './stack.js';
import { eventually, graphqlRequest, uniqueSuffix } from './support.js';

const root = path.resolve(import.meta.dirname, '..');
const roles = ['OWNER', 'EDITOR', 'VIEWER', 'outsider'] as const;
type Role = (typeof roles)[number];
/** What one operation did: `yes`, an error code, or `empty list` where others see items. */
type Outcome = string;

interface Person {
  id: string;
  email: string;
  token: string;
}

/** One project with an OWNER, an EDITOR, a VIEWER (and an outsider), a task and an invitation. */
interface Fixture {
  projectId: string;
  taskId: string;
  invited: string;
  people: Record<Role, Person>;
}

let stack: Stack;
let people: Record<Role, Person>;

/** The documented table: each row's first cell and its four role cells, normalised. */
function documentedMatrix(): Array<{ row: string; expected: Record<Role, Outcome> }> {
  const api = readFileSync(path.join(root, 'docs/api.md'), 'utf8');
  const section = api.split('### Sharing and roles\n')[1]!.split(/^#{2,3} /m)[0]!;
  const lines = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| operation') && !l.startsWith('| --'));
  return lines.map((line) => {
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    const normalise = (cell: string): Outcome =>
      cell === 'yes' ? 'yes' : cell === 'empty list' ? 'empty list' : (/`([A-Z_]+)`/.exec(cell)?.[1] ?? `?${cell}`);
    return {
      row: cells[0]!,
      expected: Object.fromEntries(roles.map((r, i) => [r, normalise(cells[i + 1]!)])) as Record<Role, Outcome>,
    };
  });
}

async function run(who: Person, query: string, variables: Record<string, unknown> = {}) {
  return graphqlRequest(stack.gatewayUrl, query, variables, who.token);
}

/** `yes` without errors, else the first error's code. */
async function outcome(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  const r = await run(who, query, variables);
  return r.errors ? String(r.errors[0]!.extensions?.code) : 'yes';
}

async function ok<T = any>(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await run(who, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

async function verifiedPerson(name: string): Promise<Person> {
  const email = `${name}-${uniqueSuffix()}@example.com`;
  const r = await graphqlRequest(
    stack.gatewayUrl,
    `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
    {
      i: { email, password: 'Corr3ct-Horse-Battery', name },
    },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const person = { id: r.data.signUp.user.id as string, email, token: r.data.signUp.token as string };
  const token = await eventually(() => latestVerificationToken(stack.databaseUrl, email), {
    what: 'a verification mail',
  });
  await ok(person, `mutation($t: String!) { verifyEmail(token: $t) }`, { t: token });
  return person;
}

const share = `mutation($p: ID!, $e: String!, $r: ProjectRole!) { shareProject(projectId: $p, email: $e, role: $r) { id members { user { id } } } }`;

async function fixture(): Promise<Fixture> {
  const { OWNER: owner, EDITOR: editor, VIEWER: viewer } = people;
  const { createProject } = await ok(owner, `mutation { createProject(input: { name: "Matrix" }) { id } }`);
  const projectId = createProject.id as string;
  for (const [member, role] of [
    [editor, 'EDITOR'],
    [viewer, 'VIEWER'],
  ] as const) {
    // Verified addresses become members at once (the tasks subgraph learned them at setup).
    const { shareProject } = await ok(owner, share, { p: projectId, e: member.email, r: role });
    expect(shareProject.members.map((m: { user: { id: string } }) => m.user.id)).toContain(member.id);
  }
  const invited = `invitee-${uniqueSuffix()}@example.com`;
  await ok(owner, share, { p: projectId, e: invited, r: 'VIEWER' });
  const { createTask } = await ok(owner, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
    i: { title: 'Matrix task', projectId, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  return { projectId, taskId: createTask.id, invited, people };
}

async function inboxOf(who: Person): Promise<string> {
  const { projects } = await ok(who, `{ projects { id isInbox } }`);
  return projects.find((p: { isInbox: boolean }) => p.isInbox).id;
}

/** `projectChanges(projectId)`: `yes` once a change arrives, else the refusal's code. */
async function subscribeOutcome(f: Fixture, who: Person): Promise<Outcome> {
  const client = createClient({
    url: stack.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${who.token}` },
  });
  try {
    return await new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('neither a change nor a refusal within 10 s')), 10_000);
      const done = (o: Outcome) => {
        clearTimeout(timer);
        clearInterval(poke);
        resolve(o);
      };
      client.subscribe(
        { query: `subscription($p: ID) { projectChanges(projectId: $p) { taskId } }`, variables: { p: f.projectId } },
        {
          next: (r) => done(r.errors ? String(r.errors[0]!.extensions?.code) : 'yes'),
          error: (e) => done(String((e as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code ?? e)),
          complete: () => undefined,
        },
      );
      // The owner changes the task until the subscription (once open upstream) sees a change:
      // a new description each time, since an update that changes nothing emits no event.
      let pokes = 0;
      const poke = setInterval(() => {
        void run(
          f.people.OWNER,
          `mutation($id: ID!, $d: String!) { updateTask(id: $id, input: { description: $d }) { id } }`,
          {
            id: f.taskId,
            d: `poke ${++pokes}`,
          },
        );
      }, 300);
    });
  } finally {
    await client.dispose();
  }
}

const taskMutation = (name: string) => (f: Fixture, who: Person) =>
  outcome(who, `mutation($id: ID!) { ${name}(id: $id) { __typename } }`, { id: f.taskId });

/** How each operation of the table is run, by row (the first cell of docs/api.md's table). */
const checks: Record<string, Record<string, (f: Fixture, who: Person) => Promise<Outcome>>> = {
  '`projects`, `project`, `Project.tasks`, `Project.members`, `task`, `tasks`, `trash`, `_entities` (Project, Task)': {
    projects: async (f, who) => {
      const { projects } = await ok(who, `{ projects { id } }`);
      return projects.some((p: { id: string }) => p.id === f.projectId) ? 'yes' : 'NOT_FOUND';
    },
    project: (f, who) => outcome(who, `query($id: ID!) { project(id: $id) { id } }`, { id: f.projectId }),
    'Project.tasks': async (f, who) => {
      const r = await run(who, `query($id: ID!) { project(id: $id) { tasks { edges { node { id } } } } }`, {
        id: f.projectId,
      });
      if (r.errors) return String(r.errors[0]!.extensions?.code);
      return r.data.project.tasks.edges.some((e: { node: { id: string } }) => e.node.id === f.taskId)
        ? 'yes'
        : '?missing';
    },
    'Project.members': (f, who) =>
      outcome(who, `query($id: ID!) { project(id: $id) { members { user { id } role } } }`, { id: f.projectId }),
    task: (f, who) => outcome(who, `query($id: ID!) { task(id: $id) { id } }`, { id: f.taskId }),
    tasks: async (f, who) => {
      const r = await run(who, `query($p: [ID!]) { tasks(filter: { projectIds: $p }) { edges { node { id } } } }`, {
        p: [f.projectId],
      });
      if (r.errors) return String(r.errors[0]!.extensions?.code);
      return r.data.tasks.edges.some((e: { node: { id: string } }) => e.node.id === f.taskId) ? 'yes' : 'NOT_FOUND';
    },
    trash: async (f, who) => {
      await ok(f.people.OWNER, `mutation($id: ID!) { deleteTask(id: $id) }`, { id: f.taskId });
      const { trash } = await ok(who, `{ trash(first: 200) { edges { node { id } } } }`);
      return trash.edges.some((e: { node: { id: string } }) => e.node.id === f.taskId) ? 'yes' : 'NOT_FOUND';
    },
    _entities: async (f, who) => {
      const r = await graphqlRequest(
        stack.subgraphUrls.tasks,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id } ... on Task { id } } }`,
        {
          r: [
            { __typename: 'Project', id: f.projectId },
            { __typename: 'Task', id: f.taskId },
          ],
        },
        who.token,
      );
      const found = (r.data?._entities ?? []).filter(Boolean).length;
      return found === 2 ? 'yes' : found === 0 ? 'NOT_FOUND' : `?${found} of 2`;
    },
  },
  '`Project.invitations`': {
    'Project.invitations': async (f, who) => {
      const r = await run(who, `query($id: ID!) { project(id: $id) { invitations { email } } }`, { id: f.projectId });
      if (r.errors) return String(r.errors[0]!.extensions?.code);
      const emails = r.data.project.invitations.map((i: { email: string }) => i.email);
      return emails.length === 0 ? 'empty list' : emails.includes(f.invited) ? 'yes' : '?other invitations';
    },
  },
  '`createTask` / `moveTask` into the project (`createTask` with `parentId` one of its tasks); `updateTask`, `completeTask`, `reopenTask`, `deleteTask`, `restoreTask`, `moveTask`, `reorderTask` of its tasks':
    {
      createTask: (f, who) =>
        outcome(who, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
          i: { title: 'Mine', projectId: f.projectId },
        }),
      'moveTask into': async (f, who) => {
        const { createTask } = await ok(who, `mutation { createTask(input: { title: "Own" }) { id } }`);
        return outcome(who, `mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { id } }`, {
          id: createTask.id,
          p: f.projectId,
        });
      },
      updateTask: (f, who) =>
        outcome(who, `mutation($id: ID!) { updateTask(id: $id, input: { title: "Changed" }) { id } }`, {
          id: f.taskId,
        }),
      completeTask: taskMutation('completeTask'),
      reopenTask: async (f, who) => {
        await ok(f.people.OWNER, `mutation($id: ID!) { completeTask(id: $id) { id } }`, { id: f.taskId });
        return taskMutation('reopenTask')(f, who);
      },
      deleteTask: (f, who) => outcome(who, `mutation($id: ID!) { deleteTask(id: $id) }`, { id: f.taskId }),
      restoreTask: async (f, who) => {
        await ok(f.people.OWNER, `mutation($id: ID!) { deleteTask(id: $id) }`, { id: f.taskId });
        return taskMutation('restoreTask')(f, who);
      },
      'createTask subtask': (f, who) =>
        outcome(who, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
          i: { title: 'Sub', parentId: f.taskId },
        }),
      reorderTask: async (f, who) => {
        const { createTask } = await ok(
          f.people.OWNER,
          `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
          {
            i: { title: 'Second', projectId: f.projectId },
          },
        );
        return outcome(who, `mutation($id: ID!, $a: ID!) { reorderTask(id: $id, afterId: $a) { id } }`, {
          id: f.taskId,
          a: createTask.id,
        });
      },
      'moveTask of': async (f, who) =>
        outcome(who, `mutation($id: ID!, $p: ID!) { moveTask(id: $id, projectId: $p) { id } }`, {
          id: f.taskId,
          p: await inboxOf(who),
        }),
    },
  '`updateProject` with `position` only (their own list)': {
    updateProject: (f, who) =>
      outcome(who, `mutation($id: ID!) { updateProject(id: $id, input: { position: 1 }) { id } }`, { id: f.projectId }),
  },
  '`updateProject` (name, colour), `archiveProject`, `deleteProject`': {
    updateProject: (f, who) =>
      outcome(
        who,
        `mutation($id: ID!) { updateProject(id: $id, input: { name: "Renamed", color: "#112233" }) { id } }`,
        {
          id: f.projectId,
        },
      ),
    archiveProject: (f, who) =>
      outcome(who, `mutation($id: ID!) { archiveProject(id: $id) { id } }`, { id: f.projectId }),
    deleteProject: (f, who) => outcome(who, `mutation($id: ID!) { deleteProject(id: $id) }`, { id: f.projectId }),
  },
  '`shareProject`, `cancelProjectInvitation`, `changeMemberRole`, `removeMember`, `transferProjectOwnership`': {
    shareProject: (f, who) =>
      outcome(who, share, { p: f.projectId, e: `new-${uniqueSuffix()}@example.com`, r: 'VIEWER' }),
    cancelProjectInvitation: (f, who) =>
      outcome(who, `mutation($p: ID!, $e: String!) { cancelProjectInvitation(projectId: $p, email: $e) { id } }`, {
        p: f.projectId,
        e: f.invited,
      }),
    changeMemberRole: (f, who) =>
      outcome(who, `mutation($p: ID!, $u: ID!) { changeMemberRole(projectId: $p, userId: $u, role: EDITOR) { id } }`, {
        p: f.projectId,
        u: f.people.VIEWER.id,
      }),
    removeMember: (f, who) =>
      outcome(who, `mutation($p: ID!, $u: ID!) { removeMember(projectId: $p, userId: $u) { id } }`, {
        p: f.projectId,
        u: f.people.VIEWER.id,
      }),
    transferProjectOwnership: (f, who) =>
      outcome(who, `mutation($p: ID!, $u: ID!) { transferProjectOwnership(projectId: $p, userId: $u) { id } }`, {
        p: f.projectId,
        u: f.people.EDITOR.id,
      }),
  },
  '`leaveProject`': {
    leaveProject: (f, who) => outcome(who, `mutation($p: ID!) { leaveProject(projectId: $p) }`, { p: f.projectId }),
  },
  'their own tags and reminders on its tasks (`setTaskTags`, `addReminder`, …)': {
    setTaskTags: (f, who) =>
      outcome(who, `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["mine"]) { id } }`, { id: f.taskId }),
    addReminder: (f, who) =>
      outcome(who, `mutation($i: AddReminderInput!) { addReminder(input: $i) { id } }`, {
        i: { taskId: f.taskId, offsetMinutes: 30 },
      }),
  },
  '`projectChanges(projectId)`': {
    projectChanges: (f, who) => subscribeOutcome(f, who),
  },
};

/** Root fields of a subgraph's schema file (Query, Mutation, Subscription). */
function rootFields(file: string): string[] {
  const sdl = readFileSync(path.join(root, 'schema', file), 'utf8');
  return [...sdl.matchAll(/^type (?:Query|Mutation|Subscription) \{\n([\s\S]*?)^\}/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/^ {2}([a-zA-Z]+)[(:]/gm)].map((f) => f[1]!),
  );
}

beforeAll(async () => {
  stack = await startStack({ env: { PROJECT_SHARES_PER_DAY: '10000' } });
  const [owner, editor, viewer, outsider] = await Promise.all(
    ['owner', 'editor', 'viewer', 'outsider'].map((n) => verifiedPerson(n)),
  );
  people = { OWNER: owner!, EDITOR: editor!, VIEWER: viewer!, outsider: outsider! };
  // Shares become memberships at once only for addresses the tasks subgraph knows verified.
  const { createProject } = await ok(owner!, `mutation { createProject(input: { name: "Warm-up" }) { id } }`);
  for (const p of [editor!, viewer!])
    await eventually(
      async () => {
        const { shareProject } = await ok(owner!, share, { p: createProject.id, e: p.email, r: 'VIEWER' });
        return shareProject.members.some((m: { user: { id: string } }) => m.user.id === p.id) ? true : undefined;
      },
      { what: `the tasks subgraph to learn that ${p.email} is verified` },
    );
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('role matrix (docs/api.md "Sharing and roles")', () => {
  it('this test runs every row of the documented table, and the table names every root field about projects and tasks', () => {
    const documented = documentedMatrix();
    expect(documented.length).toBeGreaterThanOrEqual(8);
    expect(documented.map((d) => d.row).sort()).toEqual(Object.keys(checks).sort());
    for (const { expected } of documented)
      for (const role of roles) expect(expected[role], JSON.stringify(expected)).not.toMatch(/^\?/);
    const named = new Set(Object.values(checks).flatMap((row) => Object.keys(row).map((k) => k.split(' ')[0]!)));
    // Every other root field of tasks touches a project or its tasks: createProject makes a new
    // one; parseTask creates nothing (its ~Name is resolved among the projects the user may edit,
    // tested in subgraphs/tasks quick-add.int.test.ts); saved views are the user's own settings.
    const personal = [
      'createProject',
      'parseTask',
      'savedViews',
      'createSavedView',
      'updateSavedView',
      'deleteSavedView',
    ];
    const tasksFields = rootFields('tasks.graphql').filter((f) => !personal.includes(f));
    // Planning's root fields that take a task (the others act on the user's own tags and reminders).
    const planningFields = ['setTaskTags', 'addReminder'];
    for (const field of [...tasksFields, ...planningFields]) expect([...named], field).toContain(field);
  });

  for (const { row, expected } of documentedMatrix()) {
    const operations = checks[row] ?? {};
    // Planning learns memberships from project-events (docs/api.md gives the window).
    const eventual = row.includes('tags and reminders');
    for (const [name, check] of Object.entries(operations)) {
      it(`${name}: ${roles.map((r) => `${r} ${expected[r]}`).join(', ')}`, async () => {
        const got: Record<string, Outcome> = {};
        for (const role of roles) {
          const f = await fixture();
          // A member's first call to planning may come before it learned the membership: an
          // allowed call is retried briefly there; a refusal is never retried.
          got[role] =
            expected[role] === 'yes' && eventual
              ? await eventually(
                  async () => {
                    const o = await check(f, f.people[role]);
                    return o === 'NOT_FOUND' ? undefined : o;
                  },
                  { timeoutMs: 5_000, what: `${name} as ${role}` },
                ).catch(() => 'NOT_FOUND')
              : await check(f, f.people[role]);
        }
        expect(got).toEqual(expected);
      }, 120_000);
    }
  }
});
