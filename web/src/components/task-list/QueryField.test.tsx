// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../cache';
import { taskListOf } from '../../route';
import type { SessionUser } from '../../session';
import { TaskList } from '../TaskList';

/** The "Filter query" field of the task list, against a link answering each operation by name. */

afterEach(cleanup);

const user: SessionUser = {
  id: 'u1',
  email: 'erika@example.com',
  name: 'Erika',
  timeZone: 'Europe/Berlin',
  emailVerified: true,
};

const task = (id: string, title: string) => ({
  __typename: 'Task',
  id,
  position: `k-${id}`,
  title,
  description: null,
  priority: 'MEDIUM',
  status: 'OPEN',
  dueAt: null,
  dueDate: null,
  isOverdue: false,
  completedAt: null,
  occurrence: null,
  seriesId: null,
  recurrence: null,
  tags: [],
  project: { __typename: 'Project', id: 'p1', name: 'Launch', color: null },
  assignee: null,
});
const all = [task('t1', 'Pay invoice'), task('t2', 'Call mum'), task('t3', 'Send invoice')];

type Call = { name: string; variables: Record<string, unknown> };

function setup(url: string) {
  window.history.replaceState(null, '', url);
  const calls: Call[] = [];
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    calls.push(call);
    const answers: Record<string, () => FormattedExecutionResult> = {
      Projects: () => ({ data: { projects: [] } }),
      Tags: () => ({ data: { tags: [] } }),
      TaskList: () => {
        const query = (call.variables.query as string | undefined) ?? '';
        if (query.includes('(')) {
          return {
            data: null,
            errors: [
              {
                message: 'query: expected ) to close the ( opened before at position 0 at position 8, got the end',
                path: ['tasks'],
                extensions: { code: 'BAD_USER_INPUT', field: 'query', position: 8, expected: ')' },
              },
            ],
          };
        }
        const tasks = query === 'search: invoice' ? all.filter((t) => t.title.includes('invoice')) : all;
        return {
          data: {
            tasks: {
              __typename: 'TaskConnection',
              totalCount: tasks.length,
              edges: tasks.map((node) => ({ __typename: 'TaskEdge', cursor: `c-${node.id}`, node })),
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            },
          },
        };
      },
    };
    const answer = answers[call.name];
    return of(answer ? answer() : { errors: [{ message: `unexpected ${call.name}` }] });
  });
  const client = new ApolloClient({ link, cache: createCache() });
  const view = taskListOf(window.location.pathname, new URLSearchParams(window.location.search)).view;
  render(
    <ApolloProvider client={client}>
      <TaskList user={user} view={view} />
    </ApolloProvider>,
  );
  return { taskLists: () => calls.filter((c) => c.name === 'TaskList').map((c) => c.variables) };
}

const titles = () => Array.from(document.querySelectorAll('li.task')).map((li) => li.getAttribute('data-title') ?? '');
const field = () => screen.getByRole<HTMLInputElement>('searchbox', { name: 'Filter query' });
const search = () => new URLSearchParams(window.location.search);

describe('the filter query of the task list', () => {
  it('reads the query and the sort from the URL and sends them', async () => {
    const { taskLists } = setup('/?q=search%3A+invoice&sort=DUE_AT:ASC');
    await waitFor(() => expect(titles()).toEqual(['Pay invoice', 'Send invoice']));
    expect(field().value).toBe('search: invoice');
    expect(taskLists()[0]).toMatchObject({ query: 'search: invoice', sort: { field: 'DUE_AT', direction: 'ASC' } });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Sort' }).value).toBe('DUE_AT:ASC');
  });

  it('writes a typed query to the URL (Enter), sends it, and follows Back', async () => {
    const { taskLists } = setup('/assigned');
    await waitFor(() => expect(titles()).toHaveLength(3));
    expect(taskLists()[0]!.query).toBeUndefined();
    const entries = window.history.length;

    fireEvent.change(field(), { target: { value: 'search: invoice' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    expect(window.location.pathname).toBe('/assigned');
    expect(search().get('q')).toBe('search: invoice');
    expect(window.history.length).toBe(entries + 1);
    await waitFor(() => expect(titles()).toEqual(['Pay invoice', 'Send invoice']));
    expect(taskLists().at(-1)).toMatchObject({ query: 'search: invoice', filter: { assignedToMe: true } });

    // The sort goes to the URL as well, keeping the query.
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort' }), { target: { value: 'PRIORITY:DESC' } });
    expect(search().get('sort')).toBe('PRIORITY:DESC');
    expect(search().get('q')).toBe('search: invoice');

    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(search().get('sort')).toBeNull());
    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(field().value).toBe(''));
    await waitFor(() => expect(titles()).toHaveLength(3));
  });

  it('sends the query once typing pauses', async () => {
    const { taskLists } = setup('/');
    await waitFor(() => expect(titles()).toHaveLength(3));
    fireEvent.change(field(), { target: { value: 'search: invoice' } });
    expect(search().get('q')).toBeNull();
    await waitFor(() => expect(search().get('q')).toBe('search: invoice'), { timeout: 2000 });
    await waitFor(() => expect(titles()).toHaveLength(2));
    expect(taskLists().at(-1)!.query).toBe('search: invoice');
  });

  it('shows where a refused query went wrong, and keeps the list', async () => {
    setup('/');
    await waitFor(() => expect(titles()).toHaveLength(3));
    fireEvent.change(field(), { target: { value: '(today &' } });
    fireEvent.keyDown(field(), { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Expected ) to close the ( opened before at position 0 at position 8, got the end',
    );
    expect(alert.getAttribute('data-position')).toBe('8');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(titles()).toHaveLength(3);
    expect(screen.getByText('3 tasks')).toBeTruthy();

    // Typing again hides the error of the query no longer in the field.
    fireEvent.change(field(), { target: { value: '(today & #work)' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
