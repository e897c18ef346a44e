import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, type Rolldown } from 'vite';

/** Headless Chromium for the SDK's browser tests (CHROMIUM_PATH, default /usr/bin/chromium). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'index.ts');

/** The SDK bundled for the browser by vite, as an app would: one ES module (`sdk.js`). */
export async function bundleSdkForBrowser(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'sdk.js' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  const main = chunks.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  if (!main || main.type !== 'chunk') throw new Error('vite produced no entry chunk');
  if (chunks.filter((chunk) => chunk.type === 'chunk').length !== 1) throw new Error('expected a single chunk');
  return main.code;
}

/** Launches headless Chromium; throws with how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
