import { describe, expect, it } from 'vitest';
import { initialFilters, manualOrder, taskFilterOf, taskSortOf, toggled, viewFilterOf } from './filters';

describe('task list filters → tasks(filter:, sort:)', () => {
  it('starts with open tasks only', () => {
    expect(taskFilterOf(initialFilters, '')).toEqual({ status: 'OPEN' });
  });

  it('sends only what is set; "All" statuses send no status', () => {
    expect(
      taskFilterOf(
        { ...initialFilters, status: '', priorities: ['HIGH', 'LOW'], tags: ['home'], overdue: true },
        'milk',
      ),
    ).toEqual({ priorities: ['HIGH', 'LOW'], tags: ['home'], overdue: true, search: 'milk' });
  });

  it('takes the due range as whole days in the browser zone, both ends included', () => {
    const filter = taskFilterOf({ ...initialFilters, dueFrom: '2026-12-01', dueTo: '2026-12-03' }, '');
    expect(filter.dueAfter).toBe(new Date(2026, 11, 1, 0, 0, 0, 0).toISOString());
    expect(filter.dueBefore).toBe(new Date(2026, 11, 3, 23, 59, 59, 999).toISOString());
  });

  it('leaves the default order to the server, else sends field and direction', () => {
    expect(taskSortOf('DEFAULT')).toBeNull();
    expect(taskSortOf('DUE_AT:ASC')).toEqual({ field: 'DUE_AT', direction: 'ASC' });
    expect(taskSortOf('PRIORITY:DESC')).toEqual({ field: 'PRIORITY', direction: 'DESC' });
    expect(taskSortOf(manualOrder)).toEqual({ field: 'POSITION', direction: 'ASC' });
  });

  it('toggles a checkbox value in or out, keeping the order of the others', () => {
    expect(toggled(['HIGH'], 'LOW')).toEqual(['HIGH', 'LOW']);
    expect(toggled(['HIGH', 'LOW', 'MEDIUM'], 'LOW')).toEqual(['HIGH', 'MEDIUM']);
  });

  it('narrows to the view: one project, or the tasks assigned to the user', () => {
    expect(viewFilterOf({ kind: 'all' })).toEqual({});
    expect(viewFilterOf({ kind: 'project', projectId: 'p1' })).toEqual({ projectIds: ['p1'] });
    expect(viewFilterOf({ kind: 'assigned' })).toEqual({ assignedToMe: true });
  });
});
