/**
 * CORS (issue 16, item 3), against the whole stack: the gateway runs with CORS_ORIGINS naming one
 * loopback origin. From a page on that origin, the SDK bundled for the browser runs in headless
 * Chromium and creates and reads a task; from a page on another origin the browser refuses the
 * same call after the gateway's preflight answer. The preflights are also checked as sent.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../test/stack.js';
import { freePort, tokenFor } from '../../test/support.js';
import { bundleSdkForBrowser, launchChromium } from './testing/browser.js';

const page = `<!doctype html><html><head><meta charset="utf-8"><title>sdk</title></head><body>
<script type="module">
  import { createTaskwireClient, TaskwireError } from '/sdk.js';
  window.runSdk = async ({ url, token, title }) => {
    const client = createTaskwireClient({ url, token });
    try {
      const created = await client.createTask({ title });
      const read = await client.task({ id: created.id });
      return { created: created.title, read: read && read.title };
    } catch (error) {
      return { isTaskwireError: error instanceof TaskwireError, code: error.code };
    } finally {
      await client.dispose();
    }
  };
  window.sdkReady = true;
</script></body></html>`;

/** A static server for the page and the bundle, on its own loopback port: its own origin. */
async function servePage(port: number, bundle: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const [type, body] = req.url === '/sdk.js' ? ['text/javascript', bundle] : ['text/html', page];
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

let stack: Stack;
let browser: Browser;
let listed: string;
let other: string;
const servers: http.Server[] = [];

beforeAll(async () => {
  const [listedPort, otherPort] = [await freePort(), await freePort()];
  listed = `http://127.0.0.1:${listedPort}`;
  other = `http://127.0.0.1:${otherPort}`;
  const bundle = await bundleSdkForBrowser();
  servers.push(await servePage(listedPort, bundle), await servePage(otherPort, bundle));
  stack = await startStack({ env: { CORS_ORIGINS: listed, CORS_PREFLIGHT_MAX_AGE_SECONDS: '600' } });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await stack?.stop();
});

const preflight = (origin: string) =>
  fetch(stack.gatewayUrl, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

/** Runs the SDK in a fresh tab on `origin` against the gateway. */
async function runSdkFrom(origin: string, title: string): Promise<unknown> {
  const tab = await browser.newPage();
  const pageErrors: string[] = [];
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => (globalThis as unknown as { sdkReady?: boolean }).sdkReady === true, undefined, {
      timeout: 10_000,
    });
    const token = await tokenFor(randomUUID());
    const result = await tab.evaluate(
      (args) => (globalThis as unknown as { runSdk: (a: unknown) => Promise<unknown> }).runSdk(args),
      { url: stack.gatewayUrl, token, title },
    );
    expect(pageErrors).toEqual([]);
    return result;
  } finally {
    await tab.close();
  }
}

describe('CORS at the gateway', () => {
  it('answers a preflight from the listed origin, with credentials and a max age, and none from another', async () => {
    const ok = await preflight(listed);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(listed);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-max-age')).toBe('600');
    expect(ok.headers.get('vary')).toMatch(/origin/i);

    const refused = await preflight(other);
    expect(refused.status).toBe(403);
    expect([...refused.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('lets the SDK in Chromium create and read a task from a page on the listed origin', async () => {
    const title = `cross-origin ${randomUUID().slice(0, 8)}`;
    expect(await runSdkFrom(listed, title)).toEqual({ created: title, read: title });
  });

  it('lets the browser refuse the same call from a page on another origin', async () => {
    expect(await runSdkFrom(other, 'never created')).toEqual({ isTaskwireError: true, code: 'NETWORK_ERROR' });
  });
});
