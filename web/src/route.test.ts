import { describe, expect, it } from 'vitest';
import {
  sameTaskList,
  sameTaskView,
  taskListHref,
  taskListOf,
  taskViewOf,
  taskViewPath,
  type TaskListLocation,
} from './route';

describe('task views in the URL', () => {
  it('reads every view from its path, and anything else as every task', () => {
    expect(taskViewOf('/')).toEqual({ kind: 'all' });
    expect(taskViewOf('/assigned')).toEqual({ kind: 'assigned' });
    expect(taskViewOf('/projects/0193a0b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b')).toEqual({
      kind: 'project',
      projectId: '0193a0b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
    });
    expect(taskViewOf('/projects/')).toEqual({ kind: 'all' });
    expect(taskViewOf('/projects/a/b')).toEqual({ kind: 'all' });
    expect(taskViewOf('/projects/%E0%A4%A')).toEqual({ kind: 'all' });
    expect(taskViewOf('/nowhere')).toEqual({ kind: 'all' });
  });

  it('writes each view as the path it is read from', () => {
    for (const view of [
      { kind: 'all' } as const,
      { kind: 'assigned' } as const,
      { kind: 'project', projectId: 'p/1 ü' } as const,
    ]) {
      expect(taskViewOf(taskViewPath(view))).toEqual(view);
    }
    expect(sameTaskView({ kind: 'project', projectId: 'p1' }, { kind: 'project', projectId: 'p1' })).toBe(true);
    expect(sameTaskView({ kind: 'project', projectId: 'p1' }, { kind: 'assigned' })).toBe(false);
  });
});

describe('the list (view, query and sort) in the URL', () => {
  const read = (href: string) => {
    const url = new URL(href, 'https://taskwire.test');
    return taskListOf(url.pathname, url.searchParams);
  };

  it('reads the query and the sort from the query string', () => {
    expect(read('/?q=%28today+%7C+overdue%29+%26+%23work&sort=DUE_AT:ASC')).toEqual({
      view: { kind: 'all' },
      query: '(today | overdue) & #work',
      sort: 'DUE_AT:ASC',
    });
    expect(read('/assigned?sort=priority:desc')).toEqual({
      view: { kind: 'assigned' },
      query: '',
      sort: 'PRIORITY:DESC',
    });
    expect(read('/projects/p1?q=!p1')).toEqual({
      view: { kind: 'project', projectId: 'p1' },
      query: '!p1',
      sort: null,
    });
    // An unknown field or direction is the default order.
    expect(read('/?sort=COLOUR:ASC').sort).toBeNull();
    expect(read('/?sort=DUE_AT:UP').sort).toBeNull();
    expect(read('/?sort=DUE_AT').sort).toBeNull();
    expect(read('/')).toEqual({ view: { kind: 'all' }, query: '', sort: null });
  });

  it('writes only what is set, and reads back what it wrote', () => {
    expect(taskListHref({ view: { kind: 'all' }, query: '', sort: null })).toBe('/');
    expect(taskListHref({ view: { kind: 'assigned' }, query: '', sort: 'TITLE:ASC' })).toBe(
      '/assigned?sort=TITLE%3AASC',
    );
    const cases: TaskListLocation[] = [
      { view: { kind: 'all' }, query: '(today | overdue) & #work & !p1', sort: 'DUE_AT:ASC' },
      { view: { kind: 'all' }, query: 'search: 50% off & ~"Big Project"', sort: null },
      { view: { kind: 'assigned' }, query: 'due before: friday 5pm', sort: 'PRIORITY:DESC' },
      { view: { kind: 'project', projectId: 'p/1 ü' }, query: 'a=b&c?d#e +f', sort: 'POSITION:ASC' },
    ];
    for (const list of cases) expect(read(taskListHref(list))).toEqual(list);
  });

  it('compares two lists by their URL', () => {
    const list: TaskListLocation = { view: { kind: 'all' }, query: '#work', sort: null };
    expect(sameTaskList(list, { ...list })).toBe(true);
    expect(sameTaskList(list, { ...list, sort: 'TITLE:ASC' })).toBe(false);
    expect(sameTaskList(list, { ...list, view: { kind: 'assigned' } })).toBe(false);
  });
});
