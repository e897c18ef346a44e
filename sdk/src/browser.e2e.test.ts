import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support.js';
import { bundleSdkForBrowser, launchChromium } from './testing/browser.js';
import { reminderNotification, startFakeApi, type FakeApi } from './testing/fake-api.js';

// The SDK in a browser: bundled for the browser by vite (as an app would), loaded in headless
// Chromium, calling the fake API over fetch and the browser's own WebSocket. Proves the
// browser path needs no Node module (`ws` is only imported where WebSocket is missing).
let api: FakeApi;
let browser: Browser;
let bundle: string;

const page = `<!doctype html><html><head><meta charset="utf-8"><title>sdk</title></head><body>
<script type="module">
  import { createTaskwireClient, TaskwireError } from '/sdk.js';
  window.runSdk = async () => {
    const url = location.origin + '/graphql';
    const client = createTaskwireClient({ url, token: 'good' });
    const tags = await client.tags();
    let anonymous;
    try {
      await createTaskwireClient({ url }).tags();
    } catch (error) {
      anonymous = { isTaskwireError: error instanceof TaskwireError, code: error.code, path: error.path };
    }
    const event = await new Promise((resolve, reject) => {
      const stop = client.subscribeReminders((e) => { stop(); resolve(e); }, { onError: reject });
    });
    await client.dispose();
    return { tags, anonymous, title: event.task.title, hasGlobalWebSocket: typeof WebSocket === 'function' };
  };
  window.sdkReady = true;
</script></body></html>`;

beforeAll(async () => {
  bundle = await bundleSdkForBrowser();
  api = await startFakeApi({
    '/': { type: 'text/html', body: page },
    '/sdk.js': { type: 'text/javascript', body: bundle },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('@taskwire/sdk in a browser', () => {
  it('bundles without Node modules', () => {
    // No import statement of a Node built-in or of `ws` (an error message of graphql-ws
    // mentions `import WebSocket from 'ws'`, hence anchored at the start of a line).
    expect(bundle).not.toMatch(/^\s*(import|export)\s[^;]*from\s*["'](node:[^"']*|ws)["']/m);
    expect(bundle).not.toMatch(/(require|import)\(\s*["'](node:[^"']*|ws)["']\s*\)/);
    expect(bundle).toContain('createTaskwireClient');
  });

  it('queries over fetch, surfaces TaskwireError and receives a subscription event over the native WebSocket', async () => {
    const tab = await browser.newPage();
    const pageErrors: string[] = [];
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    await tab.goto(api.origin + '/');
    await tab.waitForFunction(() => (globalThis as unknown as { sdkReady?: boolean }).sdkReady === true, undefined, {
      timeout: 10_000,
    });

    const run = tab.evaluate(() => (globalThis as unknown as { runSdk: () => Promise<unknown> }).runSdk());
    await eventually(() => (api.reminders.count === 1 ? true : undefined), {
      what: 'the browser to subscribe',
      timeoutMs: 15_000,
    });
    api.reminders.publish(reminderNotification(7));

    expect(await run).toEqual({
      tags: [{ id: 'tag-1', name: 'work', color: '#336699' }],
      anonymous: { isTaskwireError: true, code: 'UNAUTHENTICATED', path: ['tags'] },
      title: 'Task 7',
      hasGlobalWebSocket: true,
    });
    expect(api.connections.at(-1)).toBe('Bearer good');
    expect(pageErrors).toEqual([]);
    await tab.close();
  });
});
