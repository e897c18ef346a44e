import { describe, expect, it } from 'vitest';
import { createCache } from '../../cache';
import { TaskListDocument, type TaskFilter, type TaskListQuery, type TaskSort } from '../../gql/graphql';
import { movedOrder, neighboursOf, placeInLists } from './reorder';

const order = ['a', 'b', 'c', 'd'];

describe('neighboursOf', () => {
  it('the last task to the top: only the task now below it', () => {
    expect(movedOrder(order, 'd', 'a')).toEqual(['d', 'a', 'b', 'c']);
    expect(neighboursOf(order, 'd', 'a')).toEqual({ beforeId: 'a' });
  });

  it('the first task to the end: only the task now above it', () => {
    expect(movedOrder(order, 'a', 'd')).toEqual(['b', 'c', 'd', 'a']);
    expect(neighboursOf(order, 'a', 'd')).toEqual({ afterId: 'd' });
  });

  it('down by one: after the task it was over, before the next', () => {
    expect(movedOrder(order, 'b', 'c')).toEqual(['a', 'c', 'b', 'd']);
    expect(neighboursOf(order, 'b', 'c')).toEqual({ afterId: 'c', beforeId: 'd' });
  });

  it('up by one: before the task it was over, after the one above that', () => {
    expect(movedOrder(order, 'c', 'b')).toEqual(['a', 'c', 'b', 'd']);
    expect(neighboursOf(order, 'c', 'b')).toEqual({ afterId: 'a', beforeId: 'b' });
  });

  it('across several tasks, both ways', () => {
    expect(neighboursOf(order, 'a', 'c')).toEqual({ afterId: 'c', beforeId: 'd' });
    expect(neighboursOf(order, 'd', 'b')).toEqual({ afterId: 'a', beforeId: 'b' });
  });

  it('within two tasks: the other is the only neighbour', () => {
    expect(neighboursOf(['a', 'b'], 'b', 'a')).toEqual({ beforeId: 'a' });
    expect(neighboursOf(['a', 'b'], 'a', 'b')).toEqual({ afterId: 'b' });
  });

  it('nothing for a drop in place or an id the list lacks', () => {
    expect(neighboursOf(order, 'b', 'b')).toBeNull();
    expect(neighboursOf(order, 'x', 'b')).toBeNull();
    expect(neighboursOf(order, 'b', 'x')).toBeNull();
    expect(neighboursOf(['a'], 'a', 'a')).toBeNull();
  });

  it('leaves the order it was given as it was', () => {
    const given = [...order];
    neighboursOf(given, 'd', 'a');
    expect(given).toEqual(order);
  });
});

describe('placeInLists', () => {
  const manual: TaskSort = { field: 'POSITION', direction: 'ASC' };
  const p1: TaskFilter = { status: 'OPEN', projectIds: ['p1'] };

  const node = (id: string, projectId = 'p1') => ({
    __typename: 'Task' as const,
    id,
    position: `k-${id}`,
    title: `Task ${id}`,
    description: null,
    priority: 'MEDIUM' as const,
    status: 'OPEN' as const,
    dueAt: null,
    dueDate: null,
    isOverdue: false,
    completedAt: null,
    occurrence: null,
    seriesId: null,
    recurrence: null,
    tags: [],
    project: { __typename: 'Project' as const, id: projectId, name: projectId, color: null },
    assignee: null,
    subtaskProgress: { __typename: 'SubtaskProgress', done: 0, total: 0 },
    parent: null,
  });

  function cacheWith(lists: Array<[TaskFilter, TaskSort | null, string[]]>) {
    const cache = createCache();
    for (const [filter, sort, ids] of lists)
      cache.writeQuery({
        query: TaskListDocument,
        variables: { filter, sort, first: 25 },
        data: {
          tasks: {
            __typename: 'TaskConnection',
            totalCount: ids.length,
            edges: ids.map((id) => ({ __typename: 'TaskEdge', cursor: `c-${id}`, node: node(id) })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: `c-${ids.at(-1)}` },
          },
        } as TaskListQuery,
      });
    const ids = (filter: TaskFilter, sort: TaskSort | null) =>
      cache
        .readQuery({ query: TaskListDocument, variables: { filter, sort, first: 25 } })!
        .tasks.edges.map((e) => e.node.id);
    return { cache, ids };
  }

  it('moves the task in the project’s lists in manual order, after afterId or before beforeId', () => {
    const { cache, ids } = cacheWith([[p1, manual, order]]);
    placeInLists(cache, { taskId: 'd', projectId: 'p1', beforeId: 'a' });
    expect(ids(p1, manual)).toEqual(['d', 'a', 'b', 'c']);
    placeInLists(cache, { taskId: 'a', projectId: 'p1', afterId: 'b', beforeId: 'c' });
    expect(ids(p1, manual)).toEqual(['d', 'b', 'a', 'c']);
    placeInLists(cache, { taskId: 'd', projectId: 'p1', afterId: 'c' });
    expect(ids(p1, manual)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('applying the same move twice (optimistic, then the answer) changes nothing more', () => {
    const { cache, ids } = cacheWith([[p1, manual, order]]);
    const move = { taskId: 'b', projectId: 'p1', afterId: 'c', beforeId: 'd' };
    placeInLists(cache, move);
    placeInLists(cache, move);
    expect(ids(p1, manual)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('keeps the count and the page info', () => {
    const { cache } = cacheWith([[p1, manual, order]]);
    placeInLists(cache, { taskId: 'd', projectId: 'p1', beforeId: 'a' });
    const { tasks } = cache.readQuery({ query: TaskListDocument, variables: { filter: p1, sort: manual, first: 25 } })!;
    expect(tasks.totalCount).toBe(4);
    expect(tasks.pageInfo).toEqual({ __typename: 'PageInfo', hasNextPage: false, endCursor: 'c-d' });
  });

  it('leaves other sorts, other projects and lists of several projects as they were', () => {
    const p2: TaskFilter = { projectIds: ['p2'] };
    const both: TaskFilter = { projectIds: ['p1', 'p2'] };
    const { cache, ids } = cacheWith([
      [p1, null, order],
      [p1, { field: 'TITLE', direction: 'ASC' }, order],
      [p2, manual, order],
      [both, manual, order],
      [{}, manual, order],
    ]);
    placeInLists(cache, { taskId: 'd', projectId: 'p1', beforeId: 'a' });
    expect(ids(p1, null)).toEqual(order);
    expect(ids(p1, { field: 'TITLE', direction: 'ASC' })).toEqual(order);
    expect(ids(p2, manual)).toEqual(order);
    expect(ids(both, manual)).toEqual(order);
    expect(ids({}, manual)).toEqual(order);
  });

  it('leaves a list without the task, or without either neighbour, as it was', () => {
    const { cache, ids } = cacheWith([[p1, manual, ['a', 'b', 'c']]]);
    placeInLists(cache, { taskId: 'x', projectId: 'p1', beforeId: 'a' });
    expect(ids(p1, manual)).toEqual(['a', 'b', 'c']);
    placeInLists(cache, { taskId: 'c', projectId: 'p1', afterId: 'y', beforeId: 'z' });
    expect(ids(p1, manual)).toEqual(['a', 'b', 'c']);
    // beforeId stands in when afterId is not shown (a list filtered differently).
    placeInLists(cache, { taskId: 'c', projectId: 'p1', afterId: 'y', beforeId: 'a' });
    expect(ids(p1, manual)).toEqual(['c', 'a', 'b']);
  });
});
