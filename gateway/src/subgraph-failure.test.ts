import { BrokenCircuitError } from 'cockatiel';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { failedFetchErrors, SubgraphHttpStatusError, subgraphFailureCode } from './subgraph-failure.js';

describe('subgraphFailureCode', () => {
  it('names a refused connection, a proxy 502-504, a timeout and an open circuit, and nothing else', () => {
    expect(subgraphFailureCode(new TypeError('fetch failed'))).toBe('SUBREQUEST_HTTP_ERROR');
    expect(subgraphFailureCode(new SubgraphHttpStatusError(503))).toBe('SUBREQUEST_HTTP_ERROR');
    expect(subgraphFailureCode(new DOMException('The operation timed out.', 'TimeoutError'))).toBe('REQUEST_TIMEOUT');
    expect(subgraphFailureCode(new BrokenCircuitError())).toBe('SUBGRAPH_CIRCUIT_BREAKER_REJECTED');
    expect(subgraphFailureCode(new Error('Expected JSON response body'))).toBeNull();
    expect(subgraphFailureCode(new TypeError('x is not a function'))).toBeNull();
  });
});

describe('failedFetchErrors', () => {
  it('puts an error at each field of each entity an _entities fetch was to resolve', () => {
    const document = parse(
      'query TaskList__planning__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Task { __typename tags { name } reminders { id } } } }',
    );
    const errors = failedFetchErrors('SUBREQUEST_HTTP_ERROR', document, {
      representations: [
        { __typename: 'Task', id: 'a' },
        { __typename: 'Task', id: 'b' },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      ['_entities', 0, 'tags'],
      ['_entities', 0, 'reminders'],
      ['_entities', 1, 'tags'],
      ['_entities', 1, 'reminders'],
    ]);
    expect(errors.every((e) => e.extensions?.code === 'SUBREQUEST_HTTP_ERROR')).toBe(true);
  });

  it('puts an error at each root field (by alias) of a root fetch', () => {
    const errors = failedFetchErrors(
      'REQUEST_TIMEOUT',
      parse('mutation { a: createTag(name: "x") { id } tags { id } }'),
      {},
    );
    expect(errors.map((e) => e.path)).toEqual([['a'], ['tags']]);
    expect(errors[0]!.message).toContain('did not answer in time');
  });
});
