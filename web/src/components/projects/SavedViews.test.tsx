// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../cache';
import { taskListOf, type TaskListLocation } from '../../route';
import { SavedViews } from './SavedViews';

afterEach(cleanup);

type Call = { name: string; variables: Record<string, unknown> };
type View = { id: string; name: string; query: string; sort: { field: string; direction: string } | null };

const savedView = (v: View, index: number) => ({
  __typename: 'SavedView',
  ...v,
  sort: v.sort ? { __typename: 'SavedViewSort', ...v.sort } : null,
  position: index + 1,
});

/** The API as a link keeping the user's views; every operation is recorded in order. */
function setup(current: TaskListLocation, initial: View[]) {
  let views = [...initial];
  const calls: Call[] = [];
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    calls.push(call);
    const v = call.variables;
    const answers: Record<string, () => FormattedExecutionResult> = {
      SavedViews: () => ({ data: { savedViews: views.map(savedView) } }),
      CreateSavedView: () => {
        const input = v.input as { name: string; query: string; sort?: View['sort'] };
        if (views.some((view) => view.name.toLowerCase() === input.name.trim().toLowerCase())) {
          return {
            data: null,
            errors: [
              {
                message: 'You already have a view with this name',
                extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
              },
            ],
          };
        }
        const view = { id: `v${views.length + 1}`, name: input.name, query: input.query, sort: input.sort ?? null };
        views.push(view);
        return { data: { createSavedView: savedView(view, views.length - 1) } };
      },
      RenameSavedView: () => {
        views = views.map((view) => (view.id === v.id ? { ...view, name: v.name as string } : view));
        return { data: { updateSavedView: { __typename: 'SavedView', id: v.id, name: v.name } } };
      },
      DeleteSavedView: () => {
        views = views.filter((view) => view.id !== v.id);
        return { data: { deleteSavedView: v.id } };
      },
    };
    const answer = answers[call.name];
    return of(answer ? answer() : { errors: [{ message: `unexpected ${call.name}` }] });
  });
  const client = new ApolloClient({ link, cache: createCache() });
  render(
    <ApolloProvider client={client}>
      <SavedViews current={current} onNavigate={() => undefined} />
    </ApolloProvider>,
  );
  return { calls, named: (name: string) => calls.filter((c) => c.name === name) };
}

const links = () =>
  within(screen.getByRole('list', { name: 'Views' }))
    .queryAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);

const work: View = { id: 'v1', name: 'Work today', query: '(today | overdue) & #work & !p1', sort: null };
const invoices: View = {
  id: 'v2',
  name: 'Invoices',
  query: 'search: invoice',
  sort: { field: 'DUE_AT', direction: 'ASC' },
};
const everything: TaskListLocation = { view: { kind: 'all' }, query: '', sort: null };

describe('saved views in the sidebar', () => {
  it('lists the views in order, each a link to the URL of its list', async () => {
    setup(everything, [work, invoices]);
    await waitFor(() => expect(links()).toHaveLength(2));
    expect(links()).toEqual([
      ['Work today', '/?q=%28today+%7C+overdue%29+%26+%23work+%26+%21p1'],
      ['Invoices', '/?q=search%3A+invoice&sort=DUE_AT%3AASC'],
    ]);
    // Each href reads back as the view's query and sort.
    const url = new URL(links()[1]![1]!, 'https://taskwire.test');
    expect(taskListOf(url.pathname, url.searchParams)).toEqual({
      view: { kind: 'all' },
      query: 'search: invoice',
      sort: 'DUE_AT:ASC',
    });
  });

  it('clicking a view opens its list in place (a history entry)', async () => {
    window.history.replaceState(null, '', '/projects/p1');
    setup(everything, [work, invoices]);
    await waitFor(() => expect(links()).toHaveLength(2));
    const entries = window.history.length;
    fireEvent.click(screen.getByRole('link', { name: 'Invoices' }));
    expect(window.location.pathname).toBe('/');
    expect(new URLSearchParams(window.location.search).get('q')).toBe('search: invoice');
    expect(new URLSearchParams(window.location.search).get('sort')).toBe('DUE_AT:ASC');
    expect(window.history.length).toBe(entries + 1);
  });

  it('marks the view whose list is shown', async () => {
    setup({ view: { kind: 'all' }, query: 'search: invoice', sort: 'DUE_AT:ASC' }, [work, invoices]);
    await waitFor(() => expect(links()).toHaveLength(2));
    expect(screen.getByRole('link', { name: 'Invoices' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Work today' }).getAttribute('aria-current')).toBeNull();
  });

  it('saves the current query and sort under a name, and shows a refused name under its field', async () => {
    const { named } = setup({ view: { kind: 'assigned' }, query: '#home', sort: 'PRIORITY:DESC' }, [work]);
    await waitFor(() => expect(links()).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^View name/ }), { target: { value: 'work today' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('You already have a view with this name');
    expect(screen.getByRole('textbox', { name: /^View name/ }).getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByRole('textbox', { name: /^View name/ }), { target: { value: 'Home' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(links()).toHaveLength(2));
    expect(named('CreateSavedView').at(-1)!.variables).toEqual({
      input: { name: 'Home', query: '#home', sort: { field: 'PRIORITY', direction: 'DESC' } },
    });
    expect(links()[1]).toEqual(['Home', '/?q=%23home&sort=PRIORITY%3ADESC']);
    expect(screen.queryByRole('textbox', { name: /^View name/ })).toBeNull();
  });

  it('saves a list in the default order without a sort', async () => {
    const { named } = setup({ view: { kind: 'all' }, query: 'overdue', sort: null }, []);
    await screen.findByText('No saved views yet');
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^View name/ }), { target: { value: 'Late' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(links()).toEqual([['Late', '/?q=overdue']]));
    expect(named('CreateSavedView')[0]!.variables).toEqual({ input: { name: 'Late', query: 'overdue' } });
  });

  it('renames and deletes a view', async () => {
    const { named } = setup(everything, [work, invoices]);
    await waitFor(() => expect(links()).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: 'Rename view Invoices' }));
    fireEvent.change(screen.getByRole('textbox', { name: /^View name/ }), { target: { value: 'Bills' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(links().map(([name]) => name)).toEqual(['Work today', 'Bills']));
    expect(named('RenameSavedView')[0]!.variables).toEqual({ id: 'v2', name: 'Bills' });

    fireEvent.click(screen.getByRole('button', { name: 'Delete view Work today' }));
    await waitFor(() => expect(links()).toEqual([['Bills', '/?q=search%3A+invoice&sort=DUE_AT%3AASC']]));
    expect(named('DeleteSavedView')[0]!.variables).toEqual({ id: 'v1' });
  });
});
