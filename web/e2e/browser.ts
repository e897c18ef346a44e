/**
 * What the web app's Chromium tests share: the built app (web/dist, rebuilt when older than its
 * sources: src/, public/ and index.html) and a headless Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export { launchChromium } from '../../test/chromium.js';

/** Newest modification time under a folder (the web app's sources). */
function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing (CI) or older than the sources (a local run after an edit). */
export function ensureWebBuilt(): void {
  const builtIndex = path.join(repoRoot, 'web/dist/index.html');
  const newestSource = Math.max(
    newestMtimeMs(path.join(repoRoot, 'web/src')),
    newestMtimeMs(path.join(repoRoot, 'web/public')),
    statSync(path.join(repoRoot, 'web/index.html')).mtimeMs,
  );
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSource) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`npm run build -w web failed:\n${build.stdout}\n${build.stderr}`);
}
