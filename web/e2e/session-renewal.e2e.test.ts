/**
 * Issue 17: sessions that last. With 5-second access tokens (ACCESS_TOKEN_TTL_SECONDS=5 for the
 * accounts subgraph, which signs them) a user works for a minute in Chromium without seeing the
 * sign-in page, a reminder due after several renewals still arrives on the open page, and no
 * token is readable by page scripts (localStorage, sessionStorage, document.cookie).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../test/stack.js';
import { eventually, graphqlRequest, tokenFor, uniqueSuffix } from '../../test/support.js';
import { watchAccessTokens, type AccessTokens } from './access-tokens.js';
import { ensureWebBuilt, launchChromium, repoRoot } from './browser.js';

const artifacts = path.join(repoRoot, 'test-artifacts/web-sessions');
const tokenTtlSeconds = 5;

let stack: Stack;
let browser: Browser;
let page: Page;
let tokens: AccessTokens;
const pageErrors: string[] = [];
const socketLog: string[] = [];
const loadedAt = Date.now();

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { ACCESS_TOKEN_TTL_SECONDS: String(tokenTtlSeconds) } });
  browser = await launchChromium();
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  tokens = watchAccessTokens(page);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  // The page's graphql-ws traffic (what a failure report shows): opens, closes, non-data frames.
  page.on('websocket', (socket) => {
    const at = () => `${((Date.now() - loadedAt) / 1000).toFixed(1)}s`;
    socketLog.push(`${at()} open`);
    socket.on('framereceived', (frame) => {
      const text = String(frame.payload);
      if (!text.includes('"type":"ping"') && !text.includes('"type":"pong"'))
        socketLog.push(`${at()} <- ${text.slice(0, 200)}`);
    });
    socket.on('framesent', (frame) => {
      const text = String(frame.payload).replace(/Bearer [\w.-]+/, 'Bearer …');
      if (!text.includes('"type":"ping"') && !text.includes('"type":"pong"'))
        socketLog.push(`${at()} -> ${text.slice(0, 120)}`);
    });
    socket.on('close', () => socketLog.push(`${at()} close`));
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Everything page scripts can read that could hold a credential. */
async function scriptReadableStorage(): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      localStorage: Object.entries(localStorage),
      sessionStorage: Object.entries(sessionStorage),
      cookie: document.cookie,
    }),
  );
}

describe('sessions that last (5-second access tokens)', () => {
  const suffix = uniqueSuffix();

  it('works for a minute without the sign-in page; a reminder due after several renewals arrives; no token readable by scripts', async () => {
    await page.goto(new URL(stack.gatewayUrl).origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Renée Renewal');
    await page.getByLabel('E-mail').fill(`renewal-${suffix}@example.com`);
    await page.getByLabel('Password').fill('Renewal-pass-4242');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // Record whether the sign-in form or the "reconnecting" status ever shows from now on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenInterruptions: string[] }).seenInterruptions = seen;
      new MutationObserver(() => {
        const text = document.body.textContent ?? '';
        if (text.includes('Live reminders: reconnecting')) seen.push('reconnecting');
        if (document.querySelector('main.auth')) seen.push('sign-in page');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const startedAt = Date.now();
    const firstToken = tokens.latest();

    // A reminder due in 35 s: after about nine renewals of the page's token.
    // The test's own calls use a long-lived token for the page's user (signed with the stack's
    // test key), so its setup does not race the page's 5-second ones.
    const userId = JSON.parse(Buffer.from(firstToken.split('.')[1]!, 'base64url').toString()).sub as string;
    const testToken = await tokenFor(userId);
    const call = async (query: string, variables: Record<string, unknown>) => {
      const result = await graphqlRequest<any>(stack.gatewayUrl, query, variables, testToken);
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const title = `Renewed reminder ${suffix}`;
    const { createTask } = await call(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: { title },
    });
    const remindAt = startedAt + 35_000;
    const { addReminder } = await eventually(
      async () =>
        call(`mutation($i: AddReminderInput!) { addReminder(input: $i) { id } }`, {
          i: { taskId: createTask.id, remindAt: new Date(remindAt).toISOString() },
        }).catch((error: Error) => {
          // Planning learns about the new task from its event: NOT_FOUND until then.
          if (error.message.includes('NOT_FOUND')) return undefined;
          throw error;
        }),
      { timeoutMs: 15_000, intervalMs: 200, what: 'a reminder on the new task' },
    );

    // A minute of work: a task every few seconds, each saved and shown.
    let n = 0;
    let reminderSeenAt: number | null = null;
    const notification = page.locator(`li.notification[data-reminder-id="${addReminder.id}"]`);
    while (Date.now() - startedAt < 60_000) {
      n += 1;
      const taskTitle = `Work item ${n} ${suffix}`;
      await page.getByPlaceholder('Add a task and press Enter').fill(taskTitle);
      await page.getByPlaceholder('Add a task and press Enter').press('Enter');
      await page.locator(`li.task[data-title="${taskTitle}"]`).waitFor();
      if (reminderSeenAt === null && (await notification.count()) > 0) reminderSeenAt = Date.now();
      await page.waitForTimeout(3_000);
    }
    await page.screenshot({ path: path.join(artifacts, 'after-a-minute.png'), fullPage: true });

    // Still signed in, never shown sign-in or an interrupted subscription.
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { seenInterruptions: string[] }).seenInterruptions)).toEqual(
      [],
    );
    // The token was renewed all along (a minute of 5-second tokens).
    expect(tokens.count()).toBeGreaterThanOrEqual(10);
    expect(tokens.latest()).not.toBe(firstToken);
    // The reminder arrived on the open page, a few renewals after the page subscribed.
    await notification.waitFor().catch((error: Error) => {
      throw new Error(
        `${error.message}\nremindAt +${((remindAt - loadedAt) / 1000).toFixed(1)}s; websocket log:\n${socketLog.join('\n')}`,
      );
    });
    reminderSeenAt ??= Date.now();
    expect(reminderSeenAt).toBeGreaterThanOrEqual(remindAt - 1_000);
    await expect(notification.getAttribute('data-acknowledged')).resolves.toBe('true');

    // No token where page scripts can read it.
    const readable = await scriptReadableStorage();
    expect(readable).toBe(JSON.stringify({ localStorage: [], sessionStorage: [], cookie: '' }));
    expect(readable).not.toContain(tokens.latest());
    expect(pageErrors).toEqual([]);
  });

  it('a reload stays signed in through the HttpOnly refresh cookie', async () => {
    const cookies = await page.context().cookies();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((c) => c.httpOnly)).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.locator('li.task').first().waitFor();
    expect(await scriptReadableStorage()).toBe(JSON.stringify({ localStorage: [], sessionStorage: [], cookie: '' }));
  });
});
