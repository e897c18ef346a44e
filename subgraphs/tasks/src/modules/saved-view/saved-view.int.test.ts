/**
 * Saved views through the tasks subgraph on a real PostgreSQL: create, list, update, move and
 * delete with the list numbered 1, 2, … after every change; each refusal with its code and
 * field (and the position of a bad query); one user's views invisible to another (NOT_FOUND,
 * their list untouched); a view's query and sort giving exactly the tasks of `tasks(query:)`;
 * no event for any of it; and the views erased with the account (the real `user.deleted` handler).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import { codeOf, projectUserDeleted, startTestTasksService, type TestUser } from '../../testing/harness.js';

const start = new Date('2026-03-26T09:30:00.000Z');
let clock = start;

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;

const viewFields = 'id name query sort { field direction } position createdAt updatedAt';
const list = `query { savedViews { ${viewFields} } }`;
const create = `mutation($input: CreateSavedViewInput!) { createSavedView(input: $input) { ${viewFields} } }`;
const update = `mutation($id: ID!, $input: UpdateSavedViewInput!) {
  updateSavedView(id: $id, input: $input) { ${viewFields} } }`;
const remove = `mutation($id: ID!) { deleteSavedView(id: $id) }`;
const search = `query($query: String, $sort: TaskSort) {
  tasks(query: $query, sort: $sort, first: 200) { edges { node { id title } } } }`;

interface View {
  id: string;
  name: string;
  query: string;
  sort: { field: string; direction: string } | null;
  position: number;
  createdAt: string;
  updatedAt: string;
}

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql<T>(query, variables);
  expect(result.errors, `${query} ${JSON.stringify(variables)}`).toBeUndefined();
  return result.data!;
}

async function newView(user: TestUser, input: Record<string, unknown>): Promise<View> {
  return (await ok<{ createSavedView: View }>(user, create, { input: { query: '', ...input } })).createSavedView;
}

async function views(user: TestUser): Promise<View[]> {
  return (await ok<{ savedViews: View[] }>(user, list)).savedViews;
}

/** The user's list as `name@position`, in the order `savedViews` answers. */
async function order(user: TestUser): Promise<string[]> {
  return (await views(user)).map((v) => `${v.name}@${v.position}`);
}

beforeAll(async () => {
  started = await startTestTasksService({}, { now: () => clock });
  db = createTasksDatabase(started.databaseUrl, 2);
});

afterAll(async () => {
  await started?.service.stop();
  await db?.destroy();
});

describe('saved views', () => {
  it('are created last in the list, trimmed, with an optional sort (direction ASC by default)', async () => {
    const user = await started.newUser();
    expect(await views(user)).toEqual([]);
    const today = await newView(user, { name: '  Today  ', query: 'today | overdue' });
    expect(today).toEqual({
      id: expect.any(String),
      name: 'Today',
      query: 'today | overdue',
      sort: null,
      position: 1,
      createdAt: start.toISOString(),
      updatedAt: start.toISOString(),
    });
    const work = await newView(user, { name: 'Work', query: '#work & !p1', sort: { field: 'DUE_AT' } });
    expect(work).toMatchObject({ position: 2, sort: { field: 'DUE_AT', direction: 'ASC' } });
    const all = await newView(user, { name: 'Everything', sort: { field: 'PRIORITY', direction: 'DESC' } });
    expect(all).toMatchObject({ query: '', position: 3, sort: { field: 'PRIORITY', direction: 'DESC' } });
    expect(await views(user)).toEqual([today, work, all]);
  });

  it('update changes name, query and sort; updatedAt moves with a change only, not with a move', async () => {
    const user = await started.newUser();
    const view = await newView(user, { name: 'Soon', query: 'tomorrow' });
    await newView(user, { name: 'Other' });
    clock = new Date(start.getTime() + 60_000);
    try {
      const changed = (
        await ok(user, update, {
          id: view.id,
          input: { name: ' Next days ', query: 'due before: +3d', sort: { field: 'TITLE', direction: 'DESC' } },
        })
      ).updateSavedView;
      expect(changed).toEqual({
        ...view,
        name: 'Next days',
        query: 'due before: +3d',
        sort: { field: 'TITLE', direction: 'DESC' },
        updatedAt: clock.toISOString(),
      });
      clock = new Date(start.getTime() + 120_000);
      // Nothing that differs (the name in another case is a change, the same values are not).
      const same = (await ok(user, update, { id: view.id, input: { query: 'due before: +3d', sort: changed.sort } }))
        .updateSavedView;
      expect(same).toEqual(changed);
      const moved = (await ok(user, update, { id: view.id, input: { position: 2 } })).updateSavedView;
      expect(moved).toEqual({ ...changed, position: 2 });
      const cleared = (await ok(user, update, { id: view.id, input: { clearSort: true, name: 'NEXT DAYS' } }))
        .updateSavedView;
      expect(cleared).toMatchObject({ name: 'NEXT DAYS', sort: null, position: 2, updatedAt: clock.toISOString() });
      expect(await order(user)).toEqual(['Other@1', 'NEXT DAYS@2']);
    } finally {
      clock = start;
    }
  });

  it('moves keep the list numbered 1, 2, … (1 = first, past the end = last); a deletion closes the gap', async () => {
    const user = await started.newUser();
    const [a, b, c, d] = [
      await newView(user, { name: 'A' }),
      await newView(user, { name: 'B' }),
      await newView(user, { name: 'C' }),
      await newView(user, { name: 'D' }),
    ];
    const move = (view: View, position: number) => ok(user, update, { id: view.id, input: { position } });
    await move(c, 1);
    expect(await order(user)).toEqual(['C@1', 'A@2', 'B@3', 'D@4']);
    await move(c, 99);
    expect(await order(user)).toEqual(['A@1', 'B@2', 'D@3', 'C@4']);
    await move(a, 3);
    expect(await order(user)).toEqual(['B@1', 'D@2', 'A@3', 'C@4']);
    await move(d, 2);
    expect(await order(user)).toEqual(['B@1', 'D@2', 'A@3', 'C@4']);
    expect((await ok(user, remove, { id: d.id })).deleteSavedView).toBe(d.id);
    expect(await order(user)).toEqual(['B@1', 'A@2', 'C@3']);
    await newView(user, { name: 'E' });
    expect(await order(user)).toEqual(['B@1', 'A@2', 'C@3', 'E@4']);
    await ok(user, remove, { id: b.id });
    expect(await order(user)).toEqual(['A@1', 'C@2', 'E@3']);
    expect(codeOf(await user.gql(remove, { id: d.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('refusals', () => {
    let user: TestUser;
    let mine: View;

    beforeAll(async () => {
      user = await started.newUser();
      mine = await newView(user, { name: 'Mine', query: 'overdue' });
      await newView(user, { name: 'Taken' });
    });

    const badCreates: Array<[string, Record<string, unknown>, string]> = [
      ['an empty name', { name: '' }, 'input.name'],
      ['a blank name', { name: '   ' }, 'input.name'],
      ['a name of 101 characters', { name: 'x'.repeat(101) }, 'input.name'],
      ['a name on two lines', { name: 'two\nlines' }, 'input.name'],
      ['a name another view has, in another case', { name: ' TAKEN ' }, 'input.name'],
      ['a query with a control character', { name: 'Q', query: 'today\u0007' }, 'input.query'],
    ];

    it.each(badCreates)('createSavedView refuses %s', async (_what, input, field) => {
      const result = await user.gql(create, { input: { query: '', ...input } });
      expect(codeOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('says that a view of the name exists; 100 characters (code points) are fine', async () => {
      const result = await user.gql(create, { input: { name: 'taken', query: '' } });
      expect(result.errors?.[0]?.message).toMatch(/saved view named "taken" exists/);
      const longest = await newView(user, { name: '😀'.repeat(100) });
      expect([...longest.name]).toHaveLength(100);
      await ok(user, remove, { id: longest.id });
    });

    const badQueries: Array<[string, number, RegExp]> = [
      ['today &', 7, /a filter/],
      ['(today | overdue', 16, /\)/],
      ['due before: someday', 12, /a date/],
      ['today overdue', 6, /& or \|/],
      ['x'.repeat(1_001), 1_000, /at most 1000 characters/],
    ];

    it.each(badQueries)('a query %j is refused on input.query at position %i', async (query, position, expected) => {
      for (const result of [
        await user.gql(create, { input: { name: 'Bad', query } }),
        await user.gql(update, { id: mine.id, input: { query } }),
      ]) {
        expect(codeOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query', position });
        expect(codeOf(result)?.expected).toMatch(expected);
      }
    });

    it('an unknown ~Project or #tag is no syntax error: resolved when the view is used', async () => {
      const view = await newView(user, { name: 'Later', query: '~Someday & #maybe' });
      expect(codeOf(await user.gql(search, { query: view.query }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
        position: 0,
      });
      await ok(user, remove, { id: view.id });
    });

    const badUpdates: Array<[string, Record<string, unknown>, string]> = [
      ['sort with clearSort', { sort: { field: 'TITLE' }, clearSort: true }, 'input.clearSort'],
      ['a null name', { name: null }, 'input.name'],
      ['a null query', { query: null }, 'input.query'],
      ['a blank name', { name: ' ' }, 'input.name'],
      ['the name of another view', { name: 'taken' }, 'input.name'],
      ['position 0', { position: 0 }, 'input.position'],
      ['a negative position', { position: -1 }, 'input.position'],
    ];

    it.each(badUpdates)('updateSavedView refuses %s and changes nothing', async (_what, input, field) => {
      const result = await user.gql(update, { id: mine.id, input });
      expect(codeOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect((await views(user)).find((v) => v.id === mine.id)).toEqual(mine);
    });

    it('a missing id is NOT_FOUND for update and delete', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        expect(codeOf(await user.gql(update, { id, input: { name: 'x' } }))).toMatchObject({ code: 'NOT_FOUND' });
        expect(codeOf(await user.gql(remove, { id }))).toMatchObject({ code: 'NOT_FOUND' });
      }
    });

    it('needs a signed-in user', async () => {
      const url = started.service.url;
      expect(codeOf(await graphqlRequest(url, list))).toMatchObject({ code: 'UNAUTHENTICATED' });
      const anonymous = await graphqlRequest(url, create, { input: { name: 'x', query: '' } });
      expect(codeOf(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  it('at most 100 per user: the 101st is BAD_USER_INPUT on input; after a deletion one fits again', async () => {
    const user = await started.newUser();
    const created: View[] = [];
    for (let i = 1; i <= 100; i++) created.push(await newView(user, { name: `View ${i}` }));
    expect(created.map((v) => v.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const refused = await user.gql(create, { input: { name: 'One too many', query: '' } });
    expect(codeOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(refused.errors?.[0]?.message).toMatch(/at most 100 saved views/);
    await ok(user, remove, { id: created[0]!.id });
    expect((await newView(user, { name: 'One too many' })).position).toBe(100);
  });

  it("one user's views are invisible to another: NOT_FOUND, and neither list changes", async () => {
    const [alice, bob] = [await started.newUser(), await started.newUser()];
    const hers = await newView(alice, { name: 'Shared name', query: 'today' });
    const his = await newView(bob, { name: 'Shared name', query: 'overdue' });
    expect(codeOf(await bob.gql(update, { id: hers.id, input: { name: 'Mine now' } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(codeOf(await bob.gql(update, { id: hers.id, input: { position: 1 } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(codeOf(await bob.gql(remove, { id: hers.id }))).toMatchObject({ code: 'NOT_FOUND' });
    // The answer for someone else's id is exactly the one for a missing id.
    const missing = await bob.gql(remove, { id: randomUUID() });
    expect((await bob.gql(remove, { id: hers.id })).errors?.[0]?.message.replace(hers.id, 'ID')).toBe(
      missing.errors?.[0]?.message.replace(/[0-9a-f-]{36}/, 'ID'),
    );
    expect(await views(alice)).toEqual([hers]);
    expect(await views(bob)).toEqual([his]);
  });

  it("a view's query and sort give exactly the tasks of tasks(query:, sort:)", async () => {
    const user = await started.newUser();
    const createTask = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
    const titles = ['Pay rent', 'Buy milk', 'Call plumber', 'Plan holiday'];
    const inputs = [
      { title: titles[0], priority: 'URGENT', dueDate: '2026-03-26' },
      { title: titles[1], priority: 'LOW' },
      { title: titles[2], priority: 'HIGH', dueDate: '2026-03-27' },
      { title: titles[3], priority: 'MEDIUM', dueDate: '2026-03-20' },
    ];
    for (const input of inputs) await ok(user, createTask, { input });
    const view = await newView(user, {
      name: 'Urgent or undated',
      query: '!p1 | no date | overdue',
      sort: { field: 'PRIORITY', direction: 'DESC' },
    });
    const [stored] = await views(user);
    const used = await ok(user, search, { query: stored!.query, sort: stored!.sort });
    const typed = await ok(user, search, {
      query: '!p1 | no date | overdue',
      sort: { field: 'PRIORITY', direction: 'DESC' },
    });
    const names = (data: any) => data.tasks.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(names(used)).toEqual(['Pay rent', 'Plan holiday', 'Buy milk']);
    expect(used).toEqual(typed);
    // An empty query is every task.
    const everything = await newView(user, { name: 'All' });
    expect(names(await ok(user, search, { query: everything.query })).sort()).toEqual([...titles].sort());
    expect(view.id).toBe(stored!.id);
  });

  it('emit no event: the outbox holds nothing of a user who only saved views', async () => {
    const user = await started.newUser();
    const view = await newView(user, { name: 'Quiet' });
    await ok(user, update, { id: view.id, input: { name: 'Still quiet', query: 'today', position: 1 } });
    await ok(user, remove, { id: view.id });
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from outbox
      where envelope->>'userId' = ${user.id} or strpos(envelope::text, ${view.id}) > 0`.execute(db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('go with the account: user.deleted erases them (and nobody else’s); a racing create is refused', async () => {
    const [leaving, staying] = [await started.newUser(), await started.newUser()];
    await newView(leaving, { name: 'One' });
    await newView(leaving, { name: 'Two', sort: { field: 'TITLE' } });
    const kept = await newView(staying, { name: 'One' });
    await projectUserDeleted(db, leaving.id);
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from saved_views where user_id = ${leaving.id}`.execute(db);
    expect(Number(rows[0]!.n)).toBe(0);
    expect(await views(leaving)).toEqual([]);
    expect(await views(staying)).toEqual([kept]);
    // A request that passed the gateway before the deletion creates nothing.
    const late = await leaving.gql(create, { input: { name: 'Three', query: '' } });
    expect(codeOf(late)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
