import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const gatewayRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Default output of `npm run build -w gateway`. */
export const defaultPlaygroundDist = path.join(gatewayRoot, 'playground/dist');

/**
 * Bundles GraphiQL (vite) into `gateway/playground/dist` unless `distDir/index.html` exists.
 * Same as `npm run build -w gateway`; nothing is fetched from the network.
 * @throws Error with vite's output when the build fails.
 */
export async function ensurePlaygroundBuilt(distDir = defaultPlaygroundDist, { force = false } = {}): Promise<void> {
  if (!force && existsSync(path.join(distDir, 'index.html'))) return;
  const vite = path.join(gatewayRoot, '..', 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        'playground/vite.config.mjs',
        '--outDir',
        distDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: gatewayRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`playground build exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}
