/**
 * Quick add in Chromium against the whole stack (test/stack.ts) with TRUSTED_DOCUMENTS=enforce:
 * the line is read by the server as it is typed (parseTask), each recognised part shows as a
 * chip, one chip is undone (its words stay in the title), and Enter creates the task with its
 * due time, repeat rule, project, tag and reminder. The test's own queries go to the stack's
 * second gateway, which runs any document. Screenshots go to test-artifacts/web/quick-add-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../test/stack.js';
import { eventually, graphqlRequest, uniqueSuffix } from '../../test/support.js';
import { watchAccessTokens, type AccessTokens } from './access-tokens.js';
import { ensureWebBuilt, launchChromium, repoRoot } from './browser.js';

const artifacts = path.join(repoRoot, 'test-artifacts/web');
const timeZone = 'Europe/Berlin';
const suffix = uniqueSuffix();
const email = `quick-add-${suffix}@example.com`;
const password = 'Quick-add-pass-42';
const line = 'Pay rent every 1st at 9am #home !p1 ~Errands remind 30m before';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let tokens: AccessTokens;
const pageErrors: string[] = [];
/** Document ids the gateway did not know (a web operation missing from the manifest). */
const unknownDocuments: string[] = [];

async function api<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.openGatewayUrl, query, variables, tokens.latest());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

/** The wall-clock fields of an instant in the page's zone. */
function wallClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** The instant of a wall-clock time in the page's zone (not one a clock change skips). */
function zonedInstant(year: number, month: number, day: number, hour: number): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const w = wallClock(guess);
  return guess - (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - guess);
}

/** "every 1st at 9am" read at `ms`: the next 1st of a month at 09:00 in the page's zone. */
function nextFirstAtNine(ms: number): number {
  const now = wallClock(ms);
  if (now.day === 1 && now.hour < 9) return zonedInstant(now.year, now.month, 1, 9);
  return now.month === 12 ? zonedInstant(now.year + 1, 1, 1, 9) : zonedInstant(now.year, now.month + 1, 1, 9);
}

const chips = () => page.getByRole('list', { name: 'Parsed parts' });
const chipLabels = () => chips().locator('li > span').allTextContents();
const quickAdd = () => page.getByRole('textbox', { name: 'New task title' });

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  origin = new URL(stack.gatewayUrl).origin;
  browser = await launchChromium();
  context = await browser.newContext({ timezoneId: timeZone, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  tokens = watchAccessTokens(page);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/graphql') return;
    response.json().then(
      (body: { errors?: Array<{ extensions?: { code?: string } }> } | null) => {
        for (const e of body?.errors ?? [])
          if (e.extensions?.code?.startsWith('PERSISTED_QUERY')) unknownDocuments.push(response.url());
      },
      () => undefined,
    );
  });
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  await page
    .screenshot({
      path: path.join(artifacts, `quick-add-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
      fullPage: true,
    })
    .catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('quick add', () => {
  let errandsId = '';
  let readAt = 0;

  it('signs up and creates the project "Errands", then goes back to all tasks', async () => {
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(`Quincy ${suffix}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await eventually(() => (tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });
    expect((await api(`{ me { timeZone } }`)).me.timeZone).toBe(timeZone);

    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Project name').fill('Errands');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 2, name: 'Errands' }).waitFor();
    const { projects } = await api<{ projects: Array<{ id: string; name: string }> }>(`{ projects { id name } }`);
    errandsId = projects.find((p) => p.name === 'Errands')!.id;
    // Not the project's own view: the project must come from the line.
    await page.getByRole('link', { name: 'All tasks' }).click();
    await page.getByRole('heading', { level: 2, name: 'All tasks' }).waitFor();
  });

  it('a line that is all parts is refused with a message, and creates nothing', async () => {
    await quickAdd().fill('tomorrow #home');
    await chips().locator('li[data-kind="DUE"]').waitFor();
    await quickAdd().press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Type a title as well' }).waitFor();
    expect((await api(`{ tasks(first: 5) { totalCount } }`)).tasks.totalCount).toBe(0);
    await quickAdd().fill('');
    await chips().waitFor({ state: 'detached' });
  });

  it('shows a chip for each part of the line as it is typed', async () => {
    readAt = Date.now();
    await quickAdd().fill(line);
    await chips().locator('li[data-kind="REMINDER"]').waitFor();
    const due = nextFirstAtNine(readAt);
    const dueLabel = `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(due)} 09:00`;
    expect(await chipLabels()).toEqual([
      'Repeats: every 1st',
      `Due: ${dueLabel}`,
      'Tag: home',
      'Priority: Urgent',
      'Project: Errands',
      'Reminder: 30m before',
    ]);
    expect(
      await chips()
        .locator('li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind'))),
    ).toEqual(['REPEAT', 'DUE', 'TAG', 'PRIORITY', 'PROJECT', 'REMINDER']);
    // The field keeps its name; the chips describe it.
    await expect(quickAdd().getAttribute('aria-describedby')).resolves.toBe(await chips().getAttribute('id'));
    await page.screenshot({ path: path.join(artifacts, 'quick-add-chips.png'), fullPage: true });
  });

  it('undoing the priority chip keeps "!p1" as title text', async () => {
    await page.getByRole('button', { name: 'Keep "!p1" as text' }).click();
    await chips().locator('li[data-kind="PRIORITY"]').waitFor({ state: 'detached' });
    // Read again with the part kept: the other five stay.
    await expect.poll(chipLabels).toHaveLength(5);
    expect(await chipLabels()).not.toContain('Priority: Urgent');
    await expect(quickAdd().inputValue()).resolves.toBe(line);
    await page.screenshot({ path: path.join(artifacts, 'quick-add-undone.png'), fullPage: true });
  });

  it('Enter creates the task with its due time, repeat rule, project, tag and reminder', async () => {
    await quickAdd().press('Enter');
    const row = page.locator('li.task[data-title="Pay rent !p1"]');
    await row.waitFor();
    await expect(quickAdd().inputValue()).resolves.toBe('');
    await chips().waitFor({ state: 'detached' });
    const taskId = (await row.getAttribute('data-task-id'))!;
    await row.locator('[data-tag="home"]').waitFor();

    // Planning learns about the task from its event; the tag and reminder follow the creation.
    const task = await eventually(
      async () => {
        const { task } = await api(
          `query($id: ID!) {
            task(id: $id) {
              title priority dueAt dueDate timeZone
              recurrence { rrule timeZone anchor }
              project { id name }
              tags { name }
              reminders { offsetMinutes remindAt state }
            }
          }`,
          { id: taskId },
        );
        return task.tags?.length && task.reminders?.length ? task : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'the tag and the reminder of the new task' },
    );
    const due = nextFirstAtNine(readAt);
    expect(task).toEqual({
      title: 'Pay rent !p1',
      priority: 'MEDIUM',
      dueAt: new Date(due).toISOString(),
      dueDate: null,
      timeZone,
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timeZone, anchor: 'SCHEDULE' },
      project: { id: errandsId, name: 'Errands' },
      tags: [{ name: 'home' }],
      reminders: [{ offsetMinutes: 30, remindAt: new Date(due - 30 * 60_000).toISOString(), state: 'SCHEDULED' }],
    });
    expect(wallClock(due)).toMatchObject({ day: 1, hour: 9, minute: 0 });
    await page.screenshot({ path: path.join(artifacts, 'quick-add-created.png'), fullPage: true });
  });

  it('sent only documents of the manifest, and the page raised no error', () => {
    expect(unknownDocuments).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
