import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build for both `import` and `require` (graphql 16
// has no "exports" map), but Vite prefers the "module" field (index.mjs): two copies of
// graphql in one process break `instanceof` checks inside Apollo. Pin tests to what Node runs.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');
// Inside the monorepo the SDK is its sources (its "@taskwire/source" export condition, which
// tsconfig.base.json names for tsc); its dist/ exists only in a packed SDK.
const sdkSources = new URL('./sdk/src/index.ts', import.meta.url).pathname;

// Three tiers by file suffix (docs/conventions.md): pure, integration (real PostgreSQL + Kafka)
// and end-to-end (whole stack, browser), plus the fault matrix (`*.fault.test.ts`). The integration and e2e tiers share one
// PostgreSQL and one Kafka broker started once per run by test/global-setup.ts.
const shared = ['**/node_modules/**', '**/dist/**', '.taskwire/**', 'scratch/**'];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: graphqlCjs },
      { find: /^@taskwire\/sdk$/, replacement: sdkSources },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...shared, '**/*.int.test.ts', '**/*.e2e.test.ts', '**/*.fault.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: shared,
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude: shared,
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        // The fault matrix (docs/reliability.md): its own PostgreSQL, Kafka and service
        // processes (it kills them), so no global setup. Bounded for CI by FAULT_LOAD_SECONDS.
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.fault.test.ts'],
          exclude: shared,
          testTimeout: 600_000,
          // Starting PostgreSQL, Kafka and ten service processes on a loaded 2-core machine.
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
