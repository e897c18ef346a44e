// @vitest-environment happy-dom
import { CombinedGraphQLErrors } from '@apollo/client';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { unavailableFields } from '../errors';
import { PartialResult } from './PartialResult';

afterEach(cleanup);

/** The gateway's answer when planning is down: every title, an error at each task's tags. */
const planningDown = new CombinedGraphQLErrors({
  data: { tasks: { edges: [] } },
  errors: [0, 1].map((i) => ({
    message: 'temporarily unavailable: the service behind this field could not be reached',
    path: ['tasks', 'edges', i, 'node', 'tags'],
    extensions: { code: 'SUBREQUEST_HTTP_ERROR' },
  })),
});

describe('PartialResult', () => {
  it('names the missing part, once, instead of an error when the rest of the data arrived', () => {
    render(<PartialResult error={planningDown} hasData />);
    expect(screen.getByRole('status').textContent).toContain('unavailable right now: tags.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the error when there is no data to show', () => {
    render(<PartialResult error={planningDown} hasData={false} />);
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows any other error as an error, even beside data', () => {
    const other = new CombinedGraphQLErrors({
      data: { tasks: null },
      errors: [{ message: 'Internal server error', path: ['tasks'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    render(<PartialResult error={other} hasData />);
    expect(screen.getByRole('alert').textContent).toContain('Internal server error');
  });

  it('shows nothing for a complete answer', () => {
    const { container } = render(<PartialResult error={undefined} hasData />);
    expect(container.textContent).toBe('');
  });
});

describe('unavailableFields', () => {
  it('lists each unavailable field once, for each of the three codes, and ignores other errors', () => {
    const error = new CombinedGraphQLErrors({
      data: {},
      errors: [
        { message: 'x', path: ['tasks', 'edges', 0, 'node', 'tags'], extensions: { code: 'REQUEST_TIMEOUT' } },
        {
          message: 'x',
          path: ['tasks', 'edges', 0, 'node', 'reminders'],
          extensions: { code: 'SUBGRAPH_CIRCUIT_BREAKER_REJECTED' },
        },
        { message: 'x', path: ['tasks', 'edges', 1, 'node', 'tags'], extensions: { code: 'SUBREQUEST_HTTP_ERROR' } },
        { message: 'x', path: ['task'], extensions: { code: 'NOT_FOUND' } },
      ],
    });
    expect(unavailableFields(error)).toEqual(['tags', 'reminders']);
    expect(unavailableFields(new Error('network'))).toEqual([]);
  });
});
