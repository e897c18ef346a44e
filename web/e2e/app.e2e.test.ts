/**
 * The web app in Chromium against the whole stack (test/stack.ts): the gateway serves web/dist
 * at its origin and the API at /graphql. Screenshots of every step go to test-artifacts/web/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../test/stack.js';
import { eventually, graphqlRequest, uniqueSuffix } from '../../test/support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/web');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const timeZone = 'Europe/Berlin';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let step = 0;
const pageErrors: string[] = [];

async function shot(name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: path.join(artifacts, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** datetime-local value (seconds precision) for an instant, in the page's time zone. */
function localInput(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
const weekdayName = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }).format(new Date(ms));

async function sessionToken(): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('taskwire.session') ?? '{}').token as string);
}
async function api<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.gatewayUrl, query, variables, await sessionToken());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}
const row = (title: string) => page.locator(`li.task[data-title="${title}"]`);

/** Newest modification time under a folder (the web app's sources). */
function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

beforeAll(async () => {
  const builtIndex = path.join(repoRoot, 'web/dist/index.html');
  // Built when missing (CI) or older than the sources (a local run after an edit).
  if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestMtimeMs(path.join(repoRoot, 'web/src'))) {
    const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build -w web failed:\n${build.stdout}\n${build.stderr}`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack();
  origin = new URL(stack.gatewayUrl).origin;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // Phone width: the whole flow runs at 375 px.
  context = await browser.newContext({ timezoneId: timeZone, locale: 'en-GB', viewport: { width: 375, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: path.join(artifacts, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('web app', () => {
  const suffix = uniqueSuffix();
  const rent = `Pay rent ${suffix}`;
  const milk = `Buy milk ${suffix}`;
  const plants = `Water plants ${suffix}`;
  let rentId: string | null = null;

  it('signs up with the browser time zone', async () => {
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Erika Web');
    await page.getByLabel('E-mail').fill(`web-${suffix}@example.com`);
    await page.getByLabel('Password').fill('Web-app-pass-42');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expect(page.locator('.who').textContent()).resolves.toContain(timeZone);
    expect((await api(`{ me { timeZone } }`)).me.timeZone).toBe(timeZone);
    await shot('signed-up');
  });

  it('creates a task with priority, due time, two tags and a reminder; it shows badge and tags', async () => {
    await page.getByPlaceholder('Add a task and press Enter').fill(milk);
    await page.getByPlaceholder('Add a task and press Enter').press('Enter');
    await row(milk).waitFor();

    await page.getByRole('button', { name: 'New task…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(rent);
    await dialog.getByLabel('Description').fill('Transfer to landlord');
    await dialog.getByRole('combobox', { name: /Priority/ }).selectOption('HIGH');
    await dialog.getByLabel('Date and time').check();
    const dueMs = Date.now() + 2 * 86_400_000;
    await dialog.getByLabel('Due at').fill(localInput(dueMs).slice(0, 16));
    for (const tag of ['home', 'finance']) {
      await dialog.getByRole('combobox', { name: 'Add tag' }).fill(tag);
      await dialog.getByRole('combobox', { name: 'Add tag' }).press('Enter');
    }
    await dialog.getByLabel('At a time').check();
    await dialog.getByLabel('Remind at').fill(localInput(Date.now() + 12_000));
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await shot('editor-filled');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const item = row(rent);
    await item.waitFor();
    rentId = await item.getAttribute('data-task-id');
    await expect(item.locator('[data-priority="HIGH"]').textContent()).resolves.toBe('High');
    await item.locator('[data-tag="home"]').waitFor();
    await item.locator('[data-tag="finance"]').waitFor();
    await shot('task-created');
  });

  it('filters by one tag and by search text', async () => {
    await page.getByRole('checkbox', { name: 'Tag home' }).check();
    await row(milk).waitFor({ state: 'detached' });
    await row(rent).waitFor();
    await shot('filter-tag');
    await page.getByRole('checkbox', { name: 'Tag home' }).uncheck();
    await row(milk).waitFor();

    await page.getByRole('searchbox', { name: 'Search' }).fill('milk');
    await row(rent).waitFor({ state: 'detached' });
    await row(milk).waitFor();
    await shot('filter-search');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await row(rent).waitFor();
  });

  it('pages as the list is scrolled', async () => {
    const word = `bulk${suffix}`;
    for (let i = 1; i <= 30; i += 1) {
      await api(`mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, { input: { title: `${word} item ${i}` } });
    }
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    const rows = page.locator(`li.task[data-title^="${word} "]`);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(25);
    await expect(page.locator('.count').textContent()).resolves.toBe('30 tasks');
    await page.locator('.more').scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(30);
    await expect(page.locator('.more').count()).resolves.toBe(0);
    await shot('infinite-scroll');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(25);
  });

  it('shows the reminder as an in-app notification and acknowledges it', async () => {
    const note = page.locator('.notification', { hasText: rent });
    await note.waitFor({ timeout: 60_000 });
    await page.locator('.notification[data-acknowledged="true"]', { hasText: rent }).waitFor();
    await shot('reminder-notification');
    const reminderId = await note.getAttribute('data-reminder-id');
    const { task } = await api(`query($id: ID!) { task(id: $id) { reminders { id state } } }`, { id: rentId });
    expect(task.reminders).toEqual([{ id: reminderId, state: 'ACKNOWLEDGED' }]);
    await note.getByRole('button', { name: /Dismiss/ }).click();
    await note.waitFor({ state: 'detached' });
    const after = await api(`query($id: ID!) { task(id: $id) { reminders { id state } } }`, { id: rentId });
    expect(after.task.reminders).toEqual([{ id: reminderId, state: 'DISMISSED' }]);
  });

  it('previews a weekly rule before saving, as the server computes it; completing shows the next instance with its date', async () => {
    await page.getByRole('button', { name: 'New task…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(plants);
    await dialog.getByLabel('Date and time').check();
    const dueMs = Date.now() + 86_400_000;
    await dialog.getByLabel('Due at').fill(`${localInput(dueMs).slice(0, 10)}T09:00`);
    await dialog.getByLabel('Repeats').selectOption('WEEKLY');
    await dialog.getByLabel('Monday').uncheck();
    await dialog.getByLabel(weekdayName(dueMs)).check();
    const preview = await dialog.getByTestId('occurrence-preview').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-occurrence')));
    expect(preview).toHaveLength(5);
    await shot('recurrence-preview');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const first = row(plants);
    await first.waitFor();
    const firstId = await first.getAttribute('data-task-id');
    const saved = await api(`query($id: ID!) { task(id: $id) { dueAt recurrence { rrule } nextOccurrences(count: 5) } }`, { id: firstId });
    expect(saved.task.nextOccurrences).toEqual(preview);
    expect(saved.task.recurrence.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=[A-Z]{2}$/);
    // A week later, at the same wall time (±1 h if a DST change falls in between).
    expect(Math.abs(new Date(preview[0]!).getTime() - new Date(saved.task.dueAt).getTime() - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);

    await first.getByRole('checkbox').check();
    // The next instance appears (status filter: open) with the rule's next date.
    const next = page.locator(`li.task[data-title="${plants}"]:not([data-task-id="${firstId}"])`);
    await next.waitFor({ timeout: 30_000 });
    await expect(next.locator('.due').getAttribute('data-due')).resolves.toBe(preview[0]);
    const shown = await next.locator('.due').textContent();
    expect(shown).toContain(new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium' }).format(new Date(preview[0]!)));
    await shot('next-instance');
  });

  it('opens the history and sees each change', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('rent');
    await row(milk).waitFor({ state: 'detached' });
    // One more change to see from → to: the priority.
    await row(rent).getByRole('button', { name: rent, exact: true }).click();
    const editor = page.getByRole('dialog');
    await editor.getByRole('combobox', { name: /Priority/ }).selectOption('URGENT');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.waitFor({ state: 'detached' });
    await row(rent).locator('[data-priority="URGENT"]').waitFor();

    await row(rent).getByRole('button', { name: `History of “${rent}”` }).click();
    const history = page.getByRole('dialog');
    const expected = ['task.created', 'task.tagged', 'reminder.added', 'reminder.fired', 'task.updated'];
    // The audit log is written by a consumer: refresh until every event has arrived.
    await eventually(
      async () => {
        const types = await history.locator('.history-entry').evaluateAll((items) => items.map((li) => li.getAttribute('data-event-type')));
        if (expected.every((t) => types.includes(t))) return types;
        await history.getByRole('button', { name: 'Refresh' }).click();
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: `history entries ${expected.join(', ')}` },
    );
    const update = history.locator('.history-entry[data-event-type="task.updated"] li[data-field="priority"]');
    await expect(update.textContent()).resolves.toMatch(/HIGH.*→.*URGENT/);
    await expect(history.locator('.history-entry[data-event-type="task.created"]').textContent()).resolves.toContain('Erika Web');
    await shot('history');
    await history.getByRole('button', { name: 'Close history' }).click();
  });

  it('completes, reopens and deletes with immediate feedback', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('milk');
    const item = row(milk);
    await item.waitFor();
    const id = await item.getAttribute('data-task-id');
    await item.getByRole('checkbox', { name: `Complete “${milk}”` }).check();
    await page.locator(`li.task.done[data-title="${milk}"]`).waitFor();
    await expect.poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status).toBe('COMPLETED');
    await item.getByRole('checkbox', { name: `Reopen “${milk}”` }).uncheck();
    await page.locator(`li.task:not(.done)[data-title="${milk}"]`).waitFor();
    await expect.poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status).toBe('OPEN');
    await item.getByRole('button', { name: `Delete “${milk}”` }).click();
    await item.waitFor({ state: 'detached' });
    // The row went at once (optimistic); the server's delete follows.
    const token = await sessionToken();
    await expect
      .poll(async () => (await graphqlRequest(stack.gatewayUrl, `query($id: ID!) { task(id: $id) { id } }`, { id }, token)).errors?.[0]?.extensions?.code)
      .toBe('NOT_FOUND');
    await shot('deleted');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
  });

  it('shows a server error on save next to the field it names', async () => {
    await page.getByRole('button', { name: 'New task…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('x'.repeat(600));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const message = dialog.locator('label', { hasText: 'Title' }).locator('.field-error');
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/title.*500/i);
    await expect(dialog.getByLabel('Title').getAttribute('aria-invalid')).resolves.toBe('true');
    await shot('server-field-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('an expired session goes back to sign-in with a message', async () => {
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('taskwire.session')!);
      localStorage.setItem('taskwire.session', JSON.stringify({ ...session, token: 'expired.token.value' }));
    });
    await page.reload();
    await page.getByText('Your session expired — please sign in again').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot('session-expired');
    expect(pageErrors).toEqual([]);
  });
});
