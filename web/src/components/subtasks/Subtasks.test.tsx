// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider, useFragment } from '@apollo/client/react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../cache';
import { TaskItemFieldsFragmentDoc, type TaskItemFieldsFragment } from '../../gql/graphql';
import { TaskItem } from '../TaskItem';
import { AddSubtaskForm } from './AddSubtaskForm';
import { levelOf, withoutShownSubtasks } from './subtask-cache';

afterEach(cleanup);

/**
 * Subtasks on a task's row, against a link that plays the tasks service: a tree of tasks in
 * memory, answered in full for every operation (the cache keeps what each document selects),
 * with the server's rules: four levels at most, completing a task completes its open subtasks
 * and reopening it reopens exactly those.
 */

interface FakeTask {
  id: string;
  title: string;
  status: 'OPEN' | 'COMPLETED';
  parentId: string | null;
  /** The subtasks its completion completed (reopened with it). */
  completedWith: string[];
}

const me = { id: 'u1', name: 'Erika' };

function fakeServer(initial: Array<Pick<FakeTask, 'id' | 'title' | 'parentId'> & { status?: FakeTask['status'] }>) {
  const tasks = new Map<string, FakeTask>(
    initial.map((t) => [t.id, { status: 'OPEN', completedWith: [], ...t } satisfies FakeTask]),
  );
  let created = 0;
  const childrenOf = (id: string) => [...tasks.values()].filter((t) => t.parentId === id);
  const levelIn = (id: string): number => {
    const parentId = tasks.get(id)?.parentId;
    return parentId ? levelIn(parentId) + 1 : 1;
  };
  const descendants = (id: string): FakeTask[] => childrenOf(id).flatMap((c) => [c, ...descendants(c.id)]);

  /** A task with every field a document may select; its relatives a few steps out (as deep as any document reads). */
  function node(id: string, depth = 0): Record<string, unknown> {
    const t = tasks.get(id)!;
    const children = childrenOf(id);
    return {
      __typename: 'Task',
      id,
      title: t.title,
      description: null,
      priority: 'MEDIUM',
      status: t.status,
      dueAt: null,
      dueDate: null,
      isOverdue: false,
      completedAt: t.status === 'COMPLETED' ? '2026-12-01T10:00:00.000Z' : null,
      occurrence: null,
      seriesId: null,
      recurrence: null,
      tags: [],
      project: { __typename: 'Project', id: 'p1', name: 'Inbox', color: null },
      assignee: null,
      position: `k-${id}`,
      subtaskProgress: {
        __typename: 'SubtaskProgress',
        done: children.filter((c) => c.status === 'COMPLETED').length,
        total: children.length,
      },
      parent: t.parentId && depth < 4 ? node(t.parentId, depth + 1) : null,
      subtasks: depth < 4 ? children.map((c) => node(c.id, depth + 1)) : [],
    };
  }

  const calls: Array<{ name: string; variables: Record<string, unknown> }> = [];
  const link = new ApolloLink((operation) => {
    const name = operation.operationName ?? '';
    const variables = operation.variables as Record<string, any>;
    calls.push({ name, variables });
    const answer = (): FormattedExecutionResult => {
      switch (name) {
        case 'TaskSubtaskSummary':
        case 'Subtasks':
          return { data: { task: tasks.has(variables.id) ? node(variables.id) : null } };
        case 'CompleteTask': {
          const t = tasks.get(variables.id)!;
          const open = descendants(t.id).filter((d) => d.status === 'OPEN');
          for (const d of open) d.status = 'COMPLETED';
          t.status = 'COMPLETED';
          t.completedWith = open.map((d) => d.id);
          return { data: { completeTask: node(t.id) } };
        }
        case 'ReopenTask': {
          const t = tasks.get(variables.id)!;
          for (const id of t.completedWith) tasks.get(id)!.status = 'OPEN';
          t.status = 'OPEN';
          t.completedWith = [];
          return { data: { reopenTask: node(t.id) } };
        }
        case 'CreateSubtask': {
          const { title, parentId } = variables.input as { title: string; parentId: string };
          if (levelIn(parentId) >= 4)
            return {
              errors: [
                {
                  message: 'Subtasks nest at most 4 levels deep',
                  extensions: { code: 'BAD_USER_INPUT', field: 'input.parentId' },
                },
              ],
            };
          const id = `new-${++created}`;
          tasks.set(id, { id, title, status: 'OPEN', parentId, completedWith: [] });
          return { data: { createTask: node(id) } };
        }
        case 'DeleteTask': {
          for (const d of descendants(variables.id)) tasks.delete(d.id);
          tasks.delete(variables.id);
          return { data: { deleteTask: variables.id } };
        }
        default:
          return { errors: [{ message: `unexpected ${name}` }] };
      }
    };
    return of(answer());
  });
  return { tasks, calls, node, link, named: (n: string) => calls.filter((c) => c.name === n) };
}

/** A row of the list, from the cache (as the list's query shows it after each change). */
function Row({ id, level }: { id: string; level?: number }) {
  const { data, complete } = useFragment({
    fragment: TaskItemFieldsFragmentDoc,
    fragmentName: 'TaskItemFields',
    from: { __typename: 'Task', id },
  });
  if (!complete) return null;
  return (
    <TaskItem
      task={data}
      me={me}
      showProject={false}
      onEdit={() => undefined}
      onHistory={() => undefined}
      level={level}
    />
  );
}

function setup(
  initial: Parameters<typeof fakeServer>[0],
  { rowId = 't1', level }: { rowId?: string; level?: number } = {},
) {
  const server = fakeServer(initial);
  const client = new ApolloClient({ link: server.link, cache: createCache() });
  client.cache.writeFragment({
    fragment: TaskItemFieldsFragmentDoc,
    fragmentName: 'TaskItemFields',
    data: server.node(rowId) as TaskItemFieldsFragment,
  });
  render(
    <ApolloProvider client={client}>
      <ul className="task-list">
        <Row id={rowId} level={level} />
      </ul>
    </ApolloProvider>,
  );
  return server;
}

const trip = [
  { id: 't1', title: 'Plan trip', parentId: null },
  { id: 's1', title: 'Book hotel', parentId: 't1' },
  { id: 's2', title: 'Pack', parentId: 't1' },
];

const toggleOf = (title: string) => screen.findByRole('button', { name: new RegExp(`^Subtasks of “${title}”`) });
const nested = (title: string) => screen.getByRole('list', { name: `Subtasks of “${title}”` });
const rowTitled = (title: string) => document.querySelector<HTMLLIElement>(`li.task[data-title="${title}"]`)!;

describe('subtasks on a task’s row', () => {
  it('shows the progress; the toggle shows and hides the subtasks, nested in a named list', async () => {
    setup([...trip.slice(0, 2), { ...trip[2]!, status: 'COMPLETED' }]);
    const toggle = await toggleOf('Plan trip');
    expect(toggle.textContent).toContain('1/2');
    expect(toggle.getAttribute('aria-label')).toBe('Subtasks of “Plan trip”, 1 of 2 done');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: /^Subtasks of/ })).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = nested('Plan trip');
    expect(toggle.getAttribute('aria-controls')).toBe(list.id);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-title'))).toEqual(['Book hotel', 'Pack']);
    expect(rows.map((r) => r.getAttribute('data-level'))).toEqual(['2', '2']);
    // Each with its own box and the usual actions; a nested row does not repeat its parent.
    expect(within(list).getByRole('checkbox', { name: 'Complete “Book hotel”' })).toBeTruthy();
    expect(within(list).getByRole('checkbox', { name: 'Reopen “Pack”' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Delete “Pack”' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Add a subtask to “Pack”' })).toBeTruthy();
    expect(list.textContent).not.toContain('Subtask of');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: /^Subtasks of/ })).toBeNull();
  });

  it('a row without subtasks has no toggle; a subtask’s own row names its parent', async () => {
    const server = setup(trip, { rowId: 's1' });
    await screen.findByText('Subtask of “Plan trip”', { exact: false });
    expect(screen.queryByRole('button', { name: /^Subtasks of/ })).toBeNull();
    expect(rowTitled('Book hotel').getAttribute('data-level')).toBe('2');
    expect(server.named('TaskSubtaskSummary')).toEqual([{ name: 'TaskSubtaskSummary', variables: { id: 's1' } }]);
  });

  it('completing a subtask updates the parent’s progress', async () => {
    const server = setup(trip);
    fireEvent.click(await toggleOf('Plan trip'));
    const box = await within(nested('Plan trip')).findByRole('checkbox', { name: 'Complete “Book hotel”' });
    fireEvent.click(box);
    await waitFor(async () => expect((await toggleOf('Plan trip')).textContent).toContain('1/2'));
    expect(server.named('CompleteTask')).toEqual([{ name: 'CompleteTask', variables: { id: 's1' } }]);
    expect(rowTitled('Book hotel').classList.contains('done')).toBe(true);
    expect((await toggleOf('Plan trip')).getAttribute('aria-label')).toBe('Subtasks of “Plan trip”, 1 of 2 done');
  });

  it('completing the parent shows its subtasks completed; reopening it reopens them', async () => {
    setup(trip);
    fireEvent.click(await toggleOf('Plan trip'));
    const list = nested('Plan trip');
    await within(list).findByRole('checkbox', { name: 'Complete “Pack”' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Complete “Plan trip”' }));
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('checkbox')
          .map((b) => (b as HTMLInputElement).checked),
      ).toEqual([true, true]),
    );
    expect((await toggleOf('Plan trip')).textContent).toContain('2/2');
    expect(rowTitled('Plan trip').classList.contains('done')).toBe(true);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Reopen “Plan trip”' }));
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('checkbox')
          .map((b) => (b as HTMLInputElement).checked),
      ).toEqual([false, false]),
    );
    expect((await toggleOf('Plan trip')).textContent).toContain('0/2');
  });

  it('adds a subtask from the inline form: it appears under its parent and the progress counts it', async () => {
    const server = setup([{ id: 't1', title: 'Plan trip', parentId: null }]);
    await waitFor(() => expect(server.named('TaskSubtaskSummary')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: /^Subtasks of/ })).toBeNull();

    const add = screen.getByRole('button', { name: 'Add a subtask to “Plan trip”' });
    expect(add.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(add);
    expect(add.getAttribute('aria-expanded')).toBe('true');
    const form = screen.getByRole('form', { name: 'New subtask of “Plan trip”' });
    const field = within(form).getByRole('textbox', { name: 'Title of the new subtask of “Plan trip”' });
    expect(document.activeElement).toBe(field);

    fireEvent.change(field, { target: { value: '  Book hotel ' } });
    fireEvent.submit(form);
    await waitFor(() => expect(within(nested('Plan trip')).queryAllByRole('listitem')).toHaveLength(1));
    expect(server.named('CreateSubtask').map((c) => c.variables)).toEqual([
      { input: { title: 'Book hotel', parentId: 't1' } },
    ]);
    expect((await toggleOf('Plan trip')).textContent).toContain('0/1');
    // The form stays open and empty, for the next one.
    expect((field as HTMLInputElement).value).toBe('');

    fireEvent.change(field, { target: { value: 'Pack' } });
    fireEvent.submit(form);
    await waitFor(() =>
      expect(
        within(nested('Plan trip'))
          .getAllByRole('listitem')
          .map((r) => r.getAttribute('data-title')),
      ).toEqual(['Book hotel', 'Pack']),
    );
    expect((await toggleOf('Plan trip')).textContent).toContain('0/2');

    // Escape closes the form and gives the focus back to its button.
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'New subtask of “Plan trip”' })).toBeNull();
    expect(document.activeElement).toBe(add);
  });

  it('shows the server’s refusal inline (a fifth level), and an empty title without asking', async () => {
    const fourLevels = [
      { id: 't1', title: 'One', parentId: null },
      { id: 't2', title: 'Two', parentId: 't1' },
      { id: 't3', title: 'Three', parentId: 't2' },
      { id: 't4', title: 'Four', parentId: 't3' },
    ];
    // A row the summary puts on level 4 offers no form …
    setup(fourLevels, { rowId: 't4' });
    await waitFor(() => expect(rowTitled('Four').getAttribute('data-level')).toBe('4'));
    expect(screen.getByRole('button', { name: 'Delete “Four”' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a subtask to “Four”' })).toBeNull();
    cleanup();

    // … and should one be sent all the same (a row whose level is not known yet), the refusal
    // shows under the field, which keeps what was typed.
    const again = fakeServer(fourLevels);
    const client = new ApolloClient({ link: again.link, cache: createCache() });
    render(
      <ApolloProvider client={client}>
        <AddSubtaskForm parentId="t4" parentTitle="Four" onClose={() => undefined} />
      </ApolloProvider>,
    );
    const form = screen.getByRole('form', { name: 'New subtask of “Four”' });
    const field = within(form).getByRole('textbox');
    fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('Type a title for the subtask');
    expect(again.named('CreateSubtask')).toEqual([]);

    fireEvent.change(field, { target: { value: 'Five' } });
    await act(async () => {
      fireEvent.submit(form);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Subtasks nest at most 4 levels deep'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toContain('4 levels');
    expect((field as HTMLInputElement).value).toBe('Five');
    expect(again.named('CreateSubtask')).toHaveLength(1);
  });

  it('deleting a nested subtask takes it out of its parent’s list and progress', async () => {
    const server = setup(trip);
    fireEvent.click(await toggleOf('Plan trip'));
    const list = nested('Plan trip');
    fireEvent.click(await within(list).findByRole('button', { name: 'Delete “Pack”' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect((await toggleOf('Plan trip')).textContent).toContain('0/1');
    expect(server.tasks.has('s2')).toBe(false);
  });
});

describe('subtask helpers', () => {
  it('levelOf counts the ancestors', () => {
    expect(levelOf({ parent: null })).toBe(1);
    expect(levelOf({ parent: { id: 'a', title: 'A', parent: null } })).toBe(2);
    expect(levelOf({ parent: { id: 'a', title: 'A', parent: { id: 'b', parent: { id: 'c' } } } })).toBe(4);
  });

  it('withoutShownSubtasks keeps a subtask only when its parent is not in the list', () => {
    const rows = [
      { id: 't1', parent: null },
      { id: 's1', parent: { id: 't1' } },
      { id: 's9', parent: { id: 'elsewhere' } },
    ];
    expect(withoutShownSubtasks(rows).map((r) => r.id)).toEqual(['t1', 's9']);
  });
});
