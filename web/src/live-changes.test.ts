import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from './cache';
import {
  ProjectsDocument,
  TaskListDocument,
  type TaskFilter,
  type SubtaskSummaryFieldsFragment,
  type TaskItemFieldsFragment,
  type TaskListQuery,
} from './gql/graphql';

/** A row of the task list as its query reads it: the item's fields and the subtask summary. */
type ListedTask = TaskItemFieldsFragment & SubtaskSummaryFieldsFragment;
import {
  applyTaskChange,
  createFollowUpRunner,
  everythingToFetch,
  listFilterOf,
  mergeFollowUps,
  nothingToFetch,
  type FollowUp,
  type LiveTaskChange,
} from './live-changes';

const project = (id: string) => ({ __typename: 'Project' as const, id, name: id.toUpperCase(), color: null });

function task(id: string, patch: Partial<ListedTask> = {}): ListedTask {
  return {
    __typename: 'Task',
    id,
    title: `Task ${id}`,
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
    project: project('p1'),
    assignee: null,
    subtaskProgress: { __typename: 'SubtaskProgress', done: 0, total: 0 },
    parent: null,
    ...patch,
  } as ListedTask;
}

const everyOpen: TaskFilter = { status: 'OPEN' };
const launchOpen: TaskFilter = { status: 'OPEN', projectIds: ['p1'] };

/** A cache holding two lists (every open task; project p1's) and the project list. */
function cacheWithLists() {
  const cache = createCache();
  const write = (filter: TaskFilter, tasks: ListedTask[]) =>
    cache.writeQuery({
      query: TaskListDocument,
      variables: { filter, sort: null, first: 25 },
      data: {
        tasks: {
          __typename: 'TaskConnection',
          totalCount: tasks.length,
          edges: tasks.map((node, i) => ({
            __typename: 'TaskEdge',
            cursor: `c-${node.id}`,
            node: { ...node, position: `a${i}` },
          })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      } as TaskListQuery,
    });
  write(everyOpen, [task('t1'), task('t2'), task('t3', { project: project('inbox') })]);
  write(launchOpen, [task('t1'), task('t2')]);
  cache.writeQuery({
    query: ProjectsDocument,
    data: {
      projects: ['inbox', 'p1', 'p2'].map((id, position) => ({
        ...project(id),
        isInbox: id === 'inbox',
        role: 'OWNER' as const,
        position,
      })),
    },
  });
  const list = (filter: TaskFilter) =>
    cache.readQuery({ query: TaskListDocument, variables: { filter, sort: null, first: 25 } })!.tasks;
  return { cache, list, ids: (filter: TaskFilter) => list(filter).edges.map((e) => e.node.id) };
}

const known = new Set(['inbox', 'p1', 'p2']);
const change = (patch: Partial<LiveTaskChange> & Pick<LiveTaskChange, 'type' | 'taskId'>): LiveTaskChange => ({
  projectId: 'p1',
  task: null,
  ...patch,
});
const counts = (f: FollowUp) => (f.counts === 'all' ? 'all' : [...f.counts].sort());

describe('applying projectChanges to the cache', () => {
  it('UPDATED: every list shows the task changed at once; lists are fetched again (it may enter or leave one)', () => {
    const { cache, list } = cacheWithLists();
    const renamed = task('t1', { title: 'Renamed', priority: 'HIGH' });
    const followUp = applyTaskChange(cache, change({ type: 'UPDATED', taskId: 't1', task: renamed }), known);
    expect(list(everyOpen).edges[0]!.node).toMatchObject({ title: 'Renamed', priority: 'HIGH' });
    expect(list(launchOpen).edges[0]!.node.title).toBe('Renamed');
    expect(followUp).toEqual({ lists: true, counts: new Set(), projects: false });

    const assigned = task('t1', { title: 'Renamed', assignee: { __typename: 'User', id: 'u2' } as { id: string } });
    applyTaskChange(cache, change({ type: 'UPDATED', taskId: 't1', task: assigned }), known);
    expect(list(launchOpen).edges[0]!.node.assignee).toEqual({ __typename: 'User', id: 'u2' });
  });

  it('COMPLETED: the status is written where the task is shown, and the project counted again', () => {
    const { cache, list } = cacheWithLists();
    const done = task('t2', { status: 'COMPLETED', completedAt: '2026-12-01T10:00:00.000Z' });
    const followUp = applyTaskChange(cache, change({ type: 'COMPLETED', taskId: 't2', task: done }), known);
    expect(list(launchOpen).edges[1]!.node.status).toBe('COMPLETED');
    expect(followUp).toEqual({ lists: false, counts: new Set(['p1']), projects: false });
  });

  it('REOPENED: written; lists (an open-task list may lack it) and the count fetched again', () => {
    const { cache, list } = cacheWithLists();
    applyTaskChange(
      cache,
      change({ type: 'COMPLETED', taskId: 't2', task: task('t2', { status: 'COMPLETED' }) }),
      known,
    );
    const reopened = applyTaskChange(cache, change({ type: 'REOPENED', taskId: 't2', task: task('t2') }), known);
    expect(list(everyOpen).edges[1]!.node.status).toBe('OPEN');
    expect(reopened).toEqual({ lists: true, counts: new Set(['p1']), projects: false });
  });

  it('CREATED: written, lists and the count fetched again; a project the app does not list is fetched too', () => {
    const { cache } = cacheWithLists();
    const created = applyTaskChange(cache, change({ type: 'CREATED', taskId: 't4', task: task('t4') }), known);
    expect(created).toEqual({ lists: true, counts: new Set(['p1']), projects: false });
    expect(cache.identify({ __typename: 'Task', id: 't4' })).toBe('Task:t4');

    const joined = task('t5', { project: project('p7') });
    const inNewProject = applyTaskChange(
      cache,
      change({ type: 'CREATED', taskId: 't5', projectId: 'p7', task: joined }),
      known,
    );
    expect(inNewProject.projects).toBe(true);
    // Before the project list is loaded there is nothing to compare with.
    expect(
      applyTaskChange(cache, change({ type: 'CREATED', taskId: 't6', projectId: 'p7', task: joined }), null).projects,
    ).toBe(false);
  });

  it('DELETED: gone from every list with one less in each count, once even when told twice', () => {
    const { cache, list, ids } = cacheWithLists();
    const followUp = applyTaskChange(cache, change({ type: 'DELETED', taskId: 't1' }), known);
    expect(ids(everyOpen)).toEqual(['t2', 't3']);
    expect(ids(launchOpen)).toEqual(['t2']);
    expect(list(everyOpen).totalCount).toBe(2);
    expect(list(launchOpen).totalCount).toBe(1);
    expect(cache.extract()['Task:t1']).toBeUndefined();
    expect(followUp).toEqual({ lists: false, counts: new Set(['p1']), projects: false });

    // The user's own delete evicted it already; its change arrives afterwards.
    applyTaskChange(cache, change({ type: 'DELETED', taskId: 't1' }), known);
    expect(list(everyOpen).totalCount).toBe(2);
    expect(list(launchOpen).totalCount).toBe(1);
  });

  it('MOVED: the new project is written; both projects are counted again, every one when the old is not known', () => {
    const { cache, list } = cacheWithLists();
    const moved = task('t2', { project: project('p2') });
    const followUp = applyTaskChange(
      cache,
      change({ type: 'MOVED', taskId: 't2', projectId: 'p2', task: moved }),
      known,
    );
    expect(list(everyOpen).edges[1]!.node.project.id).toBe('p2');
    // Gone at once from the list of the project it left (one less there), still in every task's.
    expect(list(launchOpen).edges.map((e) => e.node.id)).toEqual(['t1']);
    expect(list(launchOpen).totalCount).toBe(1);
    expect(list(everyOpen).totalCount).toBe(3);
    expect(followUp.lists).toBe(true);
    expect(counts(followUp)).toEqual(['p1', 'p2']);

    // The user's own moveTask answered first: the cache no longer knows where it came from.
    const again = applyTaskChange(cache, change({ type: 'MOVED', taskId: 't2', projectId: 'p2', task: moved }), known);
    expect(again.counts).toBe('all');
  });

  it("MOVED out of the user's projects (no task): dropped from the lists and evicted", () => {
    const { cache, ids, list } = cacheWithLists();
    const followUp = applyTaskChange(
      cache,
      change({ type: 'MOVED', taskId: 't2', projectId: 'p9', task: null }),
      known,
    );
    expect(ids(everyOpen)).toEqual(['t1', 't3']);
    expect(ids(launchOpen)).toEqual(['t1']);
    expect(list(launchOpen).totalCount).toBe(1);
    expect(cache.extract()['Task:t2']).toBeUndefined();
    // The user is not a member of p9: nothing to learn from the project list.
    expect(followUp).toEqual({ lists: true, counts: new Set(['p1', 'p9']), projects: false });
  });

  it('an unknown kind of change fetches everything it may have touched', () => {
    const { cache } = cacheWithLists();
    const followUp = applyTaskChange(
      cache,
      { ...change({ type: 'UPDATED', taskId: 't1', task: task('t1') }), type: 'ARCHIVED' as never },
      known,
    );
    expect(followUp).toEqual({ lists: true, counts: 'all', projects: false });
  });
});

describe('the filter of a cached list', () => {
  it('is read from the store field name; anything else is unknown', () => {
    expect(listFilterOf('tasks:{"filter":{"projectIds":["p1"],"status":"OPEN"},"sort":null}')).toEqual({
      projectIds: ['p1'],
      status: 'OPEN',
    });
    expect(listFilterOf('tasks:{"filter":null,"sort":null}')).toBeNull();
    expect(listFilterOf('tasks')).toBeUndefined();
    expect(listFilterOf('tasks:{not json')).toBeUndefined();
  });
});

describe('follow-ups', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('merge: any list, any project list, the union of counts ("all" wins)', () => {
    const a: FollowUp = { lists: false, counts: new Set(['p1']), projects: false };
    const b: FollowUp = { lists: true, counts: new Set(['p2']), projects: false };
    expect(mergeFollowUps(a, b)).toEqual({ lists: true, counts: new Set(['p1', 'p2']), projects: false });
    expect(mergeFollowUps(a, everythingToFetch)).toEqual(everythingToFetch);
    expect(mergeFollowUps(nothingToFetch, nothingToFetch)).toEqual(nothingToFetch);
  });

  it('a burst is one run; changes during a run make one more run after it; nothing to fetch runs nothing', async () => {
    vi.useFakeTimers();
    const runs: FollowUp[] = [];
    let finish: () => void = () => undefined;
    const runner = createFollowUpRunner(
      (f) => {
        runs.push(f);
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { delayMs: 40 },
    );
    runner.add(nothingToFetch);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([]);

    runner.add({ lists: false, counts: new Set(['p1']), projects: false });
    runner.add({ lists: true, counts: new Set(['p2']), projects: false });
    await vi.advanceTimersByTimeAsync(39);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([{ lists: true, counts: new Set(['p1', 'p2']), projects: false }]);

    // Still running: these wait, merged, for the run to end.
    runner.add({ lists: false, counts: new Set(['p3']), projects: false });
    runner.add({ lists: false, counts: new Set(), projects: true });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(1);
    finish();
    await vi.advanceTimersByTimeAsync(40);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toEqual({ lists: false, counts: new Set(['p3']), projects: true });

    finish();
    runner.dispose();
    runner.add(everythingToFetch);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(2);
  });

  it('a failed run is dropped; the next follow-up runs', async () => {
    vi.useFakeTimers();
    const run = vi.fn<(f: FollowUp) => Promise<void>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue();
    const runner = createFollowUpRunner(run, { delayMs: 10 });
    runner.add(everythingToFetch);
    await vi.advanceTimersByTimeAsync(10);
    runner.add({ lists: true, counts: new Set(), projects: false });
    await vi.advanceTimersByTimeAsync(10);
    expect(run.mock.calls.map(([f]) => f)).toEqual([
      everythingToFetch,
      { lists: true, counts: new Set(), projects: false },
    ]);
    runner.dispose();
  });
});
