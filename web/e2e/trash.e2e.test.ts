/**
 * Undo and the Trash in Chromium against the whole stack (test/stack.ts) with
 * TRUSTED_DOCUMENTS=enforce: deleting a task offers Undo, which brings it back whole (tags
 * included); completing one offers Undo, which reopens it; a deleted task is listed on the
 * Trash page and restored from there; the keyboard shortcuts (q, j, k, x, e, ?) work. The test's own queries go to the stack's second gateway,
 * which runs any document. Screenshots go to test-artifacts/web/trash-*.png.
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
const suffix = uniqueSuffix();
const email = `trash-${suffix}@example.com`;
const password = 'Trash-pass-42-ok';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let tokens: AccessTokens;
const pageErrors: string[] = [];

async function api<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.openGatewayUrl, query, variables, tokens.latest());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

const row = (id: string) => page.locator(`li.task[data-task-id="${id}"]`);
const toast = () => page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Undo' }) });
const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `trash-${name}.png`), fullPage: true });

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  origin = new URL(stack.gatewayUrl).origin;
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  tokens = watchAccessTokens(page);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  await page
    .screenshot({
      path: path.join(artifacts, `trash-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
      fullPage: true,
    })
    .catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('undo, the Trash and keyboard shortcuts', () => {
  const ids: Record<string, string> = {};

  it('signs up; two tasks, one tagged, show in the list', async () => {
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(`Tess ${suffix}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await eventually(() => (tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });
    for (const title of ['Water the plants', 'Pay the bill']) {
      const { createTask } = await api(`mutation($t: String!) { createTask(input: { title: $t }) { id } }`, {
        t: title,
      });
      ids[title] = createTask.id;
    }
    // Planning learns of the task from task-events: tag it once it knows it.
    await eventually(
      async () => {
        const r = await graphqlRequest(
          stack.openGatewayUrl,
          `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["garden"]) { id } }`,
          { id: ids['Water the plants'] },
          tokens.latest(),
        );
        return r.errors ? undefined : true;
      },
      { timeoutMs: 10_000, what: 'the tag on the new task' },
    );
    await page.reload();
    await row(ids['Water the plants']!).getByText('garden').waitFor();
    await row(ids['Pay the bill']!).waitFor();
  });

  it('Delete offers Undo; Undo brings the task back with its tag', async () => {
    const id = ids['Water the plants']!;
    await page.getByRole('button', { name: 'Delete “Water the plants”' }).click();
    await row(id).waitFor({ state: 'detached' });
    await expect.poll(() => toast().textContent()).toContain('Water the plants');
    await shot('undo-offered');
    expect((await api(`{ trash { edges { node { id } } } }`)).trash.edges).toEqual([{ node: { id } }]);

    await toast().getByRole('button', { name: 'Undo' }).click();
    await row(id).getByText('garden').waitFor();
    await toast().waitFor({ state: 'detached' });
    await shot('undo-after-delete');
    const { task } = await api(`query($id: ID!) { task(id: $id) { id trashedAt tags { name } } }`, { id });
    expect(task).toEqual({ id, trashedAt: null, tags: [{ name: 'garden' }] });
  });

  it('Complete offers Undo, which reopens the task', async () => {
    const id = ids['Pay the bill']!;
    await page.getByRole('checkbox', { name: 'Complete “Pay the bill”' }).click();
    await expect
      .poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status)
      .toBe('COMPLETED');
    await toast().getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status)
      .toBe('OPEN');
    await page.getByRole('checkbox', { name: 'Complete “Pay the bill”' }).waitFor();
  });

  it('a deleted task is listed on the Trash page and restored from there', async () => {
    const id = ids['Water the plants']!;
    await page.getByRole('button', { name: 'Delete “Water the plants”' }).click();
    await row(id).waitFor({ state: 'detached' });
    await toast().getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: 'Trash' }).click();
    const list = page.getByRole('list', { name: 'Deleted tasks' });
    await list.getByText('Water the plants').waitFor();
    await shot('page');
    await page.getByRole('button', { name: 'Restore “Water the plants”' }).click();
    await page.getByText('The Trash is empty.').waitFor();
    await page.getByRole('button', { name: 'Tasks' }).click();
    await row(id).getByText('garden').waitFor();
  });

  it('keyboard only: q adds a task, j/k select it, x completes it, e edits it, ? lists the keys', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('q');
    await page.keyboard.type('Feed the cat');
    await page.keyboard.press('Enter');
    const id = await eventually(
      async () => {
        const { tasks } = await api(`{ tasks(filter: { search: "Feed the cat" }) { edges { node { id } } } }`);
        return tasks.edges[0]?.node.id as string | undefined;
      },
      { timeoutMs: 10_000, what: 'the task added by keyboard' },
    );
    await row(id).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The newest task is first in the default order: j selects it.
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.taskId)).toBe(id);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.taskId)).toBe(id);
    await page.keyboard.press('x');
    await expect
      .poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status)
      .toBe('COMPLETED');
    await page.keyboard.press('e');
    await page.getByRole('dialog').getByLabel('Title').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Next task').waitFor();
    await shot('shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
