/**
 * The filter query and saved views in Chromium against the whole stack (test/stack.ts) with
 * TRUSTED_DOCUMENTS=enforce: a query typed in "Filter query" lists the matching tasks and goes
 * to the URL with the sort; the list is saved as a view in the sidebar, whose link, opened in a
 * new page, shows the same tasks; a query the server cannot read shows where it failed, and the
 * list stays. The test's own queries go to the stack's second gateway, which runs any document.
 * Screenshots go to test-artifacts/web/saved-view-*.png.
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
const email = `saved-views-${suffix}@example.com`;
const password = 'Saved-views-pass-42';
const query = '#work & (p1 | p2)';
const badQuery = '#work & (p1 | p2';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let tokens: AccessTokens;
const pageErrors: string[] = [];
/** Document ids the gateway did not know (a web operation missing from the manifest). */
const unknownDocuments: string[] = [];

async function api<T = any>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.openGatewayUrl, document, variables, tokens.latest());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

function watch(p: Page): void {
  p.setDefaultTimeout(15_000);
  p.on('pageerror', (error) => pageErrors.push(String(error)));
  p.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/graphql') return;
    response.json().then(
      (body: { errors?: Array<{ extensions?: { code?: string } }> } | null) => {
        for (const e of body?.errors ?? [])
          if (e.extensions?.code?.startsWith('PERSISTED_QUERY')) unknownDocuments.push(response.url());
      },
      () => undefined,
    );
  });
}

const titlesOn = (p: Page) =>
  p.locator('li.task').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-title') ?? ''));
const queryField = (p: Page) => p.getByRole('searchbox', { name: 'Filter query' });

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  origin = new URL(stack.gatewayUrl).origin;
  browser = await launchChromium();
  context = await browser.newContext({ timezoneId: timeZone, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  tokens = watchAccessTokens(page);
  watch(page);
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  await page
    .screenshot({
      path: path.join(artifacts, `saved-view-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
      fullPage: true,
    })
    .catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('filter query and saved views', () => {
  let viewUrl = '';

  it('signs up and creates tagged tasks of several priorities', async () => {
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(`Vera ${suffix}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await eventually(() => (tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });

    // Oldest first: the default order (newest first) is the reverse of the title order.
    const tasks: Array<[string, string, string[]]> = [
      ['Invoice Acme', 'URGENT', ['work']],
      ['Pay rent', 'URGENT', ['home']],
      ['Tidy desk', 'LOW', ['work']],
      ['Quarterly report', 'HIGH', ['work']],
    ];
    for (const [title, priority, names] of tasks) {
      const { createTask } = await api(`mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { title, priority },
      });
      // Planning learns about the new task from its event: NOT_FOUND for a moment.
      await eventually(
        () =>
          api(`mutation($id: ID!, $names: [String!]!) { setTaskTags(taskId: $id, names: $names) { id } }`, {
            id: createTask.id,
            names,
          }).catch(() => undefined),
        { timeoutMs: 20_000, intervalMs: 250, what: `the tags of ${title}` },
      );
    }
    // The query reads the tags as the tasks service knows them, from planning's events.
    await eventually(
      async () => {
        const { tasks } = await api(`query($q: String) { tasks(query: $q) { totalCount } }`, { q: query });
        return tasks.totalCount === 2 ? true : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'the tagged tasks to match the query' },
    );
  });

  it('lists the tasks a typed query matches, in the chosen order, and keeps both in the URL', async () => {
    await page.reload();
    await page.locator('li.task').nth(3).waitFor();
    await queryField(page).fill(query);
    await queryField(page).press('Enter');
    await expect.poll(() => titlesOn(page), { timeout: 15_000 }).toEqual(['Quarterly report', 'Invoice Acme']);
    await page.getByRole('combobox', { name: 'Sort' }).selectOption('TITLE:ASC');
    await expect.poll(() => titlesOn(page), { timeout: 15_000 }).toEqual(['Invoice Acme', 'Quarterly report']);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('q')).toBe(query);
    expect(url.searchParams.get('sort')).toBe('TITLE:ASC');

    // Back: the same query in the default order.
    await page.goBack();
    await expect.poll(() => titlesOn(page), { timeout: 15_000 }).toEqual(['Quarterly report', 'Invoice Acme']);
    await page.goForward();
    await expect.poll(() => titlesOn(page), { timeout: 15_000 }).toEqual(['Invoice Acme', 'Quarterly report']);
  });

  it('saves the list as a view in the sidebar', async () => {
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('textbox', { name: /^View name/ }).fill('Urgent work');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const link = page.getByRole('navigation').getByRole('link', { name: 'Urgent work' });
    await link.waitFor();
    await expect(link.getAttribute('aria-current')).resolves.toBe('page');
    const { savedViews } = await api(`{ savedViews { name query sort { field direction } position } }`);
    expect(savedViews).toEqual([
      { name: 'Urgent work', query, sort: { field: 'TITLE', direction: 'ASC' }, position: 1 },
    ]);

    // The same name again is refused under the field.
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('textbox', { name: /^View name/ }).fill('urgent WORK');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('form.save-view .field-error').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    viewUrl = new URL((await link.getAttribute('href'))!, origin).href;
    expect(new URL(viewUrl).searchParams.get('q')).toBe(query);
  });

  it('the view’s URL opened in a new page shows the same tasks', async () => {
    const other = await context.newPage();
    watch(other);
    try {
      await other.goto(viewUrl);
      // The session is restored first (the refresh cookie), then the list is read.
      await other.locator('li.task').nth(1).waitFor({ timeout: 30_000 });
      await expect.poll(() => titlesOn(other), { timeout: 15_000 }).toEqual(['Invoice Acme', 'Quarterly report']);
      await expect(queryField(other).inputValue()).resolves.toBe(query);
      await expect(other.getByRole('combobox', { name: 'Sort' }).inputValue()).resolves.toBe('TITLE:ASC');
      await expect(
        other.getByRole('navigation').getByRole('link', { name: 'Urgent work' }).getAttribute('aria-current'),
      ).resolves.toBe('page');
      await other.screenshot({ path: path.join(artifacts, 'saved-view-url.png'), fullPage: true });
    } catch (error) {
      await other
        .screenshot({ path: path.join(artifacts, 'saved-view-failed-new-page.png'), fullPage: true })
        .catch(() => undefined);
      throw error;
    } finally {
      await other.close();
    }
  });

  it('a query the server cannot read shows where it failed, and the list stays', async () => {
    const answer = await graphqlRequest<unknown>(
      stack.openGatewayUrl,
      `query($q: String) { tasks(query: $q) { totalCount } }`,
      { q: badQuery },
      tokens.latest(),
    );
    const refusal = answer.errors?.[0] as { extensions?: { field?: string; position?: number } } | undefined;
    expect(refusal?.extensions?.field).toBe('query');
    const position = refusal!.extensions!.position!;
    expect(typeof position).toBe('number');

    await queryField(page).fill(badQuery);
    await queryField(page).press('Enter');
    const error = page.locator('.query-error');
    await error.waitFor();
    await expect(error.getAttribute('data-position')).resolves.toBe(String(position));
    await expect(error.textContent()).resolves.toMatch(new RegExp(`^Expected .*position ${position}`));
    await expect(queryField(page).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await titlesOn(page)).toEqual(['Invoice Acme', 'Quarterly report']);
    await page.screenshot({ path: path.join(artifacts, 'saved-view-error.png'), fullPage: true });
  });

  it('deletes the view', async () => {
    await page.getByRole('button', { name: 'Delete view Urgent work' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Urgent work' }).waitFor({ state: 'detached' });
    expect((await api(`{ savedViews { id } }`)).savedViews).toEqual([]);
  });

  it('sent only documents of the manifest, and the pages raised no error', () => {
    expect(unknownDocuments).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
