import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

export { launchChromium } from '../../../test/chromium.js';

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
