// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { Observable, of } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../cache';
import type { ProjectRole } from '../../gql/graphql';
import type { TaskView } from '../../route';
import type { SessionUser } from '../../session';
import { TaskList } from '../TaskList';

/**
 * The task list of a project in its manual order, against a link answering each operation by
 * name. happy-dom lays nothing out: each row is given a box by its place in the list (40 px
 * high, 50 px apart), which is all dnd-kit's keyboard sensor measures.
 */

const user: SessionUser = {
  id: 'u1',
  email: 'erika@example.com',
  name: 'Erika',
  timeZone: 'Europe/Berlin',
  emailVerified: true,
};
const projectView: TaskView = { kind: 'project', projectId: 'p1' };

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
  subtaskProgress: { __typename: 'SubtaskProgress', done: 0, total: 0 },
  parent: null,
});
const tasks = [task('t1', 'Alpha'), task('t2', 'Bravo'), task('t3', 'Charlie'), task('t4', 'Delta')];

type Call = { name: string; variables: Record<string, unknown> };

function setup({ view = projectView, role = 'OWNER' }: { view?: TaskView; role?: ProjectRole } = {}) {
  // The sort is in the URL: each test starts from the default order.
  window.history.replaceState(null, '', '/');
  const calls: Call[] = [];
  /** ReorderTask answers wait here until the test settles them. */
  const reorders: Array<(result: FormattedExecutionResult) => void> = [];
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    calls.push(call);
    if (call.name === 'ReorderTask')
      return new Observable((subscriber) => {
        reorders.push((result) => {
          subscriber.next(result);
          subscriber.complete();
        });
      });
    const answers: Record<string, () => FormattedExecutionResult> = {
      Projects: () => ({
        data: {
          projects: [
            {
              __typename: 'Project',
              id: 'p1',
              name: 'Launch',
              color: null,
              isInbox: false,
              role,
              position: 1,
            },
          ],
        },
      }),
      Tags: () => ({ data: { tags: [] } }),
      TaskList: () => ({
        data: {
          tasks: {
            __typename: 'TaskConnection',
            totalCount: tasks.length,
            edges: tasks.map((node) => ({ __typename: 'TaskEdge', cursor: `c-${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c-t4' },
          },
        },
      }),
    };
    const answer = answers[call.name];
    return of(answer ? answer() : { errors: [{ message: `unexpected ${call.name}` }] });
  });
  const client = new ApolloClient({ link, cache: createCache() });
  render(
    <ApolloProvider client={client}>
      <TaskList user={user} view={view} />
    </ApolloProvider>,
  );
  return { calls, reorders, named: (name: string) => calls.filter((c) => c.name === name) };
}

const titles = () => Array.from(document.querySelectorAll('li.task')).map((li) => li.getAttribute('data-title') ?? '');
const handles = () => screen.queryAllByRole('button', { name: /^Move “/ });
const chooseManualOrder = () =>
  fireEvent.change(screen.getByRole('combobox', { name: 'Sort' }), { target: { value: 'POSITION:ASC' } });

/** A box for each row (and what is in it) from its place in the list; none for anything else. */
function layOutRows() {
  const rectOf = (top: number, height: number) =>
    ({
      x: 0,
      y: top,
      top,
      left: 0,
      width: 600,
      height,
      bottom: top + height,
      right: 600,
      toJSON: () => ({}),
    }) as DOMRect;
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const row = this.closest('li.task');
    if (!row?.parentElement) return rectOf(0, 0);
    const index = Array.from(row.parentElement.children).indexOf(row);
    return rectOf(100 + index * 50, 40);
  });
}

/** Moves a task with the keyboard: Space on its handle, arrow keys, Space. */
async function moveByKeyboard(title: string, keys: Array<'ArrowDown' | 'ArrowUp'>) {
  const handle = screen.getByRole('button', { name: `Move “${title}”` });
  act(() => handle.focus());
  fireEvent.keyDown(handle, { key: ' ', code: 'Space' });
  // The sensor listens for the next keys from the next task on.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  for (const key of keys) {
    fireEvent.keyDown(document, { key, code: key });
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }
  fireEvent.keyDown(document, { key: ' ', code: 'Space' });
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

beforeEach(layOutRows);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('reordering a project’s tasks', () => {
  it('has no handles until the list is in manual order, then one per task', async () => {
    const { named } = setup();
    await waitFor(() => expect(titles()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']));
    expect(handles()).toEqual([]);
    chooseManualOrder();
    await waitFor(() => expect(handles()).toHaveLength(4));
    expect(named('TaskList').at(-1)!.variables.sort).toEqual({ field: 'POSITION', direction: 'ASC' });
    expect(handles().map((h) => h.getAttribute('aria-label'))).toEqual([
      'Move “Alpha”',
      'Move “Bravo”',
      'Move “Charlie”',
      'Move “Delta”',
    ]);
    // dnd-kit's keyboard instructions describe each handle.
    const describedBy = handles()[0]!.getAttribute('aria-describedby')!;
    await waitFor(() => expect(document.getElementById(describedBy)?.textContent).toMatch(/press Space/));
  });

  it('shows no handles to a viewer, nor outside a project’s view', async () => {
    setup({ role: 'VIEWER' });
    chooseManualOrder();
    await waitFor(() => expect(titles()).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handles()).toEqual([]);
    cleanup();

    setup({ view: { kind: 'all' } });
    chooseManualOrder();
    await waitFor(() => expect(titles()).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(handles()).toEqual([]);
  });

  it('a keyboard move sends the new neighbours, shows the new order at once and keeps it', async () => {
    const { named, reorders } = setup();
    chooseManualOrder();
    await waitFor(() => expect(handles()).toHaveLength(4));

    await moveByKeyboard('Alpha', ['ArrowDown']);
    expect(named('ReorderTask').map((c) => c.variables)).toEqual([{ id: 't1', afterId: 't2', beforeId: 't3' }]);
    // Optimistic: before the server has answered.
    expect(titles()).toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta']);
    expect(screen.getByText(/“Alpha” was dropped at position 2 of 4/)).toBeTruthy();

    act(() => reorders[0]!({ data: { reorderTask: { __typename: 'Task', id: 't1', position: 'k-t2a' } } }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(titles()).toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the last task to the top sends only beforeId', async () => {
    const { named } = setup();
    chooseManualOrder();
    await waitFor(() => expect(handles()).toHaveLength(4));
    await moveByKeyboard('Delta', ['ArrowUp', 'ArrowUp', 'ArrowUp']);
    expect(named('ReorderTask').map((c) => c.variables)).toEqual([{ id: 't4', beforeId: 't1' }]);
    expect(titles()).toEqual(['Delta', 'Alpha', 'Bravo', 'Charlie']);
  });

  it('a refused move puts the order back and shows why', async () => {
    const { reorders } = setup();
    chooseManualOrder();
    await waitFor(() => expect(handles()).toHaveLength(4));

    await moveByKeyboard('Charlie', ['ArrowUp']);
    expect(titles()).toEqual(['Alpha', 'Charlie', 'Bravo', 'Delta']);

    act(() =>
      reorders[0]!({
        errors: [{ message: 'Viewers cannot change tasks', extensions: { code: 'FORBIDDEN' } }],
      }),
    );
    await waitFor(() => expect(titles()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not move “Charlie”: Viewers cannot change tasks');
    // Each handle is still there, in the first order.
    expect(within(document.querySelector('ul.task-list')!).getAllByRole('button', { name: /^Move/ })).toHaveLength(4);
  });
});
