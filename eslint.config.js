// @ts-check
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Files that hold JavaScript or TypeScript. */
const codeFiles = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/**
 * The schema reads like a reference: every type, field, argument, input field, enum value,
 * directive and root field (a field of Query, Mutation or Subscription) has a description, and
 * names follow one convention. Applies to the subgraph SDL in schema/ (supergraph.graphql and
 * api.graphql are generated from it and ignored above); test/lint/schema.test.ts proves that each
 * rule fails on a fixture.
 */
const schemaRules = {
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
      DirectiveDefinition: true,
    },
  ],
  '@graphql-eslint/require-deprecation-reason': 'error',
  '@graphql-eslint/naming-convention': [
    'error',
    {
      types: 'PascalCase',
      FieldDefinition: 'camelCase',
      InputValueDefinition: 'camelCase',
      Argument: 'camelCase',
      DirectiveDefinition: 'camelCase',
      EnumValueDefinition: 'UPPER_CASE',
      'FieldDefinition[parent.name.value=Query]': { forbiddenPrefixes: ['query', 'get'], forbiddenSuffixes: ['Query'] },
      'FieldDefinition[parent.name.value=Mutation]': {
        forbiddenPrefixes: ['mutation'],
        forbiddenSuffixes: ['Mutation'],
      },
      'FieldDefinition[parent.name.value=Subscription]': {
        forbiddenPrefixes: ['subscription'],
        forbiddenSuffixes: ['Subscription'],
      },
      'EnumTypeDefinition,EnumTypeExtension': { forbiddenPrefixes: ['Enum'], forbiddenSuffixes: ['Enum'] },
      'InterfaceTypeDefinition,InterfaceTypeExtension': {
        forbiddenPrefixes: ['Interface'],
        forbiddenSuffixes: ['Interface'],
      },
      'ObjectTypeDefinition,ObjectTypeExtension': { forbiddenPrefixes: ['Type'], forbiddenSuffixes: ['Type'] },
    },
  ],
};

/** The subgraph packages, by folder name under subgraphs/ (accounts, tasks, ...). */
const subgraphs = readdirSync(new URL('subgraphs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * A subgraph's public face: its package root and every named (wildcard-free) subpath in its
 * package.json `exports`, as import specifiers. A `"./*"` export names no entry point: it
 * exposes every file, which is exactly what the boundary forbids.
 */
function entryPoints(name) {
  const manifest = JSON.parse(readFileSync(new URL(`subgraphs/${name}/package.json`, import.meta.url), 'utf8'));
  const subpaths = Object.keys(typeof manifest.exports === 'object' ? manifest.exports : {});
  return [
    manifest.name,
    ...subpaths.filter((key) => key !== '.' && !key.includes('*')).map((key) => `${manifest.name}/${key.slice(2)}`),
  ];
}

/** `@taskwire/x` and every subpath of it, as micromatch patterns over import specifiers. */
const packageSpecifiers = (names) => names.flatMap((name) => [`@taskwire/${name}`, `@taskwire/${name}/**`]);

/** Elements that run on a server; web/ may import none of them. */
const serverElements = ['platform', 'subgraph', 'consumers', 'gateway', 'dev'];

/** Folders that are workspace packages: another element reaches them by package name only. */
const packageElements = ['platform', 'recurrence', 'subgraph', 'consumers', 'gateway', 'dev', 'web', 'sdk'];

/**
 * Import specifiers are micromatch patterns here: a relative one is `./` or any number of `../`
 * and then a path (micromatch would read a plain `./**` as `**`, which matches every specifier).
 */
const relative = '?(.).*(/..)/**';
const distPath = ['**/dist', '**/dist/**', 'dist/**'];

/**
 * The architecture the linter enforces (each policy's message says the rule). The default is to
 * allow: each policy names dependencies that break a boundary, and the last policy that matches a
 * dependency decides, so a later policy re-allows a narrower case or gives a more precise message.
 */
const boundaryPolicies = [
  {
    disallow: { to: { element: { types: { anyOf: packageElements } } }, dependency: { source: relative } },
    message:
      "Another package is imported by its package name ('@taskwire/...'), never by a relative path into its files.",
  },
  {
    from: { element: { type: '!subgraph' } },
    disallow: [{ to: { element: { type: 'subgraph' } } }, { dependency: { source: packageSpecifiers(subgraphs) } }],
    message:
      "A subgraph is used only through its package entry points (its package.json `exports`, e.g. '@taskwire/tasks'), never one of its internal files.",
  },
  {
    from: { element: { type: '!subgraph' } },
    allow: { dependency: { source: subgraphs.flatMap(entryPoints) } },
  },
  ...subgraphs.map((name) => ({
    from: { element: { type: 'subgraph', captured: { name } } },
    disallow: [
      { to: { element: { type: 'subgraph' } } },
      { dependency: { source: packageSpecifiers(subgraphs.filter((other) => other !== name)) } },
    ],
    message: 'A subgraph never imports another subgraph: share through platform/ or an event instead.',
  })),
  {
    from: { element: { type: 'web' } },
    disallow: [
      { to: { element: { types: { anyOf: serverElements } } } },
      {
        dependency: {
          source: packageSpecifiers(['platform', 'consumers', 'gateway', 'dev', ...subgraphs]),
        },
      },
    ],
    message: 'web/ runs in the browser: it imports no server code (only @taskwire/recurrence and the SDK).',
  },
  {
    from: { element: { types: { anyOf: ['platform', 'recurrence'] } } },
    disallow: {
      to: { element: { types: { anyOf: ['subgraph', 'consumers', 'gateway', 'web', 'sdk', 'dev', 'bench'] } } },
    },
    message: 'platform/ is the base layer: it imports no service built on it.',
  },
  {
    from: { element: { type: 'sdk' } },
    disallow: { to: { element: { types: { anyOf: serverElements } } } },
    message: 'The SDK is a client library: it imports no server code.',
  },
  {
    disallow: { dependency: { source: distPath } },
    message: 'Import a package by its public entry points, never a file under its dist/ (its private build output).',
  },
];

export default defineConfig(
  // Generated, vendored and build output: the same list Prettier skips, kept in one file.
  includeIgnoreFile(fileURLToPath(new URL('.prettierignore', import.meta.url)), 'ignored by .prettierignore'),
  // Boundary fixtures break the rules on purpose; eslint-boundaries.test.ts lints them under the paths they pretend to have.
  globalIgnores(['test/fixtures/lint/**'], 'lint fixtures'),

  // JavaScript and TypeScript rules apply to code files only (the SDL has its own parser and rules below).
  {
    name: 'taskwire/code',
    files: codeFiles,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
  },
  {
    name: 'taskwire/typed',
    files: codeFiles,
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // Every TypeScript file belongs to one of these projects (`npm run typecheck` checks the same set).
        project: [
          './tsconfig.json',
          './web/tsconfig.json',
          './k8s/tsconfig.check.json',
          './sdk/type-tests/tsconfig.json',
        ],
        tsconfigRootDir: root,
      },
    },
    rules: {
      // Promise-returning interfaces (Apollo plugin hooks, kafkajs eachMessage, lazy service factories)
      // are implemented with `async` even where a hook has nothing to await; that is not a bug.
      '@typescript-eslint/require-await': 'off',
      // Component props and kafkajs payloads declare callbacks with method syntax; destructuring them is
      // safe (they do not use `this`), and no class here relies on a bound `this`.
      '@typescript-eslint/unbound-method': 'off',
      // A `let` that a closure reads before its one assignment (a service's late-bound parts) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A leading underscore marks a binding kept on purpose; `{ omitted: _, ...rest }` drops a property.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'taskwire/schema',
    files: ['schema/*.graphql'],
    languageOptions: { parser: graphqlPlugin.parser },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: schemaRules,
  },
  {
    name: 'taskwire/inbox-outbox',
    files: [
      'platform/src/inbox.ts',
      'platform/src/outbox.ts',
      'platform/src/idempotency.ts',
      'platform/src/idempotency.repository.ts',
      'platform/src/subgraph-server.ts',
    ],
    // The inbox, outbox and idempotency_keys tables live in each service's own schema, whose database type platform cannot name.
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-return': 'off' },
  },
  {
    name: 'taskwire/migrations',
    files: ['**/db/migrations/**', '**/db/migrations.ts', 'platform/src/migrations.ts'],
    // A migration must not depend on today's table types: Kysely documents `Kysely<any>` for migrations.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'taskwire/boundaries',
    files: codeFiles,
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/root-path': root,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      // Folders from the repository root; a file belongs to the deepest match (platform/recurrence is its own element).
      'boundaries/elements': [
        { type: 'recurrence', pattern: 'platform/recurrence', partialMatch: false },
        { type: 'platform', pattern: 'platform', partialMatch: false },
        { type: 'subgraph', pattern: 'subgraphs/*', partialMatch: false, capture: ['name'] },
        ...['consumers', 'gateway', 'web', 'sdk', 'dev', 'test', 'bench', 'schema', 'k8s'].map((type) => ({
          type,
          pattern: type,
          partialMatch: false,
        })),
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'allow', checkAllOrigins: true, policies: boundaryPolicies }],
    },
  },
  {
    name: 'taskwire/tests',
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**', '**/testing/**', '**/test-fixtures/**', 'bench/**'],
    rules: {
      // Tests and benchmarks read GraphQL responses and Kafka payloads as untyped JSON and assert their
      // shape with expect(); typing every body first would restate the schema the assertion checks.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    name: 'taskwire/untyped',
    // JavaScript has no types to check; invalid.must-fail.ts is outside every project on purpose (it must not compile).
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'sdk/type-tests/*.must-fail.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    name: 'taskwire/browser',
    files: ['web/src/**', 'web/public/**', 'gateway/playground/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'taskwire/react',
    files: ['web/src/**/*.tsx', 'gateway/playground/src/**'],
    extends: [reactHooks.configs.flat.recommended],
  },
);
