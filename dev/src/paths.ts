import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root (the folder holding the root package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Local state of `npm start` (git-ignored). */
export const stateDir = path.join(repoRoot, '.taskwire');
