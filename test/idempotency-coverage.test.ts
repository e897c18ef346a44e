/**
 * Every mutation of the composed API honours an Idempotency-Key (issue 16, item 6): the
 * Mutation fields of `schema/api.graphql` are exactly the mutations the subgraphs declare an
 * idempotency mode for (platform/src/idempotency.ts), and each subgraph's server refuses to
 * start when its declaration and its Mutation resolvers differ. Only the accounts mutations whose
 * answers carry secrets or that are safe to repeat by their own rules are `natural`
 * (subgraphs/accounts/src/idempotency.ts says why); every other mutation is `recorded`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accountsMutationIdempotency } from '@taskwire/accounts/server';
import { planningMutationIdempotency } from '@taskwire/planning/server';
import { tasksMutationIdempotency } from '@taskwire/tasks/server';
import { idempotentMutations } from '@taskwire/platform/idempotency';

const root = path.resolve(import.meta.dirname, '..');

describe('idempotent mutations: coverage', () => {
  it('every Mutation field of the composed schema has a declared mode', () => {
    const api = buildSchema(readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'));
    const composed = Object.keys(api.getMutationType()?.getFields() ?? {}).sort();
    const declared = {
      ...accountsMutationIdempotency,
      ...tasksMutationIdempotency,
      ...planningMutationIdempotency,
    };
    expect(composed.length).toBeGreaterThan(10);
    expect(Object.keys(declared).sort()).toEqual(composed);
    const natural = Object.entries(declared)
      .filter(([, mode]) => mode !== 'recorded')
      .map(([name]) => name)
      .sort();
    expect(natural).toEqual(
      [
        'signIn',
        'refreshSession',
        'revokeSession',
        'signOut',
        'signOutEverywhere',
        'changePassword',
        'requestPasswordReset',
        'resetPassword',
        'changeEmail',
        'verifyEmail',
        'deleteAccount',
      ].sort(),
    );
  });

  it('a subgraph whose declaration misses one of its mutations does not start', () => {
    const resolvers = { Mutation: { createTask: () => null, deleteTask: () => null } };
    expect(() => idempotentMutations(resolvers, { createTask: 'recorded' }, { error: () => {} })).toThrow(
      /missing deleteTask/,
    );
    expect(() =>
      idempotentMutations(
        resolvers,
        { createTask: 'recorded', deleteTask: 'recorded', x: 'natural' },
        { error: () => {} },
      ),
    ).toThrow(/unknown x/);
  });
});
