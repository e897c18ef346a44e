import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createOperationChecker, createPerUserCap } from './limits.js';
import { createSubscriptionPlanner } from './planner.js';

const supergraphSdl = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/supergraph.graphql'),
  'utf8',
);

describe('createPerUserCap', () => {
  it('refuses the slot after the maximum with TOO_MANY_REQUESTS, per user, and frees released slots', () => {
    const cap = createPerUserCap(2);
    expect(cap.reserve('u1')).toBeNull();
    expect(cap.reserve('u1')).toBeNull();
    const refused = cap.reserve('u1');
    expect(refused).toBeInstanceOf(GraphQLError);
    expect(refused?.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(refused?.message).toContain('at most 2 per user');
    expect(cap.reserve('u2')).toBeNull();
    cap.release('u1');
    expect(cap.held('u1')).toBe(1);
    expect(cap.reserve('u1')).toBeNull();
  });

  it('never counts below zero', () => {
    const cap = createPerUserCap(1);
    cap.release('u1');
    expect(cap.held('u1')).toBe(0);
    expect(cap.reserve('u1')).toBeNull();
    expect(cap.reserve('u1')).not.toBeNull();
  });
});

describe('createOperationChecker', () => {
  const schema = createSubscriptionPlanner(supergraphSdl).apiSchema.toGraphQLJSSchema();
  const checker = createOperationChecker({
    schema,
    limits: {
      maxTokens: 200,
      maxDepth: 4,
      maxAliases: 3,
      maxRootFields: 3,
      maxFragments: 3,
      maxDirectives: 3,
      maxCost: 150,
    },
  });
  const codes = (result: ReturnType<typeof checker.check>) =>
    Array.isArray(result) ? result.map((e) => e.extensions.code) : 'ok';

  it('accepts a valid subscription and names its operation', () => {
    const result = checker.check({ query: 'subscription Due { reminderDue { id task { title } } }' });
    if (Array.isArray(result)) throw new Error(result.map((e) => e.message).join('; '));
    expect(result.operation.operation).toBe('subscription');
    expect(result.operation.name?.value).toBe('Due');
  });

  it('gives each kind of mistake the code the HTTP endpoint gives it', () => {
    expect(codes(checker.check({ query: 'subscription {' }))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(checker.check({ query: 'subscription { reminderDue { nope } }' }))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(
      codes(checker.check({ query: 'subscription { reminderDue { task { history { edges { node { id } } } } } }' })),
    ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(checker.check({ query: 'query A { tags { id } } query B { tags { id } }' }))).toEqual([
      'OPERATION_RESOLUTION_FAILURE',
    ]);
    expect(codes(checker.check({ query: 'query { tasks(first: 100) { edges { node { id title } } } }' }))).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
    expect(codes(checker.check({ query: '{ me { a: id b: id c: id d: id } }' }))).toEqual(['MAX_ALIASES_LIMIT']);
    expect(
      codes(checker.check({ query: '{ me { id } tags { id } task(id: "1") { id } tasks(first: 1) { totalCount } }' })),
    ).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    expect(codes(checker.check({ query: `{ me { id ${'id '.repeat(200)} } }` }))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(
      codes(
        checker.check({
          query: 'query($f: TaskFilter) { tasks(first: 1, filter: $f) { totalCount } }',
          variables: { f: { status: 'MAYBE' } },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codes(checker.check({ query: 'query A { me { id } }', operationName: 'B' }))).toEqual([
      'OPERATION_RESOLUTION_FAILURE',
    ]);
  });

  it('keeps one parsed document per text', () => {
    const query = 'subscription { reminderDue { id } }';
    const a = checker.check({ query });
    const b = checker.check({ query });
    if (Array.isArray(a) || Array.isArray(b)) throw new Error('refused');
    expect(b.document).toBe(a.document);
  });
});
