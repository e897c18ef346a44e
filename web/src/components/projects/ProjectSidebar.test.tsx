// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../../cache';
import { taskViewOf, useRoute } from '../../route';
import { ProjectSidebar } from './ProjectSidebar';

/**
 * The sidebar's view links keep the list's query and sort (both in the URL), as the list keeps
 * its other filters from view to view: choosing "Manual order" and then a project shows the
 * project in its manual order.
 */

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function setup(href: string) {
  window.history.replaceState(null, '', href);
  const link = new ApolloLink((operation) => {
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
              role: 'OWNER',
              position: 1,
            },
          ],
        },
      }),
      ProjectOpenCount: () => ({
        data: {
          project: { __typename: 'Project', id: 'p1', openTasks: { __typename: 'TaskConnection', totalCount: 0 } },
        },
      }),
      SavedViews: () => ({ data: { savedViews: [] } }),
    };
    const answer = answers[operation.operationName ?? ''];
    return of(answer ? answer() : { errors: [{ message: `unexpected ${operation.operationName}` }] });
  });
  const client = new ApolloClient({ link, cache: createCache() });
  function Sidebar() {
    const route = useRoute();
    return <ProjectSidebar view={taskViewOf(route.path)} />;
  }
  render(
    <ApolloProvider client={client}>
      <Sidebar />
    </ApolloProvider>,
  );
}

const hrefOf = (name: string) => screen.getByRole('link', { name }).getAttribute('href');

describe('the sidebar’s view links', () => {
  it('keep the query and the sort of the URL', async () => {
    setup('/assigned?q=%23work&sort=POSITION:ASC');
    await screen.findByRole('link', { name: /Launch/ });
    expect(hrefOf('All tasks')).toBe('/?q=%23work&sort=POSITION%3AASC');
    expect(hrefOf('Assigned to me')).toBe('/assigned?q=%23work&sort=POSITION%3AASC');
    expect(screen.getByRole('link', { name: /Launch/ }).getAttribute('href')).toBe(
      '/projects/p1?q=%23work&sort=POSITION%3AASC',
    );
    expect(screen.getByRole('link', { name: 'Assigned to me' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('link', { name: /Launch/ }));
    expect(window.location.pathname).toBe('/projects/p1');
    expect(new URLSearchParams(window.location.search).get('sort')).toBe('POSITION:ASC');
    expect(new URLSearchParams(window.location.search).get('q')).toBe('#work');
    await waitFor(() => expect(screen.getByRole('link', { name: /Launch/ }).getAttribute('aria-current')).toBe('page'));
  });

  it('are the plain paths of the views in the default list', async () => {
    setup('/projects/p1');
    await screen.findByRole('link', { name: /Launch/ });
    expect(hrefOf('All tasks')).toBe('/');
    expect(hrefOf('Assigned to me')).toBe('/assigned');
    expect(screen.getByRole('link', { name: /Launch/ }).getAttribute('href')).toBe('/projects/p1');
  });
});
