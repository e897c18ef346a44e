import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { buildEvent } from '@taskwire/platform/events';
import { createTasksDatabase } from '../../db/database.js';
import { handleTagEvent } from '../tag-projection/tag-projection.handler.js';
import {
  ensureInboxes,
  startTestTasksService,
  withInbox,
  type TestTaskRow,
  type TestUser,
} from '../../testing/harness.js';
import { bulkPositionSql, insertTask, searchTasksSql, type TaskSearchQuery } from './task.repository.js';
import type { NewTaskRow } from './task.model.js';
import { toPrefixQuery } from './task.validation.js';
import type { KyselyPlugin } from 'kysely';
import { createTasksContext } from '../../context.js';
import { taskResolvers } from './task.resolvers.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let alice: TestUser;
let bob: TestUser;

const search = `query($filter: TaskFilter, $sort: TaskSort, $first: Int, $after: String) {
  tasks(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { id title priority dueAt dueDate isOverdue } } pageInfo { hasNextPage endCursor } } }`;

const day = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);

/** Writes a fixture row into its user's Inbox. */
const insert = async (r: TestTaskRow) => insertTask(db, await withInbox(db, r));

function row(userId: string, fields: Partial<NewTaskRow> & { title: string }): TestTaskRow {
  return {
    id: uuidv7(),
    user_id: userId,
    description: null,
    priority: 1,
    status: 'OPEN',
    due_at: null,
    due_date: null,
    completed_at: null,
    time_zone: 'UTC',
    recurrence_rrule: null,
    recurrence_time_zone: null,
    recurrence_anchor: null,
    series_id: null,
    occurrence: null,
    series_start_at: null,
    series_start_date: null,
    ...fields,
  };
}

async function tag(userId: string, taskId: string, name: string): Promise<void> {
  const { envelope: event } = buildEvent('task.tagged', {
    actor: userId,
    subject: taskId,
    userId,
    data: { taskId, tag: { id: `tag-${name}-${userId}`, name, color: null } },
  });
  await db.transaction().execute((trx) => handleTagEvent(trx, event));
}

/** Walks every page and returns the ids in order. */
async function walk(
  user: TestUser,
  variables: Record<string, unknown>,
  onPage?: () => Promise<void>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res: any = await user.gql(search, { ...variables, after });
    expect(res.errors).toBeUndefined();
    ids.push(...res.data.tasks.edges.map((e: any) => e.node.id));
    if (!res.data.tasks.pageInfo.hasNextPage) return ids;
    after = res.data.tasks.pageInfo.endCursor;
    await onPage?.();
  }
  throw new Error('pagination did not end');
}

const t: Record<string, string> = {};

beforeAll(async () => {
  started = await startTestTasksService();
  db = createTasksDatabase(started.databaseUrl, 4);
  alice = await started.newUser();
  bob = await started.newUser();
  const seed: Array<[string, Partial<NewTaskRow> & { title: string }]> = [
    [
      'report',
      {
        title: 'Write quarterly report',
        description: 'numbers for the board',
        priority: 2,
        due_at: new Date(now - day),
      },
    ],
    [
      'reply',
      { title: 'Reply to Anna', description: 'about the report draft', priority: 3, due_at: new Date(now + 0.9 * day) },
    ],
    ['repair', { title: 'Repair bike', priority: 0, due_date: dateOf(now - 3 * day) }],
    [
      'groceries',
      { title: 'Buy groceries', description: 'milk, eggs, bread', priority: 1, due_date: dateOf(now + 2 * day) },
    ],
    [
      'done',
      {
        title: 'Reporting tool evaluation',
        priority: 3,
        status: 'COMPLETED',
        completed_at: new Date(now - day),
        due_at: new Date(now - 2 * day),
      },
    ],
    ['nodue', { title: 'Read a book', priority: 1 }],
    ['today', { title: 'Call plumber', priority: 2, due_date: dateOf(now) }],
    [
      'series',
      {
        title: 'Water plants',
        priority: 1,
        due_date: dateOf(now + 5 * day),
        recurrence_rrule: 'FREQ=WEEKLY',
        recurrence_time_zone: 'UTC',
        recurrence_anchor: 'SCHEDULE',
        occurrence: 1,
        series_start_date: dateOf(now + 5 * day),
      },
    ],
  ];
  for (const [key, fields] of seed) {
    const r = row(alice.id, fields);
    if (key === 'series') r.series_id = r.id;
    t[key] = (await insert(r)).id;
  }
  // Bob has matching words too; they must never show up for Alice.
  t.bobReport = (
    await insert(row(bob.id, { title: 'Write report for Bob', priority: 3, due_at: new Date(now - day) }))
  ).id;
  await tag(alice.id, t.report!, 'Work');
  await tag(alice.id, t.reply!, 'work');
  await tag(alice.id, t.groceries!, 'home');
  await tag(alice.id, t.done!, 'Work');
  await tag(bob.id, t.bobReport, 'work');
});

afterAll(async () => {
  await started?.service.stop();
  await db?.destroy();
});

const idsOf = (res: any): string[] => res.data.tasks.edges.map((e: any) => e.node.id);
const sorted = (ids: string[]) => [...ids].sort();

describe('filters', () => {
  it('full text: word prefixes over title and description, all words must match, ranked', async () => {
    const rep = await alice.gql(search, { filter: { search: 'rep' } });
    expect(sorted(idsOf(rep))).toEqual(sorted([t.report!, t.reply!, t.repair!, t.done!]));
    expect(rep.data.tasks.totalCount).toBe(4);
    // Ranked: title hits (weight A) before description-only hits (weight B).
    const report = await alice.gql(search, { filter: { search: 'report' } });
    expect(idsOf(report)).toHaveLength(3);
    expect(idsOf(report).at(-1)).toBe(t.reply); // only in its description
    expect(sorted(idsOf(await alice.gql(search, { filter: { search: 'quart REP' } })))).toEqual([t.report]);
    expect(idsOf(await alice.gql(search, { filter: { search: 'eggs' } }))).toEqual([t.groceries]);
    expect(idsOf(await alice.gql(search, { filter: { search: "rep' & !:* | (" } })).length).toBe(4); // operators are stripped
    expect(idsOf(await alice.gql(search, { filter: { search: 'zzz' } }))).toEqual([]);
    // Relevance order pages like any other sort: each match exactly once, in rank order.
    const walked = await walk(alice, { filter: { search: 'report' }, first: 1 });
    expect(walked).toEqual(idsOf(report));
  });

  it('combined filters are AND-ed and return exactly the expected ids', async () => {
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ status: 'OPEN', tags: ['WORK'] }, [t.report!, t.reply!]],
      [{ tags: ['work', 'home'] }, [t.report!, t.reply!, t.groceries!, t.done!]],
      [{ tags: ['work'], priorities: ['URGENT'] }, [t.reply!, t.done!]],
      [{ status: 'OPEN', priorities: ['HIGH', 'URGENT'], search: 're' }, [t.report!, t.reply!]],
      [{ overdue: true }, [t.report!, t.repair!]],
      [{ overdue: false, status: 'OPEN' }, [t.reply!, t.groceries!, t.nodue!, t.today!, t.series!]],
      [{ dueAfter: iso(now - 2.5 * day), dueBefore: iso(now + day) }, [t.report!, t.reply!, t.done!, t.today!]],
      [{ dueAfter: iso(now), tags: ['home'], search: 'milk' }, [t.groceries!]],
      [{ seriesId: t.series }, [t.series!]],
      [{ seriesId: 'not-a-uuid' }, []],
      [{ status: 'COMPLETED' }, [t.done!]],
    ];
    for (const [filter, expected] of cases) {
      const res = await alice.gql(search, { filter });
      expect(res.errors, JSON.stringify(filter)).toBeUndefined();
      expect(sorted(idsOf(res)), JSON.stringify(filter)).toEqual(sorted(expected));
      expect(res.data.tasks.totalCount).toBe(expected.length);
    }
    const overdue = await alice.gql(search, { filter: { overdue: true } });
    expect(overdue.data.tasks.edges.every((e: any) => e.node.isOverdue)).toBe(true);
  });

  it('sorts: DUE_AT keeps tasks without due last in both directions; PRIORITY DESC is urgent first', async () => {
    const open = { status: 'OPEN' };
    const asc = idsOf(await alice.gql(search, { filter: open, sort: { field: 'DUE_AT', direction: 'ASC' } }));
    expect(asc).toEqual([t.repair, t.report, t.today, t.reply, t.groceries, t.series, t.nodue]);
    const desc = idsOf(await alice.gql(search, { filter: open, sort: { field: 'DUE_AT', direction: 'DESC' } }));
    expect(desc).toEqual([t.series, t.groceries, t.reply, t.today, t.report, t.repair, t.nodue]);
    const prio = await alice.gql(search, { filter: open, sort: { field: 'PRIORITY', direction: 'DESC' } });
    expect(prio.data.tasks.edges.map((e: any) => e.node.priority)).toEqual([
      'URGENT',
      'HIGH',
      'HIGH',
      'MEDIUM',
      'MEDIUM',
      'MEDIUM',
      'LOW',
    ]);
    const title = await alice.gql(search, { filter: open, sort: { field: 'TITLE' } });
    expect(title.data.tasks.edges.map((e: any) => e.node.title)).toEqual([
      'Buy groceries',
      'Call plumber',
      'Read a book',
      'Repair bike',
      'Reply to Anna',
      'Water plants',
      'Write quarterly report',
    ]);
  });

  it('rejects bad arguments naming the field', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ first: 0 }, 'first'],
      [{ first: 201 }, 'first'],
      [{ after: 'garbage' }, 'after'],
      [{ filter: { dueAfter: 'yesterday' } }, 'filter.dueAfter'],
      [{ filter: { dueBefore: '2026-01-01' } }, 'filter.dueBefore'],
      [{ filter: { search: 'x'.repeat(501) } }, 'filter.search'],
    ];
    for (const [vars, field] of bad) {
      const res = await alice.gql(search, vars);
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars).slice(0, 60)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    // A cursor from another sort is refused rather than misread.
    const page = await alice.gql(search, { first: 1, sort: { field: 'TITLE' } });
    const wrong = await alice.gql(search, {
      first: 1,
      sort: { field: 'PRIORITY' },
      after: page.data.tasks.pageInfo.endCursor,
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('entity resolution', () => {
  it("__resolveReference loads a batch of ids in one query, and only the owner's tasks", async () => {
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = db.withPlugin(counting);
    const ctxFor = (userId: string) =>
      createTasksContext(
        {
          user: { id: userId },
          token: 'x',
          requestId: 'r',
          traceparent: null,
          clientAddress: 'test',
          idempotency: null,
          log: undefined as never,
        },
        { db: counted, now: () => new Date() },
      );
    const resolve = taskResolvers.Task!.__resolveReference as (
      ref: { id: string },
      ctx: unknown,
      info: unknown,
    ) => Promise<{ id: string } | null>;
    const ids = [t.report!, t.reply!, t.groceries!, t.bobReport!, '0190f2c4-0000-7000-8000-000000000000'];
    const asAlice = ctxFor(alice.id);
    const found = await Promise.all(ids.map((id) => resolve({ id }, asAlice, {})));
    expect(queries).toBe(1);
    expect(found.map((f) => f?.id ?? null)).toEqual([t.report, t.reply, t.groceries, null, null]);
    const asBob = ctxFor(bob.id);
    expect((await Promise.all(ids.map((id) => resolve({ id }, asBob, {})))).map((f) => f?.id ?? null)).toEqual([
      null,
      null,
      null,
      t.bobReport,
      null,
    ]);
    expect(queries).toBe(2);
  });
});

describe('pagination', () => {
  it('walking every page returns each matching task exactly once while tasks are inserted concurrently', async () => {
    const carol = await started.newUser();
    const original: string[] = [];
    for (let i = 0; i < 150; i++) {
      const r = row(carol.id, {
        title: `Task ${String(i % 37).padStart(2, '0')}`,
        priority: i % 4,
        due_at: i % 5 === 0 ? null : new Date(now + ((i * 7919) % 100) * 3_600_000),
        due_date: null,
      });
      original.push((await insert(r)).id);
    }
    const sorts = [
      undefined,
      { field: 'CREATED_AT', direction: 'ASC' },
      { field: 'DUE_AT', direction: 'ASC' },
      { field: 'DUE_AT', direction: 'DESC' },
      { field: 'PRIORITY', direction: 'DESC' },
      { field: 'TITLE', direction: 'ASC' },
      { field: 'UPDATED_AT', direction: 'DESC' },
    ];
    let inserted = 0;
    // A writer inserting in the background for the whole walk, besides the inserts between pages.
    let walking = true;
    let background = 0;
    const writer = (async () => {
      while (walking) {
        await insert(
          row(carol.id, {
            title: `Task ${String(background % 40).padStart(2, '0')}`,
            priority: background % 4,
            due_at: background % 2 ? new Date(now + (background % 90) * 3_600_000) : null,
          }),
        );
        background++;
        // Paced (not a wait for a condition): a writer faster than the reader would make an
        // ascending CREATED_AT walk a live feed that never ends, which is correct but untestable.
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      for (const sort of sorts) {
        // Insert a few tasks (with keys landing before, inside and after the current page) between page reads.
        const ids = await walk(carol, { first: 9, ...(sort ? { sort } : {}) }, async () => {
          const ms = now + ((inserted * 104_729) % 120) * 3_600_000 - 10 * 3_600_000;
          await insert(
            row(carol.id, {
              title: `Task ${String(inserted % 40).padStart(2, '0')}`,
              priority: inserted % 4,
              due_at: inserted % 3 ? new Date(ms) : null,
            }),
          );
          inserted++;
        });
        expect(new Set(ids).size, `duplicates with sort ${JSON.stringify(sort)}`).toBe(ids.length);
        const seen = new Set(ids);
        expect(
          original.filter((id) => !seen.has(id)),
          `missing with sort ${JSON.stringify(sort)}`,
        ).toEqual([]);
      }
    } finally {
      walking = false;
      await writer;
    }
    expect(inserted).toBeGreaterThan(80);
    expect(background).toBeGreaterThan(20);
  });
});

describe('query plans', () => {
  it('the main search shapes are index scans', async () => {
    // Enough rows that a sequential scan would be the worse plan: 40 users × 1,000 tasks.
    await ensureInboxes(
      db,
      Array.from({ length: 40 }, (_, i) => `plan-user-${i}`),
    );
    await sql`
      insert into tasks (id, user_id, title, description, priority, status, completed_at, due_at, time_zone, created_at, updated_at, project_id, position)
      select md5('plan' || g)::uuid, 'plan-user-' || (g % 40), 'item ' || g || ' ' || md5(g::text), case when g % 3 = 0 then 'notes ' || md5((g * 7)::text) end,
             g % 4, case when g % 5 = 0 then 'COMPLETED' else 'OPEN' end, case when g % 5 = 0 then now() end, case when g % 4 = 0 then null else now() + (g % 500) * interval '1 hour' end,
             'UTC', now() - g * interval '1 minute', now() - g * interval '1 minute',
             (select p.id from projects p where p.owner_id = 'plan-user-' || (g % 40) and p.is_inbox), ${bulkPositionSql(sql`g`)}
      from generate_series(1, 40000) g`.execute(db);
    await sql`
      insert into task_tags (task_id, tag_id, user_id, tag_name, tag_name_lower, event_id)
      select id, 'tag-' || (abs(hashtext(id::text)) % 20), user_id, 'Tag' || (abs(hashtext(id::text)) % 20), 'tag' || (abs(hashtext(id::text)) % 20), gen_random_uuid()
      from tasks where user_id like 'plan-user-%'`.execute(db);
    // plan-user-7 is also a member of plan-user-8's Inbox: a search reads one index range per project.
    await sql`
      insert into project_members (project_id, user_id, role, position)
      select id, 'plan-user-7', 'EDITOR', 1 from projects where owner_id = 'plan-user-8' and is_inbox`.execute(db);
    // Statistics from every row rather than a random sample, so the plans cannot flip between runs.
    await db.transaction().execute(async (trx) => {
      await sql`set local default_statistics_target = 1000`.execute(trx);
      await sql`analyze tasks`.execute(trx);
      await sql`analyze task_tags`.execute(trx);
      await sql`analyze project_members`.execute(trx);
    });

    const user = 'plan-user-7';
    const base: TaskSearchQuery = { filter: {}, sort: 'CREATED_AT', direction: 'DESC', limit: 51, now: new Date() };
    const plan = async (q: TaskSearchQuery): Promise<string> => {
      const res = await sql<{ 'QUERY PLAN': string }>`explain ${searchTasksSql(user, q)}`.execute(db);
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const shapes: Array<[string, TaskSearchQuery, RegExp]> = [
      ['default list', base, /Index Scan Backward using tasks_project_created_idx/],
      [
        'default list, next page',
        { ...base, after: { key: new Date().toISOString(), id: '00000000-0000-7000-8000-000000000000' } },
        /Index Scan Backward using tasks_project_created_idx/,
      ],
      [
        'due ascending',
        { ...base, sort: 'DUE_AT', direction: 'ASC', filter: { status: 'OPEN' } },
        /Index Scan using tasks_project_due_asc_idx/,
      ],
      [
        'due range, by due',
        {
          ...base,
          sort: 'DUE_AT',
          direction: 'ASC',
          filter: { dueAfter: new Date(), dueBefore: new Date(Date.now() + 86_400_000) },
        },
        /Index Cond: \(\(project_id = m\.project_id\).*coalesce\(due_key/i,
      ],
      [
        'due descending',
        { ...base, sort: 'DUE_AT', direction: 'DESC' },
        /Index Scan Backward using tasks_project_due_desc_idx/,
      ],
      [
        'priority',
        { ...base, sort: 'PRIORITY', direction: 'DESC', filter: { priorities: [2, 3] } },
        /Index Scan Backward using tasks_project_priority_idx/,
      ],
      ['title', { ...base, sort: 'TITLE', direction: 'ASC' }, /Index Scan using tasks_project_title_idx/],
      [
        'updated',
        { ...base, sort: 'UPDATED_AT', direction: 'DESC' },
        /Index Scan Backward using tasks_project_updated_idx/,
      ],
      [
        'full text',
        { ...base, sort: 'RELEVANCE', filter: { tsquery: toPrefixQuery('a1b2')! } },
        /Bitmap Index Scan on tasks_project_search_idx/,
      ],
      ['tag filter', { ...base, filter: { tags: ['tag3'] } }, /task_tags_user_name_idx|task_tags_pkey/],
    ];
    for (const [name, q, expected] of shapes) {
      const text = await plan(q);
      expect(text, `${name}:\n${text}`).toMatch(expected);
      expect(text, `${name}:\n${text}`).not.toMatch(/Seq Scan on tasks/);
    }
  });
});

describe('backward paging (last/before) and a complete PageInfo', () => {
  const paged = `query($filter: TaskFilter, $sort: TaskSort, $first: Int, $after: String, $last: Int, $before: String) {
    tasks(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

  /** Walks every page from the end towards the start and returns the ids in list order. */
  async function walkBackward(variables: Record<string, unknown>): Promise<string[]> {
    const pages: string[][] = [];
    let before: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const res: any = await alice.gql(paged, { ...variables, before });
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo } = res.data.tasks;
      pages.unshift(edges.map((e: any) => e.node.id));
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      // Read backward: the page has later items exactly when it started from a cursor.
      expect(pageInfo.hasNextPage).toBe(before !== null);
      if (!pageInfo.hasPreviousPage) return pages.flat();
      before = pageInfo.startCursor;
    }
    throw new Error('pagination did not end');
  }

  it.each([
    [{}],
    [{ sort: { field: 'DUE_AT', direction: 'ASC' } }],
    [{ sort: { field: 'DUE_AT', direction: 'DESC' } }],
    [{ sort: { field: 'PRIORITY', direction: 'DESC' } }],
    [{ sort: { field: 'TITLE' } }],
    [{ filter: { search: 're' } }],
  ])('reads %j backward in the same order as forward, each task once', async (variables) => {
    const forward = await walk(alice, { ...variables, first: 2 });
    expect(forward.length).toBeGreaterThan(2);
    expect(await walkBackward({ ...variables, last: 2 })).toEqual(forward);
  });

  it('answers hasPreviousPage going forward and hasNextPage going backward honestly', async () => {
    const sort = { field: 'TITLE', direction: 'ASC' };
    const all = await walk(alice, { sort, first: 200 });
    const first = await alice.gql(paged, { sort, first: 3 });
    expect(first.data.tasks.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const second = await alice.gql(paged, { sort, first: 3, after: first.data.tasks.pageInfo.endCursor });
    expect(second.data.tasks.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(second.data.tasks.edges.map((e: any) => e.node.id)).toEqual(all.slice(3, 6));
    // Back from the second page's start is the first page again, and nothing precedes it.
    const back = await alice.gql(paged, { sort, last: 3, before: second.data.tasks.pageInfo.startCursor });
    expect(back.data.tasks.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 3));
    expect(back.data.tasks.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    // The last page read backward without a cursor: nothing follows it.
    const end = await alice.gql(paged, { sort, last: 2 });
    expect(end.data.tasks.edges.map((e: any) => e.node.id)).toEqual(all.slice(-2));
    expect(end.data.tasks.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    // An empty page has no cursors.
    const none = await alice.gql(paged, { filter: { search: 'zzz' }, last: 2 });
    expect(none.data.tasks.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('refuses mixing directions, a bad last and a forged before, naming the argument', async () => {
    const first = await alice.gql(paged, { first: 1 });
    const cursor = first.data.tasks.pageInfo.endCursor;
    const mixed = await alice.gql(paged, { after: cursor, last: 1 });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const big = await alice.gql(paged, { last: 201 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    const forged = await alice.gql(paged, { last: 1, before: 'bm90IGEgY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    // A cursor of another sort is refused too.
    const otherSort = await alice.gql(paged, { sort: { field: 'TITLE' }, last: 1, before: cursor });
    expect(otherSort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
  });
});
