/**
 * Issue 15 item 3, the input rows of the edge table: malformed values sent as an outside client
 * would, through the gateway and to each subgraph directly. Every row must get BAD_USER_INPUT
 * naming the field, with a 4xx or 200 status, never a 5xx or INTERNAL_SERVER_ERROR. That the
 * values were refused before SQL is shown twice: no service logged an error (a value that
 * reached PostgreSQL and failed there is logged as "resolver failed"), and the refused writes
 * changed nothing the API shows (tasks, tags, reminders, accounts).
 */
import { createAuditDatabase, findAuditEntryByEventId } from '@taskwire/audit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../stack.js';
import { gatewaySecretHeader } from '@taskwire/platform/gateway-secret';
import { captureLogLines, eventually, testGatewaySecret } from '../support.js';

type Target = 'gateway' | keyof Stack['subgraphUrls'];

interface Row {
  name: string;
  /** Where the request goes; subgraph rows skip the gateway (the side door the gateway guards). */
  via: Target;
  query: string;
  variables?: (ctx: Fixture) => Record<string, unknown>;
  /** Sent without a token (sign-up, sign-in). */
  anonymous?: boolean;
  field: string;
  status: number;
}

interface Fixture {
  taskId: string;
  /** A real CREATED_AT:DESC cursor of the user's task list, to forge others from. */
  taskCursor: string;
}

const later = '2030-01-01T09:00:00Z';
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A task cursor with the real id of `ctx` but a forged sort and key. */
const taskCursor = (ctx: Fixture, sort: string, key: unknown) => {
  const [, , id] = JSON.parse(Buffer.from(ctx.taskCursor, 'base64url').toString('utf8')) as string[];
  return b64([sort, key, id]);
};

const createTask = `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`;
const tasksPage = `query($f: TaskFilter, $s: TaskSort, $a: String) { tasks(filter: $f, sort: $s, first: 5, after: $a) { edges { cursor } } }`;
const auditOfTask = `query($f: AuditFilter) { auditLog(filter: $f, first: 1) { edges { node { eventId } } } }`;
const auditLog = `query($f: AuditFilter, $a: String) { auditLog(filter: $f, first: 5, after: $a) { edges { cursor } } }`;
const signUp = `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`;
const signIn = `mutation($i: SignInInput!) { signIn(input: $i) { token } }`;
const good = { password: 'Correct-Horse-9', name: 'Eve', timeZone: 'UTC' };

const rows: Row[] = [
  // ── tasks ──
  {
    name: 'NUL in a title',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 'a\u0000b' } }),
    field: 'input.title',
    status: 200,
  },
  {
    name: 'escape sequence in a title',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 'red \u001b[31m' } }),
    field: 'input.title',
    status: 200,
  },
  {
    name: 'line break in a one-line title',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 'two\nlines' } }),
    field: 'input.title',
    status: 200,
  },
  {
    name: 'NUL in a description',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 't', description: 'x\u0000' } }),
    field: 'input.description',
    status: 200,
  },
  {
    name: 'dueDate in year 0',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 't', dueDate: '0000-01-01' } }),
    field: 'input.dueDate',
    status: 200,
  },
  {
    name: 'dueDate 2026-02-30',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 't', dueDate: '2026-02-30' } }),
    field: 'input.dueDate',
    status: 200,
  },
  {
    name: 'dueAt 2026-02-30',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 't', dueAt: '2026-02-30T09:00:00Z' } }),
    field: 'input.dueAt',
    status: 200,
  },
  {
    // 7,000 parts: 12,000 no longer fit the gateway's 100 KiB body limit (413 BAD_REQUEST).
    name: 'RRULE of 7,000 repeated BYMONTHDAY=1 parts',
    via: 'gateway',
    query: createTask,
    variables: () => ({
      i: {
        title: 't',
        dueDate: '2030-01-01',
        recurrence: { rrule: `FREQ=MONTHLY;${Array(7_000).fill('BYMONTHDAY=1').join(';')}` },
      },
    }),
    field: 'input.recurrence.rrule',
    status: 200,
  },
  {
    name: 'RRULE of 1,013 characters',
    via: 'gateway',
    query: createTask,
    variables: () => ({
      i: {
        title: 't',
        dueDate: '2030-01-01',
        recurrence: { rrule: `FREQ=MONTHLY;BYMONTHDAY=${'1,'.repeat(494)}1` },
      },
    }),
    field: 'input.recurrence.rrule',
    status: 200,
  },
  {
    name: 'RRULE part given twice',
    via: 'gateway',
    query: createTask,
    variables: () => ({
      i: { title: 't', dueDate: '2030-01-01', recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1;BYMONTHDAY=1' } },
    }),
    field: 'input.recurrence.rrule',
    status: 200,
  },
  {
    name: 'NUL in an RRULE',
    via: 'gateway',
    query: createTask,
    variables: () => ({ i: { title: 't', dueDate: '2030-01-01', recurrence: { rrule: 'FREQ=DAILY\u0000' } } }),
    field: 'input.recurrence.rrule',
    status: 200,
  },
  {
    name: 'NUL in a search',
    via: 'gateway',
    query: tasksPage,
    variables: () => ({ f: { search: 'report\u0000' } }),
    field: 'filter.search',
    status: 200,
  },
  {
    name: 'NUL in a tag filter',
    via: 'gateway',
    query: tasksPage,
    variables: () => ({ f: { tags: ['ok', 'x\u0000'] } }),
    field: 'filter.tags[1]',
    status: 200,
  },
  {
    name: 'task cursor of garbage base64',
    via: 'gateway',
    query: tasksPage,
    variables: () => ({ a: '%%%garbage%%%' }),
    field: 'after',
    status: 200,
  },
  {
    name: 'task cursor with a number as key',
    via: 'gateway',
    query: tasksPage,
    variables: (c) => ({ a: taskCursor(c, 'CREATED_AT:DESC', 42) }),
    field: 'after',
    status: 200,
  },
  {
    name: 'task cursor dated 2026-02-30',
    via: 'gateway',
    query: tasksPage,
    variables: (c) => ({ a: taskCursor(c, 'CREATED_AT:DESC', '2026-02-30 10:00:00+00') }),
    field: 'after',
    status: 200,
  },
  {
    name: 'task cursor with an out-of-range priority',
    via: 'gateway',
    query: tasksPage,
    variables: (c) => ({ s: { field: 'PRIORITY', direction: 'DESC' }, a: taskCursor(c, 'PRIORITY:DESC', '99999') }),
    field: 'after',
    status: 200,
  },
  {
    name: 'NUL in a task id',
    via: 'gateway',
    query: `query($id: ID!) { task(id: $id) { id } }`,
    variables: () => ({ id: 'x\u0000' }),
    field: 'id',
    status: 200,
  },
  {
    name: 'NUL in the id of a task to complete',
    via: 'gateway',
    query: `mutation($id: ID!) { completeTask(id: $id) { id } }`,
    variables: () => ({ id: '\u0000' }),
    field: 'id',
    status: 200,
  },
  {
    name: 'NUL in a series filter',
    via: 'gateway',
    query: tasksPage,
    variables: () => ({ f: { seriesId: '\u0000' } }),
    field: 'filter.seriesId',
    status: 200,
  },
  // ── audit ──
  {
    name: 'audit cursor with an out-of-range bigint',
    via: 'gateway',
    query: auditLog,
    variables: () => ({ a: b64('2026-11-30T10:00:00.000000Z|9999999999999999999') }),
    field: 'after',
    status: 200,
  },
  {
    name: 'audit cursor dated 2026-02-30',
    via: 'gateway',
    query: auditLog,
    variables: () => ({ a: b64('2026-02-30T10:00:00.000000Z|1') }),
    field: 'after',
    status: 200,
  },
  {
    name: 'auditLog since 2027-02-30',
    via: 'gateway',
    query: auditLog,
    variables: () => ({ f: { since: '2027-02-30T00:00:00Z' } }),
    field: 'filter.since',
    status: 200,
  },
  {
    name: 'NUL in an audit task id',
    via: 'gateway',
    query: auditLog,
    variables: () => ({ f: { taskId: '\u0000' } }),
    field: 'filter.taskId',
    status: 200,
  },
  {
    name: 'NUL in an audit event type',
    via: 'gateway',
    query: auditLog,
    variables: () => ({ f: { types: ['task.created', 'x\u0000'] } }),
    field: 'filter.types[1]',
    status: 200,
  },
  // ── planning ──
  {
    name: 'NUL in a tag name',
    via: 'gateway',
    query: `mutation($n: String!) { createTag(name: $n) { id } }`,
    variables: () => ({ n: 'wo\u0000rk' }),
    field: 'name',
    status: 200,
  },
  {
    name: 'NUL in a task id to tag',
    via: 'gateway',
    query: `mutation($t: ID!) { setTaskTags(taskId: $t, names: ["a"]) { id } }`,
    variables: () => ({ t: '\u0000' }),
    field: 'taskId',
    status: 200,
  },
  {
    name: 'NUL in a tag of setTaskTags',
    via: 'gateway',
    query: `mutation($t: ID!, $n: [String!]!) { setTaskTags(taskId: $t, names: $n) { id } }`,
    variables: (c) => ({ t: c.taskId, n: ['a', 'b\u0000'] }),
    field: 'names[1]',
    status: 200,
  },
  {
    name: 'NUL in a reminder task id',
    via: 'gateway',
    query: `mutation($i: AddReminderInput!) { addReminder(input: $i) { id } }`,
    variables: () => ({ i: { taskId: '\u0000', remindAt: later } }),
    field: 'input.taskId',
    status: 200,
  },
  {
    name: 'reminder at 2027-02-30',
    via: 'gateway',
    query: `mutation($i: AddReminderInput!) { addReminder(input: $i) { id } }`,
    variables: (c) => ({ i: { taskId: c.taskId, remindAt: '2027-02-30T09:00:00Z' } }),
    field: 'input.remindAt',
    status: 200,
  },
  {
    name: 'snooze until 2027-02-30',
    via: 'gateway',
    query: `mutation($id: ID!, $u: DateTime!) { snoozeReminder(id: $id, until: $u) { id } }`,
    variables: () => ({ id: 'r1', u: '2027-02-30T09:00:00Z' }),
    field: 'until',
    status: 200,
  },
  {
    name: 'NUL in a reminder id',
    via: 'gateway',
    query: `mutation($id: ID!) { dismissReminder(id: $id) { id } }`,
    variables: () => ({ id: 'r\u0000' }),
    field: 'id',
    status: 200,
  },
  // ── accounts ──
  {
    name: 'U+202E in a sign-up e-mail',
    via: 'gateway',
    anonymous: true,
    query: signUp,
    variables: () => ({ i: { ...good, email: 'eve@\u202emoc.elpmaxe.example.com' } }),
    field: 'input.email',
    status: 200,
  },
  {
    name: 'NUL in a sign-up e-mail',
    via: 'gateway',
    anonymous: true,
    query: signUp,
    variables: () => ({ i: { ...good, email: 'eve\u0000@example.com' } }),
    field: 'input.email',
    status: 200,
  },
  {
    name: 'NUL in a sign-up name',
    via: 'gateway',
    anonymous: true,
    query: signUp,
    variables: () => ({ i: { ...good, email: 'eve.nul@example.com', name: 'E\u0000ve' } }),
    field: 'input.name',
    status: 200,
  },
  {
    name: 'NUL in a sign-in e-mail',
    via: 'gateway',
    anonymous: true,
    query: signIn,
    variables: () => ({ i: { email: 'eve\u0000@example.com', password: 'x' } }),
    field: 'input.email',
    status: 200,
  },
  {
    name: 'bell in a profile name',
    via: 'gateway',
    query: `mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`,
    variables: () => ({ i: { name: 'Eve\u0007' } }),
    field: 'input.name',
    status: 200,
  },
  // ── each subgraph directly ──
  {
    name: 'tasks: NUL in a title',
    via: 'tasks',
    query: createTask,
    variables: () => ({ i: { title: 'a\u0000b' } }),
    field: 'input.title',
    status: 200,
  },
  {
    name: 'tasks: task cursor dated 2026-02-30',
    via: 'tasks',
    query: tasksPage,
    variables: (c) => ({ a: taskCursor(c, 'CREATED_AT:DESC', '2026-02-30 10:00:00+00') }),
    field: 'after',
    status: 200,
  },
  {
    name: 'planning: NUL in a tag name',
    via: 'planning',
    query: `mutation($n: String!) { createTag(name: $n) { id } }`,
    variables: () => ({ n: '\u0000' }),
    field: 'name',
    status: 200,
  },
  {
    name: 'audit: audit cursor with an out-of-range bigint',
    via: 'audit',
    query: auditLog,
    variables: () => ({ a: b64('2026-11-30T10:00:00.000000Z|9223372036854775808') }),
    field: 'after',
    status: 200,
  },
  {
    name: 'accounts: U+202E in a sign-up e-mail',
    via: 'accounts',
    anonymous: true,
    query: signUp,
    variables: () => ({ i: { ...good, email: 'eve\u202e@example.com' } }),
    field: 'input.email',
    status: 200,
  },
];

/** What the refused writes of the signed-in user could have changed, read through the API. */
const userState = `query($id: ID!) { tasks(first: 200) { totalCount } tags { id } task(id: $id) { reminders { id } tags { id } } }`;
/** E-mails of refused sign-ups whose lookup is still possible: none may have an account. */
const refusedSignUpEmails = ['eve.nul@example.com', 'eve@\u202emoc.elpmaxe.example.com', 'eve\u202e@example.com'];

describe('edge table: input refused before SQL', () => {
  let stack: Stack;
  let token: string;
  let email: string;
  const fixture = {} as Fixture;
  const logLines: Array<Record<string, unknown>> = [];
  let stopCapture: (() => void) | undefined;
  let stateBefore: unknown;

  const url = (via: Target) => (via === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[via]);
  async function post(
    via: Target,
    query: string,
    variables: Record<string, unknown>,
    auth: string | null,
    headers = {},
  ) {
    const response = await fetch(url(via), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // A subgraph answers only the gateway (test/edge/subgraphs.int.test.ts shows the refusal without it).
        ...(via === 'gateway' ? {} : { [gatewaySecretHeader]: testGatewaySecret }),
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: any;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
    return { status: response.status, body };
  }

  beforeAll(async () => {
    stack = await startStack();
    email = `edge-${Date.now()}@example.com`;
    const signedUp = await post('gateway', signUp, { i: { ...good, email } }, null);
    token = signedUp.body.data.signUp.token as string;
    const created = await post('gateway', createTask, { i: { title: 'the only task', dueDate: '2030-01-01' } }, token);
    fixture.taskId = created.body.data.createTask.id as string;
    const page = await post('gateway', tasksPage, {}, token);
    fixture.taskCursor = page.body.data.tasks.edges[0].cursor as string;
    stateBefore = (await post('gateway', userState, { id: fixture.taskId }, token)).body;
    stopCapture = captureLogLines(logLines);
  });

  afterAll(async () => {
    stopCapture?.();
    await stack?.stop();
  });

  it('has at least 20 distinct rows', () => {
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it.each(rows)('$via: $name → BAD_USER_INPUT on $field', async (row) => {
    const { status, body } = await post(
      row.via,
      row.query,
      row.variables?.(fixture) ?? {},
      row.anonymous ? null : token,
    );
    expect(status).toBe(row.status);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.extensions?.field).toBe(row.field);
    expect(body.errors![0]!.message).not.toMatch(/internal server error/i);
  });

  it('no refused value reached PostgreSQL: no service logged an error, nothing changed', async () => {
    const errors = logLines.filter((l) => typeof l.level === 'number' && l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual([]);
    expect((await post('gateway', userState, { id: fixture.taskId }, token)).body).toEqual(stateBefore);
    // An account that exists signs in; the refused sign-ups left none behind.
    expect(
      (await post('gateway', signIn, { i: { email, password: good.password } }, null)).body.errors,
    ).toBeUndefined();
    for (const refused of refusedSignUpEmails) {
      const { body } = await post('gateway', signIn, { i: { email: refused, password: good.password } }, null);
      expect(
        body.errors?.map((e) => e.extensions?.code),
        refused,
      ).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('a repeated value of a BYxxx list is kept once', async () => {
    const { body } = await post(
      'gateway',
      `mutation($i: CreateTaskInput!) { createTask(input: $i) { recurrence { rrule } } }`,
      {
        i: {
          title: 'first and fifteenth',
          dueDate: '2030-01-01',
          recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15,1,1' },
        },
      },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.createTask.recurrence.rrule).toBe('FREQ=MONTHLY;BYMONTHDAY=1,15');
  });

  it('a description keeps its line breaks and tabs', async () => {
    const description = 'Steps:\r\n\t1. call\n\t2. write';
    const { body } = await post(
      'gateway',
      `mutation($i: CreateTaskInput!) { createTask(input: $i) { description } }`,
      { i: { title: 'multi-line', description } },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.createTask.description).toBe(description);
  });

  it('nextOccurrences of FREQ=YEARLY;INTERVAL=10000 ends at year 9999 instead of failing', async () => {
    const { body } = await post(
      'gateway',
      `mutation($i: CreateTaskInput!) { createTask(input: $i) { nextOccurrences(count: 50) } }`,
      {
        i: { title: 'every 10,000 years', dueDate: '2030-01-01', recurrence: { rrule: 'FREQ=YEARLY;INTERVAL=10000' } },
      },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.createTask.nextOccurrences).toEqual([]);
  });

  it('a client traceparent is stored in audit rows only when it is a W3C one', async () => {
    const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const ids: Record<string, string> = {};
    for (const [name, traceparent] of [
      ['valid', valid],
      ['oversized', `00-${'a'.repeat(4_096)}`],
      ['all zeros', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`],
    ] as const) {
      const { body } = await post('gateway', createTask, { i: { title: `traced ${name}` } }, token, { traceparent });
      ids[name] = body.data.createTask.id as string;
    }
    const audit = createAuditDatabase({ url: stack.databaseUrl, maxConnections: 1 });
    const stored = new Map<string, string | null>();
    try {
      for (const [name, taskId] of Object.entries(ids)) {
        const eventId = await eventually(
          async () =>
            (await post('gateway', auditOfTask, { f: { taskId, types: ['task.created'] } }, token)).body.data?.auditLog
              .edges[0]?.node.eventId as string | undefined,
          { timeoutMs: 30_000, what: `the audit entry of the task ${name}` },
        );
        stored.set(taskId, (await findAuditEntryByEventId(audit, eventId))!.traceparent);
      }
    } finally {
      await audit.destroy();
    }
    expect(stored.get(ids.valid!)).toBe(valid);
    expect(stored.get(ids.oversized!)).toBeNull();
    expect(stored.get(ids['all zeros']!)).toBeNull();
  });
});
