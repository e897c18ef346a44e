/**
 * The web app in Chromium against the whole stack (test/stack.ts): the gateway serves web/dist
 * at its origin and the API at /graphql, with TRUSTED_DOCUMENTS=enforce (as in production), so
 * the whole journey runs on document ids only; the test's own queries go to a second gateway
 * that runs any document (stack.openGatewayUrl). Screenshots of every step go to test-artifacts/web/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../test/stack.js';
import { eventually, graphqlRequest, uniqueSuffix } from '../../test/support.js';
import { ensureWebBuilt, launchChromium, repoRoot } from './browser.js';
import { watchAccessTokens, type AccessTokens } from './access-tokens.js';
import { startTcpRelay, type TcpRelay } from './tcp-relay.js';

const artifacts = path.join(repoRoot, 'test-artifacts/web');
const timeZone = 'Europe/Berlin';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
/** The page reaches the gateway through this relay, so a test can drop its network. */
let relay: TcpRelay;
/** WebSockets the page has opened (attempts included). */
let webSockets = 0;
let step = 0;
const pageErrors: string[] = [];
/** Every HTTP request the page sent to /graphql: what it carried. */
const graphqlRequests: Array<{ method: string; url: string; body: string | null }> = [];

async function shot(name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: path.join(artifacts, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** datetime-local value (seconds precision) for an instant, in the page's time zone. */
function localInput(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
const weekdayName = (ms: number) =>
  new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }).format(new Date(ms));

let accessTokens: AccessTokens;
async function sessionToken(): Promise<string> {
  return accessTokens.latest();
}
async function api<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphqlRequest<T>(stack.openGatewayUrl, query, variables, await sessionToken());
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}
const row = (title: string) => page.locator(`li.task[data-title="${title}"]`);
/** What a signed-in page subscribes to: reminderDue (ReminderCenter) and projectChanges (LiveChanges). */
const pageSubscriptions = 2;

/** A gauge of the gateway's /metrics (read from the gateway itself, not through the relay). */
async function gatewayGauge(name: string): Promise<number> {
  const text = await (await fetch(`${stack.gatewayOpsUrl}/metrics`)).text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`${name} not in the gateway's /metrics`);
  return Number(match[1]);
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  const gateway = new URL(stack.gatewayUrl);
  relay = await startTcpRelay({ host: gateway.hostname, port: Number(gateway.port) });
  origin = relay.origin;
  browser = await launchChromium();
  // Phone width: the whole flow runs at 375 px.
  context = await browser.newContext({ timezoneId: timeZone, locale: 'en-GB', viewport: { width: 375, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  accessTokens = watchAccessTokens(page);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.resourceType() !== 'websocket')
      graphqlRequests.push({ method: request.method(), url: request.url(), body: request.postData() });
  });
  page.on('websocket', () => {
    webSockets += 1;
  });
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) {
    await page
      .screenshot({
        path: path.join(artifacts, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await stack?.stop();
});

const suffix = uniqueSuffix();
const email = `web-${suffix}@example.com`;
const password = 'Web-app-pass-42';

describe('web app', () => {
  const rent = `Pay rent ${suffix}`;
  const milk = `Buy milk ${suffix}`;
  const plants = `Water plants ${suffix}`;
  let rentId: string | null = null;

  it('signs up with the browser time zone', async () => {
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Erika Web');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
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
      await api(`mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { title: `${word} item ${i}` },
      });
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

  it('reconnects after the network drops and shows a reminder fired after the drop', async () => {
    const status = page.getByRole('status').filter({ hasText: 'Live reminders: reconnecting' });
    // The page's two subscriptions (reminderDue, projectChanges) are open at the gateway, and
    // their upstreams at planning and tasks.
    await eventually(
      async () =>
        ((await gatewayGauge('gateway_subscriptions_open')) === pageSubscriptions &&
          (await gatewayGauge('gateway_subscription_upstreams')) >= 1) ||
        undefined,
      {
        timeoutMs: 15_000,
        intervalMs: 200,
        what: 'the reminder and project-change subscriptions open at the gateway',
      },
    );
    const socketsBefore = webSockets;

    // The network goes away: every connection is reset and new ones are refused for a while.
    relay.setDown(true);
    relay.drop();
    await status.waitFor();
    await eventually(async () => (await gatewayGauge('gateway_subscriptions_open')) === 0 || undefined, {
      timeoutMs: 15_000,
      intervalMs: 200,
      what: 'the dropped subscription gone at the gateway',
    });
    // graphql-ws keeps trying (randomised back-off): wait for an attempt that the dead network refuses.
    await eventually(async () => relay.counts().refused >= 1 || undefined, {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'a reconnect attempt while the network is down',
    });
    await shot('reconnecting');

    // Back online: the client reconnects on its own and subscribes again.
    relay.setDown(false);
    await status.waitFor({ state: 'detached', timeout: 30_000 });
    await eventually(
      async () =>
        ((await gatewayGauge('gateway_subscriptions_open')) === pageSubscriptions &&
          (await gatewayGauge('gateway_subscription_upstreams')) >= 1) ||
        undefined,
      {
        timeoutMs: 15_000,
        intervalMs: 200,
        what: 'both subscriptions open again at the gateway',
      },
    );
    expect(webSockets).toBeGreaterThanOrEqual(socketsBefore + 2); // at least the refused attempt and the new connection

    // A reminder that fires only now arrives over the new connection.
    const title = `Call the plumber ${suffix}`;
    const { createTask } = await api(`mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
      input: { title },
    });
    const { addReminder } = await eventually(
      async () => {
        const result = await graphqlRequest<any>(
          stack.openGatewayUrl,
          `mutation($input: AddReminderInput!) { addReminder(input: $input) { id } }`,
          { input: { taskId: createTask.id, remindAt: new Date(Date.now() + 3_000).toISOString() } },
          await sessionToken(),
        );
        // Planning learns about the new task from its event: NOT_FOUND until then.
        if (result.errors?.some((e: any) => e.extensions?.code === 'NOT_FOUND')) return undefined;
        if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
        return result.data;
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'a reminder added to the new task' },
    );
    const note = page.locator(`.notification[data-reminder-id="${addReminder.id}"]`);
    await note.waitFor({ timeout: 60_000 });
    await page.locator(`.notification[data-reminder-id="${addReminder.id}"][data-acknowledged="true"]`).waitFor();
    await expect(note.textContent()).resolves.toContain(title);
    await shot('reminder-after-reconnect');
    const { task } = await api(`query($id: ID!) { task(id: $id) { reminders { id state } } }`, { id: createTask.id });
    expect(task.reminders).toEqual([{ id: addReminder.id, state: 'ACKNOWLEDGED' }]);
    await note.getByRole('button', { name: /Dismiss/ }).click();
    await note.waitFor({ state: 'detached' });
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
    const preview = await dialog
      .getByTestId('occurrence-preview')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-occurrence')));
    expect(preview).toHaveLength(5);
    await shot('recurrence-preview');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const first = row(plants);
    await first.waitFor();
    const firstId = await first.getAttribute('data-task-id');
    const saved = await api(
      `query($id: ID!) { task(id: $id) { dueAt recurrence { rrule } nextOccurrences(count: 5) } }`,
      { id: firstId },
    );
    expect(saved.task.nextOccurrences).toEqual(preview);
    expect(saved.task.recurrence.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=[A-Z]{2}$/);
    // A week later, at the same wall time (±1 h if a DST change falls in between).
    expect(
      Math.abs(new Date(preview[0]!).getTime() - new Date(saved.task.dueAt).getTime() - 7 * 86_400_000),
    ).toBeLessThanOrEqual(3_600_000);

    await first.getByRole('checkbox').check();
    // The next instance appears (status filter: open) with the rule's next date.
    const next = page.locator(`li.task[data-title="${plants}"]:not([data-task-id="${firstId}"])`);
    await next.waitFor({ timeout: 30_000 });
    await expect(next.locator('.due').getAttribute('data-due')).resolves.toBe(preview[0]);
    const shown = await next.locator('.due').textContent();
    expect(shown).toContain(
      new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium' }).format(new Date(preview[0]!)),
    );
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

    await row(rent)
      .getByRole('button', { name: `History of “${rent}”` })
      .click();
    const history = page.getByRole('dialog');
    const expected = ['task.created', 'task.tagged', 'reminder.added', 'reminder.fired', 'task.updated'];
    // The audit log is written by a consumer: refresh until every event has arrived.
    await eventually(
      async () => {
        const types = await history
          .locator('.history-entry')
          .evaluateAll((items) => items.map((li) => li.getAttribute('data-event-type')));
        if (expected.every((t) => types.includes(t))) return types;
        await history.getByRole('button', { name: 'Refresh' }).click();
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: `history entries ${expected.join(', ')}` },
    );
    const update = history.locator('.history-entry[data-event-type="task.updated"] li[data-field="priority"]');
    await expect(update.textContent()).resolves.toMatch(/HIGH.*→.*URGENT/);
    await expect(history.locator('.history-entry[data-event-type="task.created"]').textContent()).resolves.toContain(
      'Erika Web',
    );
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
    await expect
      .poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status)
      .toBe('COMPLETED');
    await item.getByRole('checkbox', { name: `Reopen “${milk}”` }).uncheck();
    await page.locator(`li.task:not(.done)[data-title="${milk}"]`).waitFor();
    await expect
      .poll(async () => (await api(`query($id: ID!) { task(id: $id) { status } }`, { id })).task.status)
      .toBe('OPEN');
    await item.getByRole('button', { name: `Delete “${milk}”` }).click();
    await item.waitFor({ state: 'detached' });
    // The row went at once (optimistic); the server's delete follows.
    const token = await sessionToken();
    await expect
      .poll(
        async () =>
          (await graphqlRequest(stack.openGatewayUrl, `query($id: ID!) { task(id: $id) { id } }`, { id }, token))
            .errors?.[0]?.extensions?.code,
      )
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

  it('a reload stays signed in (the refresh cookie); without the cookie it shows sign-in', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByPlaceholder('Add a task and press Enter').waitFor();
    await context.clearCookies();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot('signed-out-without-cookie');
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Issue 9, point 6: keyboard usable, labelled controls, readable at phone width (the page is
 * 375 px wide). Runs after the flow above, which ends on the sign-in screen.
 */
describe('keyboard, labels and phone width', () => {
  const quick = `Keyboard task ${suffix}`;
  const dialog = () => page.getByRole('dialog');

  /**
   * Every control the accessibility tree exposes (not hidden, not made inert by a modal dialog)
   * with its computed accessible name, as Chromium gives it to screen readers.
   */
  async function controlNames(): Promise<Array<{ control: string; role: string; name: string }>> {
    const cdp = await context.newCDPSession(page);
    try {
      await cdp.send('DOM.enable');
      await cdp.send('Accessibility.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
        nodeId: root.nodeId,
        selector: 'input, select, textarea, button, summary, a[href], [role="button"], [tabindex]:not([tabindex="-1"])',
      });
      const found: Array<{ control: string; role: string; name: string }> = [];
      for (const nodeId of nodeIds) {
        const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
        const node = nodes.find((n) => !n.ignored && n.backendDOMNodeId !== undefined) ?? null;
        if (!node) continue;
        const { node: dom } = await cdp.send('DOM.describeNode', { nodeId });
        const attrs = Object.fromEntries(
          (dom.attributes ?? []).reduce<string[][]>((acc, v, i, all) => (i % 2 ? acc : [...acc, [v, all[i + 1]!]]), []),
        );
        const control = `<${dom.localName}${attrs.type ? ` type=${attrs.type}` : ''}${attrs.class ? ` class=${attrs.class}` : ''}>`;
        found.push({ control, role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '').trim() });
      }
      return found;
    } finally {
      await cdp.detach();
    }
  }
  async function expectAllNamed(screen: string, atLeast: number) {
    const controls = await controlNames();
    expect(controls.length, `controls found on ${screen}`).toBeGreaterThanOrEqual(atLeast);
    expect(
      controls.filter((c) => !c.name),
      `controls without an accessible name on ${screen}`,
    ).toEqual([]);
    return controls;
  }
  /** No horizontal scrolling of the page (nor inside an open dialog) at phone width. */
  async function expectNoHorizontalScroll(screen: string) {
    const widths = await page.evaluate(() => {
      const doc = document.scrollingElement!;
      const open = document.querySelector('dialog[open]');
      return {
        page: [doc.scrollWidth, doc.clientWidth],
        dialog: open ? [open.scrollWidth, open.clientWidth] : null,
        viewport: window.innerWidth,
      };
    });
    expect(widths.viewport).toBe(375);
    expect(widths.page[0], `page scrollWidth vs clientWidth on ${screen}`).toBeLessThanOrEqual(widths.page[1]!);
    if (widths.dialog)
      expect(widths.dialog[0], `dialog scrollWidth vs clientWidth on ${screen}`).toBeLessThanOrEqual(widths.dialog[1]!);
  }
  const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
  /** Presses Tab (or Shift+Tab) until the control has the focus; fails after `max` presses. */
  async function tabTo(locator: Locator, { max = 80, back = false } = {}): Promise<number> {
    for (let presses = 0; presses <= max; presses += 1) {
      if (await isFocused(locator)) return presses;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`${String(locator)} not reached with ${max} × ${back ? 'Shift+Tab' : 'Tab'}`);
  }
  /** The focused control shows a focus ring (the :focus-visible outline). */
  async function expectFocusVisible(what: string) {
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { focusVisible: el.matches(':focus-visible'), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(ring, `focus on ${what}`).not.toBeNull();
    expect(ring!.focusVisible, `:focus-visible on ${what}`).toBe(true);
    expect(ring!.outline, `focus ring on ${what}`).not.toMatch(/^none|\b0px$/);
  }

  it('sign-in and sign-up: every control named, no horizontal scroll; signing in by keyboard only', async () => {
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const signIn = await expectAllNamed('sign-in', 4);
    expect(signIn.map((c) => c.name)).toEqual(
      expect.arrayContaining(['E-mail', 'Password', 'Sign in', 'Create an account']),
    );
    await expectNoHorizontalScroll('sign-in');

    // Switch to sign-up and back with the keyboard.
    await tabTo(page.getByRole('button', { name: 'Create an account' }));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign up' }).waitFor();
    const signUp = await expectAllNamed('sign-up', 5);
    expect(signUp.map((c) => c.name)).toEqual(expect.arrayContaining(['Name', 'E-mail', 'Password', 'Sign up']));
    await expectNoHorizontalScroll('sign-up');
    await shot('a11y-sign-up');
    await tabTo(page.getByRole('button', { name: 'Sign in' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await tabTo(page.getByLabel('E-mail'), { back: true });
    await expectFocusVisible('E-mail');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Password'))).toBe(true);
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('task list: every control named, no horizontal scroll', async () => {
    await page.locator('li.task').first().waitFor();
    await page.getByRole('checkbox', { name: 'Tag home' }).waitFor();
    const controls = await expectAllNamed('task list', 15);
    expect(controls.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'Sign out',
        'New task title',
        'Add',
        'New task…',
        'Search',
        'Status',
        'Sort',
        'Tag home',
        'From',
        'To',
        'Overdue only',
      ]),
    );
    await expectNoHorizontalScroll('task list');
    await shot('a11y-task-list');
  });

  it('quick add, edit, change priority, save and close: keyboard only', async () => {
    await page
      .locator('body')
      .click({ position: { x: 1, y: 1 } })
      .catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // From the top of the page, Tab reaches the quick-add field in a few presses.
    const quickAdd = page.getByRole('textbox', { name: 'New task title' });
    expect(await tabTo(quickAdd, { max: 7 })).toBeGreaterThan(0);
    await expectFocusVisible('the quick-add field');
    await page.keyboard.type(quick);
    await page.keyboard.press('Enter');
    await row(quick).waitFor();
    await expect(quickAdd.inputValue()).resolves.toBe('');

    // Tab on to the new row's title button; Enter opens the editor with the focus inside.
    const open = row(quick).getByRole('button', { name: quick, exact: true });
    await tabTo(open);
    await expectFocusVisible('the task title button');
    await page.keyboard.press('Enter');
    await dialog().getByLabel('Title').waitFor();
    await expect.poll(() => isFocused(dialog().getByLabel('Title'))).toBe(true);
    const editor = await expectAllNamed('the editor (existing task)', 15);
    expect(editor.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Close editor', 'Title', 'Description', 'Save', 'Cancel', 'Repeats']),
    );
    await expectNoHorizontalScroll('the editor');

    // Priority with the keyboard: Tab to the select, ArrowDown from Medium to High.
    const priority = dialog().getByRole('combobox', { name: /Priority/ });
    await tabTo(priority, { max: 5 });
    await expectFocusVisible('the priority select');
    await page.keyboard.press('ArrowDown');
    await expect(priority.inputValue()).resolves.toBe('HIGH');
    await expect(dialog().locator('[data-priority]').first().textContent()).resolves.toBe('High');
    await shot('a11y-editor-keyboard');

    // Enter in the title field submits the form (Save).
    await tabTo(dialog().getByLabel('Title'), { back: true, max: 5 });
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await row(quick).locator('[data-priority="HIGH"]').waitFor();
    // Focus goes back to the control that opened the editor.
    await expect.poll(() => isFocused(open)).toBe(true);

    // Space opens it again; Escape closes it, focus back on the row.
    await page.keyboard.press('Space');
    await dialog().getByLabel('Title').waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(open)).toBe(true);
    const saved = await api(`query($id: ID!) { task(id: $id) { priority } }`, {
      id: await row(quick).getAttribute('data-task-id'),
    });
    expect(saved.task.priority).toBe('HIGH');
  });

  it('the modal editor keeps the focus inside while tabbing; new-task and recurrence controls are named', async () => {
    const opener = page.getByRole('button', { name: 'New task…' });
    await opener.focus();
    await page.keyboard.press('Enter');
    await dialog().getByLabel('Title').waitFor();
    await dialog().getByLabel('Repeats').selectOption('WEEKLY');
    await dialog().getByLabel('Date and time').check();
    await dialog().getByLabel('Title').focus();
    const stops = new Set<string>();
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'outside-document';
        return el.closest('dialog[open]')
          ? `${el.tagName}:${el.getAttribute('aria-label') ?? (el as HTMLInputElement).name ?? ''}:${el.textContent?.slice(0, 20)}`
          : `OUTSIDE ${el.outerHTML.slice(0, 80)}`;
      });
      expect(where, 'focus while tabbing in the modal editor').not.toMatch(/^OUTSIDE /);
      stops.add(where);
    }
    // Tabbing went round the dialog's controls (it did not get stuck on one).
    expect(stops.size).toBeGreaterThan(10);
    const controls = await expectAllNamed('the editor (new weekly task)', 20);
    expect(controls.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Monday', 'Interval', 'Due at', 'Add tag', 'Colour for new tags', 'Add reminder']),
    );
    await expectNoHorizontalScroll('the editor (new weekly task)');
    await shot('a11y-editor-new-weekly');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(opener)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS=enforce)', () => {
  it('the journey sent operations by id only: queries as GET, no document text', () => {
    expect(graphqlRequests.length).toBeGreaterThan(10);
    for (const request of graphqlRequests) {
      const params =
        request.method === 'GET'
          ? Object.fromEntries(new URL(request.url).searchParams)
          : (JSON.parse(request.body ?? '{}') as Record<string, unknown>);
      expect(params, JSON.stringify(request)).not.toHaveProperty('query');
      const extensions = typeof params.extensions === 'string' ? JSON.parse(params.extensions) : params.extensions;
      expect(extensions?.persistedQuery?.sha256Hash, JSON.stringify(request)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(graphqlRequests.some((request) => request.method === 'GET')).toBe(true);
  });

  it('the gateway refuses a document outside the manifest', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id email } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });
});
