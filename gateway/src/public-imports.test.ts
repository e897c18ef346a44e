import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const gatewayRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every TypeScript and JavaScript source file of the gateway, built output and dependencies left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers of import/export-from, dynamic import() and require() calls. */
function specifiers(source: string): string[] {
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  return [...source.matchAll(pattern)].map((m) => m[1]!);
}

/** A package's built internals: `pkg/dist/…`, `@scope/pkg/dist/…` (its public face is its root or its "exports"). */
function isPrivatePackagePath(specifier: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return false;
  const parts = specifier.split('/');
  const rest = specifier.startsWith('@') ? parts.slice(2) : parts.slice(1);
  return rest[0] === 'dist';
}

describe('the gateway uses its dependencies only through their public entry points', () => {
  it('recognises private paths', () => {
    expect(isPrivatePackagePath('@apollo/gateway/dist/operationContext.js')).toBe(true);
    expect(isPrivatePackagePath('@apollo/subgraph/dist/schema-helper/resolverMap.js')).toBe(true);
    expect(isPrivatePackagePath('graphql-ws/dist/server.js')).toBe(true);
    expect(isPrivatePackagePath('@apollo/gateway')).toBe(false);
    expect(isPrivatePackagePath('graphql-ws/use/ws')).toBe(false);
    expect(isPrivatePackagePath('@taskwire/platform/auth')).toBe(false);
    expect(isPrivatePackagePath('../dist/x.js')).toBe(false);
    expect(
      specifiers(`import type { A } from '@apollo/gateway/dist/a.js';\nconst b = await import("x/dist/b");`),
    ).toEqual(['@apollo/gateway/dist/a.js', 'x/dist/b']);
  });

  it('imports no dist/ path of a dependency', () => {
    // This file names private paths as examples: it is the one file left out.
    const files = sourceFiles(gatewayRoot).filter((file) => file !== fileURLToPath(import.meta.url));
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter(isPrivatePackagePath)
        .map((s) => `${path.relative(gatewayRoot, file)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
