// Prints the gzipped size of the JavaScript a first visit loads (the entry chunk and every chunk
// it imports statically, transitively; lazy chunks excluded) and fails over the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetKb = 200;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length === 0) throw new Error('report-size: no entry chunk in dist/.vite/manifest.json');
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
for (const [key] of entries) visit(key);

let totalBytes = 0;
const rows = [];
for (const key of seen) {
  const file = manifest[key].file;
  if (!file.endsWith('.js')) continue;
  const gz = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
  totalBytes += gz;
  rows.push(`  ${file}: ${(gz / 1024).toFixed(1)} KB`);
}
const kb = totalBytes / 1024;
console.log(rows.join('\n'));
console.log(`initial JS: ${kb.toFixed(1)} KB gzipped (budget ${budgetKb} KB)`);
if (kb > budgetKb) {
  console.error(`initial JS is over the ${budgetKb} KB budget`);
  process.exit(1);
}
