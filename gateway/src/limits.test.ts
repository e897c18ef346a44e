import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertCostWithin, depthLimitRule } from './limits.js';

const schema = buildSchema(`
  type Query { tasks(first: Int = 50): TaskConnection!  tags: [Tag!]!  me: User }
  type User { id: ID! }
  type Tag { id: ID!  name: String! }
  type TaskConnection { edges: [TaskEdge!]! }
  type TaskEdge { node: Task! }
  type Task { id: ID!  tags: [Tag!]!  history(first: Int = 50): TaskConnection! }
`);

const cost = (query: string, variables?: Record<string, unknown>) => {
  try {
    return assertCostWithin(1_000_000, { schema, document: parse(query), ...(variables ? { variables } : {}) });
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('query limits', () => {
  it('counts depth through fragments and ignores introspection', () => {
    const rule = depthLimitRule(3);
    expect(validate(schema, parse(`{ tasks { edges { node { id } } } }`), [rule])).toHaveLength(1);
    expect(validate(schema, parse(`{ tasks { edges { id: __typename } } }`), [rule])).toHaveLength(0);
    expect(
      validate(schema, parse(`{ tasks { ...E } } fragment E on TaskConnection { edges { node { id } } }`), [rule]),
    ).toHaveLength(1);
    expect(
      validate(schema, parse(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`), [rule]),
    ).toHaveLength(0);
  });

  it('multiplies selections by first (default or variable), not again by edges', () => {
    expect(cost(`{ me { id } }`)).toBe(2);
    // tasks: 1 + 50 × (edges: 1 + node: 1 + id: 1)
    expect(cost(`{ tasks { edges { node { id } } } }`)).toBe(1 + 50 * 3);
    expect(cost(`query($n: Int) { tasks(first: $n) { edges { node { id } } } }`, { n: 2 })).toBe(1 + 2 * 3);
    // A list without first counts as 10 items.
    expect(cost(`{ tags { id name } }`)).toBe(1 + 10 * 2);
    expect(() =>
      assertCostWithin(100, { schema, document: parse(`{ tasks(first: 100) { edges { node { id } } } }`) }),
    ).toThrow(/exceeds the maximum of 100/);
  });
});
