/**
 * `parseTask` through the tasks subgraph on a real PostgreSQL: the user's projected zone by
 * default, `~Name` among the projects the user may add tasks to (not those they only view), the
 * draft accepted as it is by `createTask`, and a clear BAD_USER_INPUT for each bad argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '@taskwire/platform/events';
import { graphqlRequest, uniqueSuffix } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import { codeOf, projectUser, startTestTasksService, type TestUser } from '../../testing/harness.js';
import { handleUserEvent } from '../user-projection/user-projection.handler.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let alice: TestUser;
let bob: TestUser;

const draftFields = `title description dueAt dueDate timeZone priority tagNames projectId
  recurrence { rrule timeZone anchor } reminderOffsetsMinutes parts { kind text start end }`;
const parse = `query($text: String!, $timeZone: String, $now: DateTime, $keep: [Int!]) {
  parseTask(text: $text, timeZone: $timeZone, now: $now, keepAsText: $keep) { ${draftFields} } }`;
const createProject = `mutation($name: String!) { createProject(input: { name: $name }) { id } }`;
const share = `mutation($p: ID!, $e: String!) { shareProject(projectId: $p, email: $e, role: VIEWER) { id } }`;
const createTask = `mutation($input: CreateTaskInput!) { createTask(input: $input) {
  id title description dueAt dueDate timeZone priority project { id } recurrence { rrule timeZone anchor } } }`;

async function ok<T = any>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.gql<T>(query, variables);
  expect(result.errors, query).toBeUndefined();
  return result.data!;
}

/** The user's zone as the accounts service announces it (the real projection handler). */
async function projectZone(userId: string, timeZone: string): Promise<void> {
  const now = new Date().toISOString();
  const user = {
    id: userId,
    email: `z-${uniqueSuffix()}@example.com`,
    name: 'Z',
    timeZone,
    createdAt: now,
    updatedAt: now,
  };
  const { envelope } = buildEvent('user.updated', {
    actor: userId,
    subject: userId,
    userId,
    data: { user, changes: [{ field: 'timeZone', old: 'UTC', new: timeZone }] },
  });
  await db.transaction().execute((trx) => handleUserEvent(trx, envelope));
}

beforeAll(async () => {
  started = await startTestTasksService();
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
  bob = await started.newUser();
});

afterAll(async () => {
  await started?.service.stop();
  await db?.destroy();
});

describe('parseTask', () => {
  it("reads the line in the user's zone by default, and in the zone given", async () => {
    await projectZone(alice.id, 'America/New_York');
    const now = '2026-03-26T14:30:00.000Z'; // Thursday 10:30 in New York
    const own = (await ok(alice, parse, { text: 'Call mom tomorrow 9am', now })).parseTask;
    expect(own).toMatchObject({ title: 'Call mom', dueAt: '2026-03-27T13:00:00.000Z', timeZone: 'America/New_York' });
    const berlin = (await ok(alice, parse, { text: 'Call mom tomorrow 9am', now, timeZone: 'Europe/Berlin' }))
      .parseTask;
    expect(berlin).toMatchObject({ dueAt: '2026-03-27T08:00:00.000Z', timeZone: 'Europe/Berlin', dueDate: null });
    // Without `now`, the server's clock: "today" is a date near the real one.
    const today = (await ok(alice, parse, { text: 'x today', timeZone: 'UTC' })).parseTask.dueDate as string;
    expect(Math.abs(Date.parse(today) - Date.now())).toBeLessThan(2 * 86_400_000);
  });

  it('picks a project by name among those the user may add tasks to, not those they only view', async () => {
    const home = (await ok(alice, createProject, { name: 'Home Chores' })).createProject.id as string;
    const errands = (await ok(bob, createProject, { name: 'Errands' })).createProject.id as string;
    const email = `alice-${uniqueSuffix()}@example.com`;
    await projectUser(db, alice.id, email, true);
    await ok(bob, share, { p: errands, e: email });

    const draft = (await ok(alice, parse, { text: 'Buy milk ~errands ~home chores' })).parseTask;
    expect(draft.projectId).toBe(home);
    expect(draft.title).toBe('Buy milk ~errands');
    expect(draft.parts).toEqual([{ kind: 'PROJECT', text: '~home chores', start: 18, end: 30 }]);
    // Bob, the owner, gets his project.
    expect((await ok(bob, parse, { text: 'Buy milk ~Errands' })).parseTask.projectId).toBe(errands);
  });

  it('gives a draft that createTask takes as it is', async () => {
    const now = '2026-03-26T14:30:00.000Z';
    const draft = (
      await ok(alice, parse, {
        text: 'Pay rent every 1st at 9am ~Home Chores !p1 #home remind 30m before // by transfer',
        now,
        timeZone: 'Europe/Berlin',
      })
    ).parseTask;
    expect(draft).toMatchObject({
      title: 'Pay rent',
      description: 'by transfer',
      dueAt: '2026-04-01T07:00:00.000Z',
      dueDate: null,
      priority: 'URGENT',
      tagNames: ['home'],
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
      reminderOffsetsMinutes: [30],
    });
    const { title, description, dueAt, dueDate, timeZone, priority, projectId, recurrence } = draft;
    const input = { title, description, dueAt, dueDate, timeZone, priority, projectId, recurrence };
    const created = (await ok(alice, createTask, { input })).createTask;
    expect(created).toMatchObject({
      title,
      description,
      dueAt,
      dueDate,
      timeZone,
      priority,
      project: { id: projectId },
      recurrence,
    });
  });

  it('undoes the parts whose starts come in keepAsText', async () => {
    const text = 'Gym every monday !p2';
    const first = (await ok(alice, parse, { text })).parseTask;
    const repeat = first.parts.find((p: { kind: string }) => p.kind === 'REPEAT');
    const undone = (await ok(alice, parse, { text, keep: [repeat.start] })).parseTask;
    expect(undone).toMatchObject({ title: 'Gym every monday', recurrence: null, priority: 'HIGH', dueDate: null });
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument, and anonymous callers', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ text: 'x', timeZone: 'Mars/Base' }, 'timeZone', /time zone/i],
      [{ text: 'x', now: 'yesterday' }, 'now', /date-time/i],
      [{ text: 'x'.repeat(1_001) }, 'text', /at most 1000 characters, got 1001/],
      [{ text: 'x\u0007y' }, 'text', /control/i],
    ];
    for (const [variables, field, message] of cases) {
      const result = await alice.gql(parse, variables);
      expect(codeOf(result)?.code, field).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(result.errors![0]!.message).toMatch(message);
    }
    const anonymous = await graphqlRequest(started.service.url, parse, { text: 'x' });
    expect(codeOf(anonymous)?.code).toBe('UNAUTHENTICATED');
  });
});
