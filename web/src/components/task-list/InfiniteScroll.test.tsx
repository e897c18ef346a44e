// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { Observable, of } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../cache';
import type { SessionUser } from '../../session';
import { TaskList } from '../TaskList';

/**
 * The list's infinite scroll: the sentinel after the last row asks for the next page when it
 * comes into view, also when it came into view while the list was loading (a live-change
 * refetch), the case in which the list used to stay at its first page. happy-dom has no
 * IntersectionObserver: a stand-in reports the sentinel as in view or not, at once on observe()
 * like the browser's, and again when the test scrolls.
 */

const user: SessionUser = {
  id: 'u1',
  email: 'erika@example.com',
  name: 'Erika',
  timeZone: 'Europe/Berlin',
  emailVerified: true,
};

const task = (n: number) => ({
  __typename: 'Task',
  id: `t${n}`,
  position: `k-${n}`,
  title: `Task ${n}`,
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
  project: { __typename: 'Project', id: 'p1', name: 'Inbox', color: null },
  assignee: null,
  subtaskProgress: { __typename: 'SubtaskProgress', done: 0, total: 0 },
  parent: null,
});

const page = (from: number, to: number, hasNextPage: boolean) => ({
  data: {
    tasks: {
      __typename: 'TaskConnection',
      totalCount: 30,
      edges: Array.from({ length: to - from + 1 }, (_, i) => {
        const node = task(from + i);
        return { __typename: 'TaskEdge', cursor: `c-${node.id}`, node };
      }),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `c-t${to}` },
    },
  },
});

/** Whether the sentinel is in view, and the observers watching it. */
let inView = false;
const observers = new Set<{ callback: IntersectionObserverCallback; nodes: Element[] }>();
const report = () => {
  for (const o of observers)
    o.callback(
      o.nodes.map((target) => ({ target, isIntersecting: inView }) as unknown as IntersectionObserverEntry),
      o as unknown as IntersectionObserver,
    );
};

class FakeIntersectionObserver {
  entry: { callback: IntersectionObserverCallback; nodes: Element[] };
  constructor(callback: IntersectionObserverCallback) {
    this.entry = { callback, nodes: [] };
    observers.add(this.entry);
  }
  observe(node: Element) {
    this.entry.nodes.push(node);
    const { callback } = this.entry;
    // The browser reports the target's state once it is observed (a task, not synchronously).
    queueMicrotask(() => {
      if (observers.has(this.entry))
        callback(
          [{ target: node, isIntersecting: inView } as unknown as IntersectionObserverEntry],
          this as unknown as IntersectionObserver,
        );
    });
  }
  disconnect() {
    observers.delete(this.entry);
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  inView = false;
  observers.clear();
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup() {
  const calls: Array<{ name: string; variables: Record<string, unknown> }> = [];
  /** TaskList answers without `after` (the first page, a refetch) wait here when `hold` is set. */
  const held: Array<() => void> = [];
  let hold = false;
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    calls.push(call);
    if (call.name === 'TaskList') {
      if (call.variables.after) return of(page(26, 30, false) as FormattedExecutionResult);
      const answer = page(1, 25, true) as FormattedExecutionResult;
      if (!hold) return of(answer);
      return new Observable<FormattedExecutionResult>((subscriber) => {
        held.push(() => {
          subscriber.next(answer);
          subscriber.complete();
        });
      });
    }
    if (call.name === 'Tags') return of({ data: { tags: [] } });
    if (call.name === 'Projects') return of({ data: { projects: [] } });
    return of({ errors: [{ message: `unexpected ${call.name}` }] });
  });
  const client = new ApolloClient({ link, cache: createCache() });
  render(
    <ApolloProvider client={client}>
      <TaskList user={user} view={{ kind: 'all' }} />
    </ApolloProvider>,
  );
  return {
    client,
    held,
    holdFirstPages: () => {
      hold = true;
    },
    pagesAfter: () => calls.filter((c) => c.name === 'TaskList' && c.variables.after).map((c) => c.variables.after),
  };
}

const rows = () => document.querySelectorAll('li.task').length;

describe('infinite scroll', () => {
  it('loads the next page when the sentinel comes into view', async () => {
    const { pagesAfter } = setup();
    await waitFor(() => expect(rows()).toBe(25));
    expect(pagesAfter()).toEqual([]);
    inView = true;
    act(report);
    await waitFor(() => expect(rows()).toBe(30));
    expect(pagesAfter()).toEqual(['c-t25']);
    expect(document.querySelector('.more')).toBeNull();
  });

  it('a sentinel that came into view while the list was being refetched loads the page once that is done', async () => {
    const { client, held, holdFirstPages, pagesAfter } = setup();
    await waitFor(() => expect(rows()).toBe(25));
    // A live change refetches the list (LiveChanges.tsx); its answer is late.
    holdFirstPages();
    let refetched: Promise<unknown> = Promise.resolve();
    act(() => {
      refetched = client.refetchQueries({ include: ['TaskList'] });
    });
    await waitFor(() => expect(held).toHaveLength(1));
    await waitFor(() => expect(document.querySelector('.more button')?.textContent).toBe('Loading…'));
    // Scrolled to the end meanwhile: nothing to do while the list loads.
    inView = true;
    act(report);
    expect(pagesAfter()).toEqual([]);
    // The refetch is answered: the sentinel, still in view, asks for the next page.
    await act(async () => {
      held[0]!();
      await refetched;
    });
    await waitFor(() => expect(rows()).toBe(30));
    expect(pagesAfter()).toEqual(['c-t25']);
  });
});
