import { describe, expect, it } from 'vitest';
import { sameTaskView, taskViewOf, taskViewPath } from './route';

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
