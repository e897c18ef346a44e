/**
 * The filter language through `tasks(query:)` on a real PostgreSQL: a table of queries with the
 * exact tasks each returns on seeded data (the present is Thursday 2026-03-26 10:30 in the
 * user's zone, Europe/Berlin), the query combined with `filter` and with `Project.tasks`, and
 * bad queries answered with BAD_USER_INPUT carrying the position and what was expected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '@taskwire/platform/events';
import { uniqueSuffix } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import { startTestTasksService, type TestUser } from '../../testing/harness.js';
import { handleTagEvent } from '../tag-projection/tag-projection.handler.js';
import { handleUserEvent } from '../user-projection/user-projection.handler.js';

const now = new Date('2026-03-26T09:30:00.000Z');
const day = 86_400_000;
let clock = now;

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let alice: TestUser;
let bob: TestUser;
let errands: string;
const ids = new Map<string, string>();

const search = `query($query: String, $filter: TaskFilter) {
  tasks(query: $query, filter: $filter, first: 200) { totalCount edges { node { id } } } }`;
const inProject = `query($id: ID!, $query: String) { project(id: $id) { tasks(query: $query) { edges { node { id } } } } }`;

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql<T>(query, variables);
  expect(result.errors, JSON.stringify(variables)).toBeUndefined();
  return result.data!;
}

interface Seed {
  input: Record<string, unknown>;
  createdDaysAgo: number;
  tags?: string[];
  complete?: boolean;
}

async function seed(user: TestUser, key: string, { input, createdDaysAgo, tags = [], complete }: Seed): Promise<void> {
  clock = new Date(now.getTime() - createdDaysAgo * day);
  const created = await ok(user, `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
    input: { title: key, ...input },
  });
  const id = created.createTask.id as string;
  ids.set(key, id);
  for (const name of tags) {
    const { envelope } = buildEvent('task.tagged', {
      actor: user.id,
      subject: id,
      userId: user.id,
      data: { taskId: id, tag: { id: `tag-${name}-${user.id}`, name, color: null } },
    });
    await db.transaction().execute((trx) => handleTagEvent(trx, envelope));
  }
  if (complete) await ok(user, `mutation($id: ID!) { completeTask(id: $id) { id } }`, { id });
  clock = now;
}

async function titles(user: TestUser, variables: Record<string, unknown>): Promise<string[]> {
  const data = await ok(user, search, variables);
  const byId = new Map([...ids].map(([title, id]) => [id, title]));
  const found = data.tasks.edges.map((e: { node: { id: string } }) => byId.get(e.node.id) ?? e.node.id) as string[];
  expect(data.tasks.totalCount).toBe(found.length);
  return found.sort();
}

beforeAll(async () => {
  started = await startTestTasksService({}, { now: () => clock });
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  bob = await started.newUser();
  const at = now.toISOString();
  const user = { id: alice.id, email: `a-${uniqueSuffix()}@example.com`, name: 'A', timeZone: 'Europe/Berlin' };
  const { envelope } = buildEvent('user.updated', {
    actor: alice.id,
    subject: alice.id,
    userId: alice.id,
    data: { user: { ...user, createdAt: at, updatedAt: at }, changes: [] },
  });
  await db.transaction().execute((trx) => handleUserEvent(trx, envelope));
  errands = (await ok(alice, `mutation { createProject(input: { name: "Errands" }) { id } }`)).createProject.id;

  await seed(alice, 'Invoice ACME', {
    input: { dueDate: '2026-03-26', priority: 'URGENT' },
    createdDaysAgo: 1,
    tags: ['work'],
  });
  await seed(alice, 'Call plumber', {
    input: { dueAt: '2026-03-26T15:00:00Z', priority: 'HIGH' },
    createdDaysAgo: 10,
    tags: ['home'],
  });
  await seed(alice, 'Quarterly report', {
    input: { dueDate: '2026-03-20', priority: 'URGENT' },
    createdDaysAgo: 30,
    tags: ['work'],
  });
  await seed(alice, 'Buy milk', { input: { priority: 'LOW', projectId: errands }, createdDaysAgo: 2 });
  await seed(alice, 'Renew passport', {
    input: { dueDate: '2026-03-30', projectId: errands },
    createdDaysAgo: 3,
    tags: ['admin'],
  });
  await seed(alice, 'Team invoice review', {
    input: {
      dueAt: '2026-03-27T08:00:00Z',
      priority: 'HIGH',
      recurrence: { rrule: 'FREQ=WEEKLY' },
      assigneeId: alice.id,
    },
    createdDaysAgo: 0,
    tags: ['work'],
  });
  await seed(alice, 'Old done task', {
    input: { dueDate: '2026-03-10' },
    createdDaysAgo: 40,
    tags: ['work'],
    complete: true,
  });
  await seed(alice, 'Plan holiday', { input: { dueDate: '2026-04-10' }, createdDaysAgo: 5 });
  // Someone else's task matches nothing of Alice's queries.
  await seed(bob, 'Invoice of Bob', { input: { dueDate: '2026-03-26', priority: 'URGENT' }, createdDaysAgo: 1 });
});

afterAll(async () => {
  await started?.service.stop();
  await db?.destroy();
});

describe('tasks(query:)', () => {
  const table: Array<[string, string[]]> = [
    ['today', ['Call plumber', 'Invoice ACME']],
    ['overdue', ['Quarterly report']],
    ['(today | overdue) & #work & !p1', ['Invoice ACME', 'Quarterly report']],
    [
      'due before: next monday',
      ['Call plumber', 'Invoice ACME', 'Old done task', 'Quarterly report', 'Team invoice review'],
    ],
    ['no date', ['Buy milk']],
    ['search: invoice', ['Invoice ACME', 'Team invoice review']],
    ['assigned to: me', ['Team invoice review']],
    ['~Errands', ['Buy milk', 'Renew passport']],
    ['created after: -7d', ['Buy milk', 'Invoice ACME', 'Plan holiday', 'Renew passport', 'Team invoice review']],
    ['tomorrow', ['Team invoice review']],
    ['!(#work) & open', ['Buy milk', 'Call plumber', 'Plan holiday', 'Renew passport']],
    ['recurring', ['Team invoice review']],
    ['completed', ['Old done task']],
    ['p2 | p4', ['Buy milk', 'Call plumber', 'Team invoice review']],
    ['due: 2026-03-30', ['Renew passport']],
    ['due after: 2026-03-30', ['Plan holiday']],
    ['#WORK & not done', ['Invoice ACME', 'Quarterly report', 'Team invoice review']],
    ['~errands & no date', ['Buy milk']],
    ['unassigned and today', ['Call plumber', 'Invoice ACME']],
    ['created before: 2026-03-01', ['Old done task', 'Quarterly report']],
    ['search: invoice | #home', ['Call plumber', 'Invoice ACME', 'Team invoice review']],
    ['(#work or #home) & not overdue & open', ['Call plumber', 'Invoice ACME', 'Team invoice review']],
    ['due before: tomorrow 12:00 & due after: -1d & open', ['Call plumber', 'Invoice ACME', 'Team invoice review']],
    ['#nosuchtag', []],
    [
      '   ',
      [
        'Buy milk',
        'Call plumber',
        'Invoice ACME',
        'Old done task',
        'Plan holiday',
        'Quarterly report',
        'Renew passport',
        'Team invoice review',
      ],
    ],
  ];

  it.each(table)('%s', async (query, expected) => {
    expect(await titles(alice, { query })).toEqual([...expected].sort());
  });

  it('is combined with filter by AND, and with Project.tasks', async () => {
    expect(await titles(alice, { query: '#work', filter: { status: 'COMPLETED' } })).toEqual(['Old done task']);
    expect(await titles(alice, { query: 'today | tomorrow', filter: { priorities: ['HIGH'] } })).toEqual([
      'Call plumber',
      'Team invoice review',
    ]);
    const project = await ok(alice, inProject, { id: errands, query: 'no date | #admin' });
    expect(project.project.tasks.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      [ids.get('Buy milk'), ids.get('Renew passport')].sort(),
    );
  });

  const bad: Array<[string, number, RegExp]> = [
    ['today &', 7, /a filter/],
    ['(today | overdue', 16, /\)/],
    ['#work & & today', 8, /a filter/],
    ['due before: someday', 12, /a date/],
    ['priority: high', 0, /a known filter key/],
    ['today overdue', 6, /& or \|/],
    ['~Nowhere', 0, /one of your projects/],
    ['assigned to: bob', 13, /me or nobody/],
    ['search:', 7, /text to search for/],
    [')', 0, /a filter/],
    ['search: !!! & today', 0, /letters or digits/],
  ];

  it.each(bad)('refuses %j at position %i', async (query, position, expected) => {
    const result = await alice.gql(search, { query });
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query', position });
    expect(error?.extensions?.expected).toMatch(expected);
    expect(error?.message).toContain(`at position ${position}`);
  });
});
