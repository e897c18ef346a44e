import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertCostWithin, checkOperation, depthLimitRule, fieldWeights, type OperationLimits } from './limits.js';

const schema = buildSchema(`
  type Query { tasks(first: Int = 50, last: Int, status: Status): TaskConnection!  tags: [Tag!]!  me: User  version: String }
  enum Status { OPEN COMPLETED }
  type User { id: ID! }
  type Tag { id: ID!  name: String! }
  type TaskConnection { edges: [TaskEdge!]!  totalCount: Int! }
  type TaskEdge { node: Task! }
  type Task { id: ID!  tags: [Tag!]!  history(first: Int = 50): TaskConnection!  nextOccurrences(count: Int = 5): [String!]! }
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

  it('multiplies selections by first (default or variable), not again by edges, and weighs database fields', () => {
    const db = fieldWeights.database;
    expect(cost(`{ version }`)).toBe(1);
    expect(cost(`{ me { id } }`)).toBe(1 + db + 1);
    // tasks: 1 + its query + 50 × (edges: 1 + node: 1 + id: 1)
    expect(cost(`{ tasks { edges { node { id } } } }`)).toBe(1 + db + 50 * 3);
    expect(cost(`query($n: Int) { tasks(first: $n) { edges { node { id } } } }`, { n: 2 })).toBe(1 + db + 2 * 3);
    // A backward page weighs its `last`, however small the `first` default beside it.
    expect(cost(`{ tasks(last: 200) { edges { node { id } } } }`)).toBe(1 + db + 200 * 3);
    expect(cost(`{ tasks(first: 1, last: 2) { edges { node { id } } } }`)).toBe(1 + db + 2 * 3);
    // A list without first counts as 10 items.
    expect(cost(`{ tags { id name } }`)).toBe(1 + db + 10 * 2);
    expect(() =>
      assertCostWithin(100, { schema, document: parse(`{ tasks(first: 100) { edges { node { id } } } }`) }),
    ).toThrow(/exceeds the maximum of 100/);
  });

  it('weighs totalCount and nextOccurrences by the work behind them', () => {
    const db = fieldWeights.database;
    expect(cost(`{ tasks(first: 1) { totalCount } }`)).toBe(1 + db + 1 * (1 + fieldWeights.totalCount));
    const occurrences = (count: number) =>
      Number(cost(`{ tasks(first: 1) { edges { node { nextOccurrences(count: ${count}) } } } }`));
    expect(occurrences(50) - occurrences(1)).toBe(49 * fieldWeights.perOccurrence);
    // The default count (5) is weighed too.
    expect(cost(`{ tasks(first: 1) { edges { node { nextOccurrences } } } }`)).toBe(occurrences(5));
  });

  it("counts a connection's totalCount once, whatever its first (a default page with its count is cheap)", () => {
    const db = fieldWeights.database;
    const page = `edges { node { id } }`;
    expect(cost(`{ tasks { totalCount ${page} } }`)).toBe(1 + db + fieldWeights.totalCount + 50 * (1 + 3));
    expect(
      Number(cost(`{ tasks(first: 100) { totalCount } }`)) - Number(cost(`{ tasks(first: 100) { ${page} } }`)),
    ).toBe(fieldWeights.totalCount + 100 * (1 - 3));
    // Behind an inline fragment it still counts; behind a named fragment it is assumed selected.
    expect(cost(`{ tasks(first: 2) { ... on TaskConnection { totalCount } } }`)).toBe(
      1 + db + fieldWeights.totalCount + 2 * 1,
    );
    expect(cost(`{ tasks(first: 2) { ...F } } fragment F on TaskConnection { ${page} }`)).toBe(
      1 + db + fieldWeights.totalCount + 2 * 3,
    );
  });

  it('answers variables that do not coerce with BAD_USER_INPUT, not an internal error', () => {
    expect(cost(`query($s: Status) { tasks(status: $s) { totalCount } }`, { s: 'MAYBE' })).toBe('BAD_USER_INPUT');
  });

  it('answers fragments that expand past what can be costed with QUERY_TOO_COMPLEX', () => {
    // Each level spreads the next twice: 2^14 copies of the innermost selection.
    const levels = Array.from({ length: 14 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    const query = `{ ...F0 } ${levels.join(' ')} fragment F14 on Query { version }`;
    expect(cost(query)).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('operation limits', () => {
  const limits: OperationLimits = {
    maxTokens: 1_000,
    maxDepth: 5,
    maxAliases: 2,
    maxRootFields: 2,
    maxFragments: 2,
    maxDirectives: 2,
    maxCost: 10_000,
  };
  const codes = (query: string, operationName?: string) => {
    const checked = checkOperation(limits, { schema, document: parse(query), operationName: operationName ?? null });
    return 'errors' in checked ? checked.errors.map((e) => e.extensions.code) : 'ok';
  };

  it('caps aliases, root fields, fragments and directives with the codes Apollo Router uses', () => {
    expect(codes(`{ me { a: id b: id } version }`)).toBe('ok');
    expect(codes(`{ me { a: id b: id c: id } }`)).toEqual(['MAX_ALIASES_LIMIT']);
    expect(codes(`{ me { id } version tags { id } }`)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    // Root fields reached through a fragment count as well.
    expect(codes(`{ ...R version } fragment R on Query { me { id } tags { id } }`)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    expect(
      codes(`{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { version }`),
    ).toEqual(['MAX_FRAGMENTS_LIMIT']);
    expect(codes(`{ me { id @include(if: true) a: id @skip(if: false) b: id @skip(if: false) } }`)).toEqual([
      'MAX_DIRECTIVES_LIMIT',
    ]);
  });

  it('names the operations of the document when operationName names none of them', () => {
    const checked = checkOperation(limits, {
      schema,
      document: parse(`query A { version } query B { version }`),
      operationName: 'C',
    });
    expect('errors' in checked && checked.errors[0]).toMatchObject({
      message: expect.stringContaining('"A", "B"'),
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
    expect(codes(`query A { version } query B { version }`)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('measures depth through a fragment spread many times once, without walking it again', () => {
    // 2^40 paths if each spread were walked: finishes at once because each fragment's depth is kept.
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    const document = parse(`{ ...F0 } ${levels.join(' ')} fragment F40 on Query { me { id } }`);
    const started = performance.now();
    expect(validate(schema, document, [depthLimitRule(1)])).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
