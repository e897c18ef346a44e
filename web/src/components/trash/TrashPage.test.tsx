// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { badInput, renderWithApi, type Call } from '../account/account-test-support';
import { TrashPage } from './TrashPage';

afterEach(cleanup);

const node = (id: string, title: string) => ({
  __typename: 'Task',
  id,
  title,
  trashedAt: '2026-12-01T10:00:00.000Z',
  project: { __typename: 'Project', id: 'inbox', name: 'Inbox' },
});

const page = (nodes: unknown[]) => ({
  data: {
    trash: {
      __typename: 'TaskConnection',
      totalCount: nodes.length,
      edges: nodes.map((n) => ({ __typename: 'TaskEdge', node: n, cursor: `c-${(n as { id: string }).id}` })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  },
});

describe('TrashPage', () => {
  it('lists deleted tasks with their purge date and restores one', async () => {
    let inTrash = [node('t1', 'Water the plants'), node('t2', 'Pay the bill')];
    const calls = renderWithApi(<TrashPage />, (call: Call): FormattedExecutionResult => {
      if (call.name === 'Trash') return page(inTrash);
      if (call.name === 'RestoreTask') {
        inTrash = inTrash.filter((t) => t.id !== call.variables.id);
        return { data: { restoreTask: null } };
      }
      return { data: {} };
    });
    await screen.findByText('Water the plants');
    // 30 days after it was deleted on 1 December.
    expect(screen.getAllByText(/purged 31 Dec|purged Dec 31/).length).toBe(2);
    fireEvent.click(screen.getByRole('button', { name: 'Restore “Water the plants”' }));
    await waitFor(() => expect(screen.queryByText('Water the plants')).toBeNull());
    expect(calls.filter((c) => c.name === 'RestoreTask')).toEqual([{ name: 'RestoreTask', variables: { id: 't1' } }]);
    expect(screen.getByText('Pay the bill')).toBeTruthy();
  });

  it("shows the server's reason when a restore is refused, and keeps the task listed", async () => {
    renderWithApi(<TrashPage />, (call) =>
      call.name === 'Trash'
        ? page([node('t3', 'Dig')])
        : badInput('id', 'a task whose parent is in the Trash: restore its parent, which brings it back too'),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Restore “Dig”' }));
    expect((await screen.findByRole('alert')).textContent).toContain('restore its parent');
    expect(screen.getByText('Dig')).toBeTruthy();
  });

  it('says so when the Trash is empty', async () => {
    renderWithApi(<TrashPage />, () => page([]));
    await screen.findByText('The Trash is empty.');
  });
});
