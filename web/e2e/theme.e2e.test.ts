/**
 * The colour theme and the icons in Chromium against the whole stack (test/stack.ts, the gateway
 * serving web/dist as `npm start` does, TRUSTED_DOCUMENTS=enforce): the icons answer with image
 * types; the page follows the browser's colour scheme (System) until the user picks Light or
 * Dark in the header, and a picked theme survives a reload without a flash of the other one
 * (public/theme-init.js sets data-theme before the first paint, under the gateway's CSP, which
 * allows no inline script). Screenshots go to test-artifacts/web/theme-*.png.
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
const email = `theme-${suffix}@example.com`;
const password = 'Theme-pass-42';

/** styles.css `--bg` of each palette, as getComputedStyle reports it. */
const lightBackground = 'rgb(249, 250, 251)';
const darkBackground = 'rgb(17, 24, 39)';

let stack: Stack;
let browser: Browser;
let origin: string;
/** Pages opened by the tests, for the failure screenshot. */
let current: Page | undefined;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
/** Console errors (a content security policy violation shows here) and failed non-API requests. */
const consoleErrors: string[] = [];
const failedRequests: string[] = [];

async function newPage(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({
    timezoneId: timeZone,
    locale: 'en-GB',
    colorScheme,
    viewport: { width: 1024, height: 720 },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/graphql')
      failedRequests.push(`${response.status()} ${response.url()}`);
  });
  current = page;
  return page;
}

const backgroundOf = (page: Page, selector: 'body' | 'html') =>
  page.locator(selector).evaluate((element) => getComputedStyle(element).backgroundColor);
const colorSchemeOf = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
const dataTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme ?? null);
const storedTheme = (page: Page) => page.evaluate(() => localStorage.getItem('taskwire.theme'));
const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(artifacts, { recursive: true });
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  origin = new URL(stack.gatewayUrl).origin;
  browser = await launchChromium();
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !current) return;
  await current
    .screenshot({
      path: path.join(artifacts, `theme-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
      fullPage: true,
    })
    .catch(() => undefined);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('icons', () => {
  it('/favicon.ico and the other icons answer 200 with an image type, and the page links them', async () => {
    for (const [file, type] of [
      ['/favicon.ico', 'image/x-icon'],
      ['/favicon.svg', 'image/svg+xml'],
      ['/apple-touch-icon.png', 'image/png'],
      ['/theme-init.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      const response = await fetch(`${origin}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(type);
      expect((await response.arrayBuffer()).byteLength, file).toBeGreaterThan(0);
    }
    // An ICO container (reserved 0, type 1) with the 16 and 32 px images.
    const ico = Buffer.from(await (await fetch(`${origin}/favicon.ico`)).arrayBuffer());
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect([ico[6], ico[22]]).toEqual([16, 32]);

    const page = await newPage('light');
    await page.goto(origin);
    const links = await page
      .locator('link[rel~="icon"], link[rel="apple-touch-icon"]')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLLinkElement).href));
    expect(links.map((href) => new URL(href).pathname).sort()).toEqual([
      '/apple-touch-icon.png',
      '/favicon.ico',
      '/favicon.svg',
    ]);
    for (const href of links) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type'], href).toMatch(/^image\//);
    }
  });
});

describe('theme', () => {
  let page: Page;
  let tokens: AccessTokens;

  it("follows the browser's colour scheme before anything is chosen (signed out)", async () => {
    const dark = await newPage('dark');
    await dark.goto(origin);
    await dark.getByRole('button', { name: 'Create an account' }).waitFor();
    expect(await dataTheme(dark)).toBe('system');
    expect(await backgroundOf(dark, 'body')).toBe(darkBackground);
    // Native controls (inputs, selects, scrollbars) follow too.
    expect(await colorSchemeOf(dark)).toBe('dark');
    await dark.screenshot({ path: path.join(artifacts, 'theme-system-dark-signin.png') });
    // The system turns light while the page is open: System follows at once.
    await dark.emulateMedia({ colorScheme: 'light' });
    await eventually(async () => ((await backgroundOf(dark, 'body')) === lightBackground ? true : undefined), {
      what: 'the light background after the system turned light',
    });
    expect(await colorSchemeOf(dark)).toBe('light');

    const light = await newPage('light');
    await light.goto(origin);
    await light.getByRole('button', { name: 'Create an account' }).waitFor();
    expect(await dataTheme(light)).toBe('system');
    expect(await backgroundOf(light, 'body')).toBe(lightBackground);
    expect(await colorSchemeOf(light)).toBe('light');
  });

  it('signs up (System, light browser: light page) with the theme picker in the header', async () => {
    page = await newPage('light');
    tokens = watchAccessTokens(page);
    await page.goto(origin);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(`Theo ${suffix}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await eventually(() => (tokens.count() > 0 ? true : undefined), { timeoutMs: 5_000, what: 'the access token' });

    // A few tasks, so the screenshots show rows, badges and an overdue mark in each theme.
    const create = `mutation Create($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
    for (const input of [
      { title: `Pay rent ${suffix}`, priority: 'URGENT', dueAt: new Date(Date.now() - 86_400_000).toISOString() },
      { title: `Buy milk ${suffix}`, priority: 'HIGH', description: 'Oat, two litres' },
      { title: `Water plants ${suffix}`, priority: 'LOW', dueDate: '2031-05-04' },
    ]) {
      const result = await graphqlRequest(stack.openGatewayUrl, create, { input }, tokens.latest());
      expect(result.errors).toBeUndefined();
    }
    await page.reload();
    await page.locator(`li.task[data-title="Water plants ${suffix}"]`).waitFor();

    const header = page.locator('header.app-header');
    await expect(header.getByRole('combobox', { name: 'Theme' }).inputValue()).resolves.toBe('system');
    expect(await themeSelect(page).locator('option').allTextContents()).toEqual(['System', 'Light', 'Dark']);
    expect(await dataTheme(page)).toBe('system');
    expect(await backgroundOf(page, 'body')).toBe(lightBackground);
    expect(await storedTheme(page)).toBeNull();
    await page.screenshot({ path: path.join(artifacts, 'theme-light.png'), fullPage: true });
  });

  it('switches to Dark from the header and keeps it', async () => {
    await themeSelect(page).selectOption({ label: 'Dark' });
    expect(await dataTheme(page)).toBe('dark');
    expect(await storedTheme(page)).toBe('dark');
    expect(await backgroundOf(page, 'body')).toBe(darkBackground);
    expect(await colorSchemeOf(page)).toBe('dark');
    // Text is light on the dark background (styles.css --text).
    expect(await page.locator('body').evaluate((body) => getComputedStyle(body).color)).toBe('rgb(243, 244, 246)');
  });

  it('is still Dark after a reload, from before the first paint (no flash of light)', async () => {
    // Recorded by the page itself: at DOMContentLoaded, and at the first frame (rendering waits
    // for the stylesheet, so that frame is what the first paint shows).
    await page.addInitScript(() => {
      const seen: Record<string, string | null> = {};
      (window as unknown as { themeSeen: typeof seen }).themeSeen = seen;
      document.addEventListener('DOMContentLoaded', () => {
        seen.atDomContentLoaded = document.documentElement.getAttribute('data-theme');
      });
      requestAnimationFrame(() => {
        seen.atFirstFrame = document.documentElement.getAttribute('data-theme');
        seen.backgroundAtFirstFrame = getComputedStyle(document.documentElement).backgroundColor;
      });
    });
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.locator(`li.task[data-title="Water plants ${suffix}"]`).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { themeSeen: Record<string, string> }).themeSeen);
    expect(seen).toEqual({
      atDomContentLoaded: 'dark',
      atFirstFrame: 'dark',
      backgroundAtFirstFrame: darkBackground,
    });
    await expect(themeSelect(page).inputValue()).resolves.toBe('dark');
    expect(await backgroundOf(page, 'body')).toBe(darkBackground);
    await page.screenshot({ path: path.join(artifacts, 'theme-dark.png'), fullPage: true });
  });

  it('Light wins over a dark system, and System hands back to it', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await themeSelect(page).selectOption({ label: 'Light' });
    expect(await storedTheme(page)).toBe('light');
    expect(await backgroundOf(page, 'body')).toBe(lightBackground);
    expect(await colorSchemeOf(page)).toBe('light');
    await themeSelect(page).selectOption({ label: 'System' });
    expect(await storedTheme(page)).toBeNull();
    expect(await dataTheme(page)).toBe('system');
    expect(await backgroundOf(page, 'body')).toBe(darkBackground);
  });

  it('loaded every file and broke no content security policy', () => {
    expect(failedRequests).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
