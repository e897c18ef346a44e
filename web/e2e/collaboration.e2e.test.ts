/**
 * Two people on one project, each in their own Chromium (two browser contexts: two sessions,
 * two refresh cookies), against the whole stack (test/stack.ts) with TRUSTED_DOCUMENTS=enforce:
 * the pages send document ids only, and subscribe with the manifest's texts only. The test's
 * own queries go to the stack's second gateway, which runs any document.
 *
 * A creates two projects and shares them with B as an editor (B has verified the address, but
 * the tasks service learns that from an event, so a share may be an invitation for a moment).
 * Then a task created, edited, completed and moved (to the other project) on one page must
 * show, changed, on the other within a second each, without a reload (`projectChanges`,
 * web/src/components/LiveChanges.tsx); each latency is taken in the observing page (`watch`)
 * and printed. Last, the history names who did what. Screenshots go to
 * test-artifacts/web/collaboration-*.png.
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
const password = 'Collab-pass-42';
const suffix = uniqueSuffix();
/** What "live" means here: the other page shows the change within this long of the click. */
const liveWithinMs = 1_000;
/** How long a step waits for the other page before failing. */
const observeTimeoutMs = 10_000;

interface Person {
  name: string;
  email: string;
  /** Their account id, once signed up. */
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
let step = 0;
const latencies: Array<{ what: string; ms: number }> = [];
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
    email: `collab-${label}-${suffix}@example.com`,
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

async function shot(name: string): Promise<void> {
  step += 1;
  const prefix = `collaboration-${String(step).padStart(2, '0')}-${name}`;
  await a.page.screenshot({ path: path.join(artifacts, `${prefix}-a.png`), fullPage: true });
  await b.page.screenshot({ path: path.join(artifacts, `${prefix}-b.png`), fullPage: true });
}

async function api<T = any>(who: Person, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.openGatewayUrl, query, variables, who.tokens.latest());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

const row = (who: Person, taskId: string) => who.page.locator(`li.task[data-task-id="${taskId}"]`);
const rowTitled = (who: Person, title: string) => who.page.locator(`li.task[data-title="${title}"]`);
const sidebarProject = (who: Person, projectId: string) =>
  who.page.locator(`nav.sidebar li[data-project-id="${projectId}"]`);
/** The open-task count a page shows for a project, once it is `count`. */
const openCountSelector = (projectId: string, count: number) =>
  `nav.sidebar li[data-project-id="${projectId}"] .project-count[data-count="${count}"]`;
const openCount = (who: Person, projectId: string, count: number) =>
  who.page.locator(openCountSelector(projectId, count));

/** A CSS selector that must come to match something (attached) or nothing (detached). */
type Expected = [selector: string, state: 'attached' | 'detached'];
let watches = 0;

/**
 * Starts watching a page (a MutationObserver in it) for the moment every expectation holds,
 * and answers a function that waits for that moment (the page's Date.now(), the same clock as
 * the test's). Playwright's own waits poll every 500 ms after the first 270 ms, which would
 * add up to half a second to a measured latency. An expectation that holds already proves
 * nothing about the change to come, so it fails at once.
 */
async function watch(who: Person, expected: Expected[]): Promise<() => Promise<number>> {
  const key = `__taskwireWatch${(watches += 1)}`;
  await who.page.evaluate(
    ({ key, expected, timeoutMs }) => {
      const holds = () =>
        expected.every(([selector, state]) => (document.querySelector(selector) !== null) === (state === 'attached'));
      const already = holds();
      (window as unknown as Record<string, Promise<number>>)[key] = new Promise<number>((resolve, reject) => {
        if (already) return reject(new Error(`already so before the change: ${JSON.stringify(expected)}`));
        const observer = new MutationObserver(() => {
          if (!holds()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(Date.now());
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`not so within ${timeoutMs} ms: ${JSON.stringify(expected)}`));
        }, timeoutMs);
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      // Rejections are awaited later; keep the page from reporting them as unhandled meanwhile.
      (window as unknown as Record<string, Promise<number>>)[key]!.catch(() => undefined);
    },
    { key, expected, timeoutMs: observeTimeoutMs },
  );
  return () => who.page.evaluate((key) => (window as unknown as Record<string, Promise<number>>)[key]!, key);
}

/**
 * Runs `act` on one page and measures how long until every expectation holds on `observer`'s,
 * from just before the action; fails when that is more than `liveWithinMs`. The watch starts
 * before the action, so no change can slip by unseen.
 */
async function live(what: string, act: () => Promise<unknown>, observer: Person, expected: Expected[]): Promise<void> {
  const seen = await watch(observer, expected);
  const started = Date.now();
  await act();
  const ms = (await seen()) - started;
  latencies.push({ what, ms });
  console.log(`[collaboration] ${what}: ${ms} ms`);
  expect(ms, `${what} shown on the other page after ${ms} ms`).toBeLessThanOrEqual(liveWithinMs);
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
  // The token is read from the sign-up response, which is parsed a moment after the page shows.
  await eventually(() => (who.tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });
  who.id = (await api<{ me: { id: string } }>(who, `{ me { id } }`)).me.id;
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
      .screenshot({ path: path.join(artifacts, `collaboration-failed-${name}-${label}.png`), fullPage: true })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  if (latencies.length > 0) {
    console.log(
      `[collaboration] live latencies (click on one page → shown on the other): ${latencies
        .map(({ what, ms }) => `${what} ${ms} ms`)
        .join(', ')}`,
    );
  }
  await browser?.close();
  await stack?.stop();
});

describe('two people on a shared project', () => {
  let launchId = '';
  let laterId = '';
  let taskId = '';
  const launch = `Launch ${suffix}`;
  const later = `Later ${suffix}`;

  it('both sign up in their own browser; B verifies the address from the link of its mail', async () => {
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
    // The verification page was a page load: the session came back from the refresh cookie.
    await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect((await api(b, `{ me { emailVerified } }`)).me.emailVerified).toBe(true);
  });

  it('A creates two projects with a colour; each is in the sidebar with no open task', async () => {
    const { page } = a;
    for (const [name, color] of [
      [launch, '#16a34a'],
      [later, '#9333ea'],
    ] as const) {
      await page.getByRole('button', { name: 'New project' }).click();
      await page.getByLabel('Project name').fill(name);
      await page.getByLabel('Colour', { exact: true }).fill(color);
      await page.getByRole('button', { name: 'Create project' }).click();
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    const { projects } = await api<{ projects: Array<{ id: string; name: string; color: string; isInbox: boolean }> }>(
      a,
      `{ projects { id name color isInbox } }`,
    );
    expect(projects.map((p) => [p.name, p.color])).toEqual([
      ['Inbox', null],
      [launch, '#16a34a'],
      [later, '#9333ea'],
    ]);
    launchId = projects[1]!.id;
    laterId = projects[2]!.id;
    // The last one created is the view, and the URL says so.
    expect(new URL(page.url()).pathname).toBe(`/projects/${laterId}`);
    await openCount(a, launchId, 0).waitFor();
    await openCount(a, laterId, 0).waitFor();
  });

  it('A shares both with B as an editor; B is listed as a member (after a pending invitation, if any)', async () => {
    const { page } = a;
    for (const [projectId, name] of [
      [launchId, launch],
      [laterId, later],
    ] as const) {
      await sidebarProject(a, projectId).getByRole('link').click();
      await page.waitForURL(`${origin}/projects/${projectId}`);
      await page.getByRole('button', { name: 'Share…' }).click();
      const dialog = page.getByRole('dialog', { name: `Share “${name}”` });
      await dialog.getByLabel('E-mail address').fill(b.email);
      // The share form's role (a member's row has "Role of …").
      await dialog.getByRole('combobox', { name: /^Role(?! of)/ }).selectOption('EDITOR');
      await dialog.getByRole('button', { name: 'Share', exact: true }).click();
      await dialog.getByRole('status').waitFor();
      // Tasks learns of B's verification from an event: until then the share is an invitation,
      // which the dialog lists and re-reads until B is a member.
      const member = dialog.locator(`li.member[data-user-id="${b.id}"]`);
      await member.waitFor({ timeout: 30_000 });
      await expect(member.getAttribute('data-role')).resolves.toBe('EDITOR');
      await dialog.locator(`li.invitation`).waitFor({ state: 'detached' });
      if (projectId === launchId) await shot('shared');
      console.log(
        `[collaboration] B's name in A's members list: ${JSON.stringify(await member.locator('.member-name').textContent())}`,
      );
      await dialog.getByRole('button', { name: 'Close members' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const { project } = await api(a, `query($id: ID!) { project(id: $id) { members { role user { id } } } }`, {
      id: launchId,
    });
    expect(project.members).toEqual([
      { role: 'OWNER', user: { id: a.id } },
      { role: 'EDITOR', user: { id: b.id } },
    ]);
  });

  it('the shared project appears in B’s sidebar with the first task in it, without a reload; each sees the other’s tasks', async () => {
    await sidebarProject(a, launchId).getByRole('link').click();
    await a.page.waitForURL(`${origin}/projects/${launchId}`);
    // Warming up (not measured): the first change also proves each page's subscription is open
    // through the gateway to the tasks service.
    const kickOff = `Kick-off ${suffix}`;
    await a.page.getByPlaceholder('Add a task and press Enter').fill(kickOff);
    await a.page.getByPlaceholder('Add a task and press Enter').press('Enter');
    await rowTitled(a, kickOff).waitFor();
    // B is on "All tasks": the task arrives live, and the project B did not know is fetched.
    await rowTitled(b, kickOff).waitFor({ timeout: 30_000 });
    await sidebarProject(b, launchId).waitFor();
    await sidebarProject(b, launchId).getByRole('link').click();
    await b.page.waitForURL(`${origin}/projects/${launchId}`);
    await rowTitled(b, kickOff).waitFor();
    await expect(b.page.getByRole('heading', { level: 2, name: launch }).textContent()).resolves.toContain(launch);
    await b.page.locator('.view-header .badge[data-role="EDITOR"]').waitFor();

    const agenda = `Agenda ${suffix}`;
    await b.page.getByPlaceholder('Add a task and press Enter').fill(agenda);
    await b.page.getByPlaceholder('Add a task and press Enter').press('Enter');
    await rowTitled(a, agenda).waitFor({ timeout: 30_000 });
    await openCount(a, launchId, 2).waitFor();
    await openCount(b, launchId, 2).waitFor();
    await shot('both-see-both');
  });

  it('a task created, edited, completed and moved on one page shows, changed, on the other within a second each', async () => {
    const draft = `Draft spec ${suffix}`;
    const final = `Final spec ${suffix}`;

    // A creates it in the project (quick add in the project's view): B's list and count.
    await a.page.getByPlaceholder('Add a task and press Enter').fill(draft);
    await live(
      'created by A, shown to B',
      () => a.page.getByPlaceholder('Add a task and press Enter').press('Enter'),
      b,
      [
        [`li.task[data-title="${draft}"]`, 'attached'],
        [openCountSelector(launchId, 3), 'attached'],
      ],
    );
    taskId = (await rowTitled(b, draft).getAttribute('data-task-id'))!;
    expect(taskId).toBeTruthy();

    // B renames it and takes it: A sees the new title and the assignee.
    await row(b, taskId).getByRole('button', { name: draft, exact: true }).click();
    const editorB = b.page.getByRole('dialog');
    await editorB.getByLabel('Title').fill(final);
    await editorB.getByRole('combobox', { name: 'Assignee' }).locator(`option[value="${b.id}"]`).waitFor({
      state: 'attached',
    });
    await editorB.getByRole('combobox', { name: 'Assignee' }).selectOption(b.id);
    await live('edited by B, shown to A', () => editorB.getByRole('button', { name: 'Save', exact: true }).click(), a, [
      [`li.task[data-task-id="${taskId}"][data-title="${final}"]`, 'attached'],
      [`li.task[data-task-id="${taskId}"] .assignee[data-assignee-id="${b.id}"]`, 'attached'],
    ]);
    await editorB.waitFor({ state: 'detached' });
    console.log(
      `[collaboration] B as assignee on A's page: ${JSON.stringify(await row(a, taskId).locator('.assignee').textContent())}`,
    );

    // B completes it: A sees it done and one open task less.
    await live(
      'completed by B, shown to A',
      () =>
        row(b, taskId)
          .getByRole('checkbox', { name: `Complete “${final}”` })
          .check(),
      a,
      [
        [`li.task.done[data-task-id="${taskId}"]`, 'attached'],
        [openCountSelector(launchId, 2), 'attached'],
      ],
    );
    await shot('completed');

    // A moves it to the other project: it leaves B's view of the first, where B still sees it
    // (crossed out) until then.
    await row(b, taskId).waitFor();
    await row(a, taskId).getByRole('button', { name: final, exact: true }).click();
    const editorA = a.page.getByRole('dialog');
    await editorA.getByRole('combobox', { name: 'Project' }).selectOption(laterId);
    await live('moved by A, shown to B', () => editorA.getByRole('button', { name: 'Save', exact: true }).click(), b, [
      [`li.task[data-task-id="${taskId}"]`, 'detached'],
    ]);
    await editorA.waitFor({ state: 'detached' });
    await row(a, taskId).waitFor({ state: 'detached' });

    // In the other project, on both pages, it is the same task: done, assigned to B.
    for (const who of [a, b]) {
      await sidebarProject(who, laterId).getByRole('link').click();
      await who.page.waitForURL(`${origin}/projects/${laterId}`);
      await who.page.getByRole('combobox', { name: /^Status/ }).selectOption('');
      await who.page.locator(`li.task.done[data-task-id="${taskId}"][data-title="${final}"]`).waitFor();
      await row(who, taskId).locator(`.assignee[data-assignee-id="${b.id}"]`).waitFor();
    }
    await shot('moved');
    const { task } = await api(a, `query($id: ID!) { task(id: $id) { status project { id } assignee { id } } }`, {
      id: taskId,
    });
    expect(task).toEqual({ status: 'COMPLETED', project: { id: laterId }, assignee: { id: b.id } });
    expect(latencies.map((l) => l.what)).toHaveLength(4);
  });

  it('the history names who made each change, and the projects of a move by their names', async () => {
    await row(a, taskId)
      .getByRole('button', { name: /^History of/ })
      .click();
    const history = a.page.getByRole('dialog');
    // The audit log is written by a consumer: refresh until B's entries and A's move have arrived.
    const byB = history.locator(`.history-entry[data-actor-id="${b.id}"]`);
    const move = history.locator(
      `.history-entry[data-actor-id="${a.id}"][data-event-type="task.updated"] li[data-field="projectId"]`,
    );
    await eventually(
      async () => {
        if ((await byB.count()) >= 2 && (await move.count()) === 1) return true;
        await history.getByRole('button', { name: 'Refresh' }).click();
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'B’s changes and A’s move in the history' },
    );
    // Names are best effort (web/src/member-names.ts): the page shows B's name whenever the API
    // tells it to A, and "a member" only while it does not.
    const { data } = await graphqlRequest<{
      project: { members: Array<{ user: { id: string; name: string } }> } | null;
    }>(
      stack.openGatewayUrl,
      `query($id: ID!) { project(id: $id) { members { user { id name } } } }`,
      { id: laterId },
      a.tokens.latest(),
    );
    const bName = data?.project?.members.find((m) => m.user.id === b.id)?.user.name ?? 'a member';
    const bNames = await eventually(
      async () => {
        const names = await byB.locator('.actor').allTextContents();
        return names.every((n) => n === bName) ? names : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: `B’s entries by ${JSON.stringify(bName)}` },
    );
    const aNames = await history.locator(`.history-entry[data-actor-id="${a.id}"] .actor`).allTextContents();
    expect(aNames.length).toBeGreaterThan(0);
    expect(new Set(aNames)).toEqual(new Set([a.name]));
    await expect(move.locator('del').textContent()).resolves.toBe(launch);
    await expect(move.locator('ins').textContent()).resolves.toBe(later);
    console.log(
      `[collaboration] history actors on A's page: A as ${JSON.stringify(aNames[0])}, B as ${JSON.stringify(bNames[0])} (the API tells A ${JSON.stringify(bName)})`,
    );
    await shot('history');
    await history.getByRole('button', { name: 'Close history' }).click();
  });

  it('every operation of both pages was a trusted document; no page error', () => {
    expect(unknownDocuments).toEqual([]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
