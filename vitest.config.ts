import { defineConfig } from 'vitest/config';

// Three tiers by file suffix (CONVENTIONS.md): pure, integration (real PostgreSQL + Kafka)
// and end-to-end (whole stack, browser). The integration and e2e tiers share one
// PostgreSQL and one Kafka broker started once per run by test/global-setup.ts.
const shared = ['**/node_modules/**', '**/dist/**', '.taskwire/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...shared, '**/*.int.test.ts', '**/*.e2e.test.ts'],
          environment: 'node',
        },
      },
      {
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
    ],
  },
});
