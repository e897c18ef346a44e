import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, validate, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createTaskwireClient, operationNames, operations, type OperationInfo } from './index.js';

// Every operation of the contract is reachable through the SDK: the root fields are read
// from the client API schema (schema/api.graphql, composed from the subgraph SDLs) and each
// must have exactly one SDK operation of the same name selecting it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = buildSchema(readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'));

const rootTypes: [OperationInfo['kind'], GraphQLObjectType | null | undefined][] = [
  ['query', schema.getQueryType()],
  ['mutation', schema.getMutationType()],
  ['subscription', schema.getSubscriptionType()],
];
const rootFields = rootTypes.flatMap(([kind, type]) =>
  Object.keys(type?.getFields() ?? {}).map((field) => ({ kind, field })),
);

// The root fields docs/api.md names (the public contract), written out by hand so that a field
// dropped from the schema cannot silently drop its SDK function.
const apiMdRootFields = {
  query: ['me', 'sessions', 'task', 'tasks', 'tags', 'auditLog'],
  mutation: [
    'signUp',
    'signIn',
    'updateProfile',
    'refreshSession',
    'revokeSession',
    'signOut',
    'signOutEverywhere',
    'changePassword',
    'requestPasswordReset',
    'resetPassword',
    'changeEmail',
    'verifyEmail',
    'createTask',
    'updateTask',
    'completeTask',
    'reopenTask',
    'deleteTask',
    'createTag',
    'deleteTag',
    'setTaskTags',
    'addReminder',
    'snoozeReminder',
    'dismissReminder',
    'acknowledgeReminder',
  ],
  subscription: ['reminderDue', 'projectChanges'],
} as const;

// SDK operations beyond one-per-root-field, each with the reason it exists.
const extraOperations: Record<string, string> = {
  taskHistory: 'Task.history (docs/api.md, contributed by audit), paged on its own',
};

describe('SDK contract coverage', () => {
  it('reads a non-trivial contract from schema/api.graphql', () => {
    expect(rootFields.length).toBeGreaterThanOrEqual(21);
  });

  it.each(rootFields)('$kind.$field has exactly one SDK operation named after it', ({ kind, field }) => {
    const info = (operations as Record<string, OperationInfo>)[field];
    expect(info, `no SDK operation named ${field}`).toBeDefined();
    expect(info?.kind).toBe(kind);
    expect(info?.rootField).toBe(field);
  });

  it('covers every root field docs/api.md names, under the same kind', () => {
    for (const [kind, fields] of Object.entries(apiMdRootFields)) {
      for (const field of fields) {
        expect(rootFields, `schema/api.graphql lacks ${kind}.${field}`).toContainEqual({ kind, field });
        expect((operations as Record<string, OperationInfo>)[field]?.kind, `SDK lacks ${field}`).toBe(kind);
      }
    }
  });

  it('has no operations besides one per root field and the documented extras', () => {
    const expected = [...rootFields.map((f) => f.field), ...Object.keys(extraOperations)].sort();
    expect([...operationNames].sort()).toEqual(expected);
  });

  it('each operation selects exactly one root field and validates against the client API', () => {
    for (const info of Object.values(operations) as OperationInfo[]) {
      expect(
        validate(schema, info.document).map((e) => e.message),
        info.name,
      ).toEqual([]);
      expect(info.document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)).toHaveLength(1);
    }
  });

  it('the client exposes one function per operation, plus subscribeReminders', () => {
    const client = createTaskwireClient({ url: 'http://127.0.0.1:9/graphql' });
    for (const name of operationNames) expect(typeof client[name], name).toBe('function');
    expect(typeof client.subscribeReminders).toBe('function');
  });
});
