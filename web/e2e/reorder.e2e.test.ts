/**
 * Reordering a project's tasks in Chromium against the whole stack (test/stack.ts) with
 * TRUSTED_DOCUMENTS=enforce: in the project's view sorted by "Manual order", A drags the last of
 * four tasks to the top with the mouse (dnd-kit's pointer sensor), then moves one down with the
 * keyboard (Space on its handle, ArrowDown, Space). After each move the order is the same on
 * screen, in the API (`project.tasks` sorted by POSITION), and on the page of B, a second member
 * in their own browser context, without a reload (`task.updated` through `projectChanges`). The
 * test's own queries go to the stack's second gateway, which runs any document. Screenshots go
 * to test-artifacts/web/reorder-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// This file runs in Node (vitest), not in the browser the boundary rule protects; accounts'
// testing entry point is how every e2e test reads a verification link (test/project-sharing).
// eslint-disable-next-line boundaries/dependencies
import { latestVerificationToken } from '@taskwire/accounts/testing';
import { startStack, type Stack } from '../../test/stack.js';
import { eventually, graphqlRequest, uniqueSuffix } from '../../test/support.js';
import { watchAccessTokens, type AccessTokens } from './access-tokens.js';
import { ensureWebBuilt, launchChromium, repoRoot } from './browser.js';

const artifacts = path.join(repoRoot, 'test-artifacts/web');
const timeZone = 'Europe/Berlin';
const password = 'Reorder-pass-42';
const suffix = uniqueSuffix();
const project = `Launch ${suffix}`;
const [first, second, third, fourth] = ['Write brief', 'Book venue', 'Send invites', 'Order cake'].map(
  (title) => `${title} ${suffix}`,
) as [string, string, string, string];

interface Person {
  name: string;
  email: string;
  id: string;
  context: BrowserContext;
  page: Page;
  tokens: AccessTokens;
  errors: string[];
}

let stack: Stack;
let browser: Browser;
let origin: string;
let a: Person;
let b: Person;
let projectId = '';
/** Document ids the gateway did not know (a web operation missing from the manifest). */
const unknownDocuments: string[] = [];

async function openPerson(label: string, name: string): Promise<Person> {
  const context = await browser.newContext({
    timezoneId: timeZone,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const person: Person = {
    name,
    email: `reorder-${label}-${suffix}@example.com`,
    id: '',
    context,
    page,
    tokens: watchAccessTokens(page),
    errors: [],
  };
  page.on('pageerror', (error) => person.errors.push(String(error)));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/graphql') return;
    response.json().then(
      (body: { errors?: Array<{ extensions?: { code?: string } }> } | null) => {
        for (const e of body?.errors ?? [])
          if (e.extensions?.code?.startsWith('PERSISTED_QUERY')) unknownDocuments.push(`${label}: ${response.url()}`);
      },
      () => undefined,
    );
  });
  return person;
}

async function api<T = any>(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.openGatewayUrl, query, variables, who.tokens.latest());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

async function signUp(who: Person): Promise<void> {
  const { page } = who;
  await page.goto(origin);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await eventually(() => (who.tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });
  who.id = (await api<{ me: { id: string } }>(who, `{ me { id } }`)).me.id;
}

/** The titles of the list on a page, top to bottom. */
const shownTitles = (who: Person) =>
  who.page.locator('ul.task-list > li.task').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-title')));
const handle = (who: Person, title: string) => who.page.getByRole('button', { name: `Move “${title}”` });

/** The project's tasks in its manual order, from the API; each key after the one before, byte-wise. */
async function apiOrder(): Promise<string[]> {
  const data = await api<{
    project: { tasks: { edges: Array<{ node: { title: string; position: string } }> } };
  }>(
    a,
    `query($id: ID!) {
      project(id: $id) { tasks(sort: { field: POSITION, direction: ASC }, first: 10) { edges { node { title position } } } }
    }`,
    { id: projectId },
  );
  const nodes = data.project.tasks.edges.map((e) => e.node);
  const keys = nodes.map((n) => Buffer.from(n.position, 'utf8'));
  for (let i = 1; i < keys.length; i += 1) expect(Buffer.compare(keys[i - 1]!, keys[i]!)).toBe(-1);
  return nodes.map((n) => n.title);
}

/** Chooses "Manual order" in a page's list; the handles appear (dnd-kit is loaded on demand). */
async function chooseManualOrder(who: Person): Promise<void> {
  await who.page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Manual order' });
  await expect.poll(() => who.page.getByRole('button', { name: /^Move “/ }).count()).toBe(4);
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  origin = new URL(stack.gatewayUrl).origin;
  browser = await launchChromium();
  a = await openPerson('a', `Ada ${suffix}`);
  b = await openPerson('b', `Bruno ${suffix}`);
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.slice(0, 40).replace(/\W+/g, '-');
  for (const [label, who] of [
    ['a', a],
    ['b', b],
  ] as const) {
    await who?.page
      .screenshot({ path: path.join(artifacts, `reorder-failed-${name}-${label}.png`), fullPage: true })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('reordering a project’s tasks', () => {
  it('A and B sign up; B verifies the address', async () => {
    await signUp(a);
    await signUp(b);
    const token = await eventually(() => latestVerificationToken(stack.databaseUrl, b.email), {
      timeoutMs: 15_000,
      intervalMs: 200,
      what: `the verification mail of ${b.email}`,
    });
    await b.page.goto(`${origin}/verify-email?token=${encodeURIComponent(token)}`);
    await b.page.getByText('Your e-mail address is verified.').waitFor();
    await b.page.getByRole('button', { name: 'Continue to Taskwire' }).click();
    await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('A creates a project with four tasks and shares it with B as an editor', async () => {
    const { page } = a;
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Project name').fill(project);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 2, name: project }).waitFor();
    projectId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(projectId).toBeTruthy();

    const quickAdd = page.getByPlaceholder('Add a task and press Enter');
    for (const title of [first, second, third, fourth]) {
      await quickAdd.fill(title);
      await quickAdd.press('Enter');
      await page.locator(`li.task[data-title="${title}"]`).waitFor();
    }
    // A new task goes last in the manual order.
    expect(await apiOrder()).toEqual([first, second, third, fourth]);

    await api(
      a,
      `mutation($id: ID!, $email: String!) { shareProject(projectId: $id, email: $email, role: EDITOR) { id } }`,
      {
        id: projectId,
        email: b.email,
      },
    );
    // Tasks learns of B's verification from an event: until then the share is an invitation.
    await eventually(
      async () => {
        const { project } = await api(a, `query($id: ID!) { project(id: $id) { members { user { id } } } }`, {
          id: projectId,
        });
        return project.members.some((m: { user: { id: string } }) => m.user.id === b.id) ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 300, what: 'B as a member' },
    );
  });

  it('in the default order there are no handles; "Manual order" shows one per task, on both pages', async () => {
    expect(await handle(a, fourth).count()).toBe(0);
    await chooseManualOrder(a);
    expect(await shownTitles(a)).toEqual([first, second, third, fourth]);

    await b.page.goto(`${origin}/projects/${projectId}`);
    await b.page.getByRole('heading', { level: 2, name: project }).waitFor();
    await chooseManualOrder(b);
    expect(await shownTitles(b)).toEqual([first, second, third, fourth]);
    // Elsewhere the list has no handles.
    await a.page.getByRole('link', { name: 'All tasks' }).click();
    await a.page.getByRole('heading', { level: 2, name: 'All tasks' }).waitFor();
    await a.page.locator(`li.task[data-title="${fourth}"]`).waitFor();
    expect(await a.page.getByRole('button', { name: /^Move “/ }).count()).toBe(0);
    // The list keeps its sort from view to view.
    await a.page.locator(`nav.sidebar li[data-project-id="${projectId}"]`).getByRole('link').click();
    await a.page.getByRole('heading', { level: 2, name: project }).waitFor();
    await expect.poll(() => handle(a, fourth).count()).toBe(1);
  });

  it('A drags the last task to the top with the mouse: the new order on screen, in the API and on B’s page', async () => {
    const { page } = a;
    const from = (await handle(a, fourth).boundingBox())!;
    const to = (await handle(a, first).boundingBox())!;
    const x = from.x + from.width / 2;
    await page.mouse.move(x, from.y + from.height / 2);
    await page.mouse.down();
    // A few small steps first: the pointer sensor starts a drag after 4 px of movement.
    await page.mouse.move(x, from.y + from.height / 2 - 6, { steps: 3 });
    await page.mouse.move(x, to.y + to.height / 2 - 10, { steps: 15 });
    await page.locator('li.task.dragging').waitFor();
    await page.mouse.move(x, to.y + to.height / 2 - 12, { steps: 2 });
    await page.mouse.up();

    const moved = [fourth, first, second, third];
    await expect.poll(() => shownTitles(a)).toEqual(moved);
    await expect.poll(() => apiOrder(), { timeout: 10_000 }).toEqual(moved);
    await expect.poll(() => shownTitles(b), { timeout: 10_000 }).toEqual(moved);
    // The page still shows that order once its own change has come back through live changes.
    await page.waitForTimeout(500);
    expect(await shownTitles(a)).toEqual(moved);
    await page.screenshot({ path: path.join(artifacts, 'reorder-dragged.png'), fullPage: true });
  });

  it('A moves a task down with the keyboard (Space, ArrowDown, Space): the same three places agree', async () => {
    const { page } = a;
    await handle(a, first).focus();
    await page.keyboard.press('Space');
    await page.locator(`li.task.dragging[data-title="${first}"]`).waitFor();
    await page.keyboard.press('ArrowDown');
    // dnd-kit's announcement (its live region) says where the task is over now: drop it there.
    await page.getByText(`“${first}” is now at position 3 of 4.`).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await page.locator('li.task.dragging').waitFor({ state: 'detached' });

    const moved = [fourth, second, first, third];
    await expect.poll(() => shownTitles(a)).toEqual(moved);
    // dnd-kit gives the focus back to the handle, and announced the drop.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`Move “${first}”`);
    await page.getByText(`“${first}” was dropped at position 3 of 4.`).waitFor({ state: 'attached' });
    await expect.poll(() => apiOrder(), { timeout: 10_000 }).toEqual(moved);
    await expect.poll(() => shownTitles(b), { timeout: 10_000 }).toEqual(moved);
    await page.screenshot({ path: path.join(artifacts, 'reorder-keyboard.png'), fullPage: true });
  });

  it('sent only documents of the manifest, and no page raised an error', () => {
    expect(unknownDocuments).toEqual([]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
