import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/chromium.js';
import { createTestDatabase, graphqlRequest, testGatewaySecret, testKeys, uniqueSuffix } from '../../test/support.js';
import { parseConfig } from '@taskwire/platform/config';
import { accountsConfigSchema, startAccountsService, type AccountsService } from '@taskwire/accounts/server';
import { gatewayConfigSchema } from './env.js';
import { defaultPlaygroundDist, ensurePlaygroundBuilt } from './playground-build.js';
import { startGateway, type GatewayService } from './service.js';

const nowhere = 'http://127.0.0.1:9/graphql';

let accounts: AccountsService;
let gateway: GatewayService;
let browser: Browser;

beforeAll(async () => {
  // The same build as `npm run build -w gateway`; skipped when the bundle exists.
  await ensurePlaygroundBuilt(defaultPlaygroundDist);
  const { pem } = await testKeys();
  accounts = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      DATABASE_URL: await createTestDatabase('playground'),
      // No Kafka here: accounts' consumer of project-events stays off.
      PROJECT_EVENTS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
    }),
  );
  gateway = await startGateway(
    parseConfig(gatewayConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      LOG_LEVEL: 'silent',
      ACCOUNTS_URL: accounts.url,
      TASKS_URL: nowhere,
      PLANNING_URL: nowhere,
      AUDIT_URL: nowhere,
      JWKS_URL: accounts.jwksUrl,
      WEB_DIST_DIR: path.join(os.tmpdir(), `no-web-${uniqueSuffix()}`),
    }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await accounts?.stop();
});

describe('GraphiQL playground', () => {
  it('loads from the local bundle with no outside request and runs { me { id } } with a token from the header editor', async () => {
    const signUp = await graphqlRequest(
      gateway.url,
      `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
      {
        input: { email: `play-${uniqueSuffix()}@example.com`, password: 'Playground-Pass-1', name: 'Player' },
      },
    );
    const { token, user } = signUp.data.signUp as { token: string; user: { id: string } };

    const origin = new URL(gateway.url).origin;
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (ws) => requested.push(ws.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));

    // Anything the content security policy blocks is reported on the console.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${origin}/playground`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // The playground works under the gateway's content security policy (security-headers.ts).
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // The schema arrives by introspection through the gateway (docs explorer needs it).
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });

    // Query: replace the default with { me { id } } (Monaco closes brackets; typing over them is fine).
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ me { id } }');

    // Headers tab: the token.
    await page
      .getByRole('button', { name: /headers/i })
      .first()
      .click();
    const headersEditor = page.locator('.graphiql-editor-tool .monaco-editor').last();
    await headersEditor.waitFor({ timeout: 10_000 });
    await headersEditor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(`{"Authorization": "Bearer ${token}`);

    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(async () => (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' '), {
        timeout: 30_000,
      })
      .toContain(user.id);
    const responseText = await page.locator('.graphiql-response').innerText();
    expect(responseText).not.toContain('UNAUTHENTICATED');

    const outside = requested.filter(
      (url) => !url.startsWith(origin) && !url.startsWith('ws://127.0.0.1:') && !/^(data|blob):/.test(url),
    );
    expect(outside).toEqual([]);
    expect(requested.some((url) => url.startsWith(`${origin}/playground/assets/`))).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });
});
