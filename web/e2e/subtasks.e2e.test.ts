/**
 * Subtasks in Chromium against the whole stack (test/stack.ts) with TRUSTED_DOCUMENTS=enforce:
 * a task is created with quick add, two subtasks are added to it from its row's inline form and
 * show nested under it with its progress; completing one shows "1/2" on the parent, completing
 * the parent shows both subtasks completed. The test's own queries go to the stack's second
 * gateway, which runs any document. Screenshots go to test-artifacts/web/subtask-*.png.
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
const email = `subtasks-${suffix}@example.com`;
const password = 'Subtasks-pass-42';
/** Letters only, so quick add reads no date, time or priority into the titles. */
const word = suffix.replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
const parentTitle = `Plan trip ${word}`;
const hotel = `Book hotel ${word}`;
const pack = `Pack ${word}`;

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

const quickAdd = () => page.getByRole('textbox', { name: 'New task title' });
/** The parent's row in the list itself (not a nested one). */
const parentRow = () => page.locator(`ul.task-list > li.task[data-title="${parentTitle}"]`);
const toggle = () => parentRow().getByRole('button', { name: new RegExp(`^Subtasks of “${parentTitle}”`) });
/** The subtasks nested under the parent's row. */
const nested = () => page.getByRole('list', { name: `Subtasks of “${parentTitle}”` });
const nestedRow = (title: string) => nested().locator(`li.task[data-title="${title}"]`);

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
      path: path.join(artifacts, `subtask-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
      fullPage: true,
    })
    .catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('subtasks', () => {
  let parentId = '';

  it('signs up and creates a task with quick add', async () => {
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(`Sam ${suffix}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await eventually(() => (tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });

    await quickAdd().fill(parentTitle);
    await page.getByRole('list', { name: 'Parsed parts' }).waitFor({ state: 'detached' });
    await quickAdd().press('Enter');
    await parentRow().waitFor();
    parentId = (await parentRow().getAttribute('data-task-id'))!;
    // No subtasks yet: no progress to show.
    await expect(toggle().count()).resolves.toBe(0);
  });

  it('adds two subtasks from the row’s inline form: they show nested under it, with "0/2"', async () => {
    const add = parentRow().getByRole('button', { name: `Add a subtask to “${parentTitle}”`, exact: true });
    await add.click();
    await expect(add.getAttribute('aria-expanded')).resolves.toBe('true');
    const field = parentRow().getByRole('textbox', { name: `Title of the new subtask of “${parentTitle}”` });
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await field.fill(hotel);
    await field.press('Enter');
    await nestedRow(hotel).waitFor();
    await expect(field.inputValue()).resolves.toBe('');
    // The form stays open for the next one.
    await field.fill(pack);
    await field.press('Enter');
    await nestedRow(pack).waitFor();
    await expect
      .poll(() =>
        nested()
          .locator(':scope > li.task')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-title'))),
      )
      .toEqual([hotel, pack]);
    await expect.poll(() => toggle().textContent()).toContain('0/2');
    await expect(toggle().getAttribute('aria-expanded')).resolves.toBe('true');

    // Escape closes the form and gives the focus back to its button.
    await field.press('Escape');
    await field.waitFor({ state: 'detached' });
    await expect(add.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    const { task } = await api(
      `query($id: ID!) { task(id: $id) { subtasks { title parent { id } } subtaskProgress { done total } } }`,
      { id: parentId },
    );
    expect(task).toEqual({
      subtasks: [
        { title: hotel, parent: { id: parentId } },
        { title: pack, parent: { id: parentId } },
      ],
      subtaskProgress: { done: 0, total: 2 },
    });
    // `tasks` lists subtasks like any task, but a list that shows the parent shows them only
    // under it: after the list's refresh there is no row of their own beside the parent's.
    await page.getByText(/^\d+ tasks?$/).waitFor();
    await expect
      .poll(() => page.locator(`ul.task-list > li.task[data-title="${hotel}"]`).count(), { timeout: 5_000 })
      .toBe(0);
    await nestedRow(hotel).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'subtask-added.png'), fullPage: true });
  });

  it('the toggle hides and shows the subtasks', async () => {
    await toggle().click();
    await nested().waitFor({ state: 'detached' });
    await expect(toggle().getAttribute('aria-expanded')).resolves.toBe('false');
    await toggle().press('Enter');
    await nestedRow(pack).waitFor();
    await expect(toggle().getAttribute('aria-expanded')).resolves.toBe('true');
  });

  it('completing a subtask shows "1/2" on its parent', async () => {
    await nested()
      .getByRole('checkbox', { name: `Complete “${hotel}”`, exact: true })
      .click();
    await nested().locator(`li.task.done[data-title="${hotel}"]`).waitFor();
    await expect.poll(() => toggle().textContent()).toContain('1/2');
    await expect(toggle().getAttribute('aria-label')).resolves.toBe(`Subtasks of “${parentTitle}”, 1 of 2 done`);
    await expect(nestedRow(pack).getAttribute('class')).resolves.not.toContain('done');
    const { task } = await api(`query($id: ID!) { task(id: $id) { subtaskProgress { done total } } }`, {
      id: parentId,
    });
    expect(task.subtaskProgress).toEqual({ done: 1, total: 2 });
    await page.screenshot({ path: path.join(artifacts, 'subtask-completed.png'), fullPage: true });
  });

  it('completing the parent shows both subtasks completed', async () => {
    await parentRow()
      .getByRole('checkbox', { name: `Complete “${parentTitle}”`, exact: true })
      .click();
    await page.locator(`ul.task-list > li.task.done[data-title="${parentTitle}"]`).waitFor();
    for (const title of [hotel, pack]) {
      await nested().locator(`li.task.done[data-title="${title}"]`).waitFor();
      await expect(
        nested()
          .getByRole('checkbox', { name: `Reopen “${title}”`, exact: true })
          .isChecked(),
      ).resolves.toBe(true);
    }
    await expect.poll(() => toggle().textContent()).toContain('2/2');
    const { task } = await api(
      `query($id: ID!) { task(id: $id) { status subtasks { title status } subtaskProgress { done total } } }`,
      { id: parentId },
    );
    expect(task).toEqual({
      status: 'COMPLETED',
      subtasks: [
        { title: hotel, status: 'COMPLETED' },
        { title: pack, status: 'COMPLETED' },
      ],
      subtaskProgress: { done: 2, total: 2 },
    });
    await page.screenshot({ path: path.join(artifacts, 'subtask-parent-completed.png'), fullPage: true });
  });

  it('sent only documents of the manifest, and the page raised no error', () => {
    expect(unknownDocuments).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
