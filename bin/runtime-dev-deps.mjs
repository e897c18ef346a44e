#!/usr/bin/env node
// Services run TypeScript through tsx (no compile step), and tsx is a root devDependency.
// `npm prune --omit=dev` would drop it, so the image build saves tsx and its runtime
// dependency closure (esbuild and its platform binary) before pruning and restores them after.
//   node bin/runtime-dev-deps.mjs save <dir>     copy the closure out of node_modules
//   node bin/runtime-dev-deps.mjs restore <dir>  copy it back (without overwriting kept packages)
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEEP = ['tsx'];
const [mode, dir] = process.argv.slice(2);
if (!['save', 'restore'].includes(mode) || !dir) {
  console.error('usage: runtime-dev-deps.mjs save|restore <dir>');
  process.exit(2);
}

function closure(roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    const pkgJson = join('node_modules', name, 'package.json');
    if (!existsSync(pkgJson)) continue; // an optional dependency for another platform
    seen.add(name);
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
    stack.push(...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }));
  }
  return [...seen].sort();
}

if (mode === 'save') {
  const names = closure(KEEP);
  for (const name of names)
    cpSync(join('node_modules', name), join(dir, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
  if (existsSync('node_modules/.bin')) {
    for (const bin of readdirSync('node_modules/.bin')) {
      if (['tsx', 'esbuild'].includes(bin))
        cpSync(join('node_modules/.bin', bin), join(dir, 'bin', bin), { verbatimSymlinks: true });
    }
  }
  writeFileSync(join(dir, 'names.json'), JSON.stringify(names));
  console.log(`[runtime-dev-deps] saved ${names.join(', ')}`);
} else {
  const names = JSON.parse(readFileSync(join(dir, 'names.json'), 'utf8'));
  for (const name of names) {
    if (existsSync(join('node_modules', name))) continue;
    cpSync(join(dir, 'node_modules', name), join('node_modules', name), { recursive: true, verbatimSymlinks: true });
  }
  // File by file: Node 22's native cpSync refuses to merge into an existing directory.
  if (existsSync(join(dir, 'bin'))) {
    mkdirSync('node_modules/.bin', { recursive: true });
    for (const bin of readdirSync(join(dir, 'bin'))) {
      const target = join('node_modules/.bin', bin);
      if (!existsSync(target)) cpSync(join(dir, 'bin', bin), target, { verbatimSymlinks: true });
    }
  }
  console.log(`[runtime-dev-deps] restored ${names.join(', ')}`);
}
