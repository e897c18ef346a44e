import { describe, expect, it } from 'vitest';
import { buildEvent, parseEvent, type EventOf } from '@taskwire/platform/events';
import { projectsOf, taskChangeFromEvent } from './task-change.model.js';

const at = '2026-12-01T10:00:00.000Z';
const task = {
  id: 't1',
  userId: 'u1',
  title: 'Title',
  description: null,
  priority: 'MEDIUM' as const,
  status: 'OPEN' as const,
  dueAt: null,
  dueDate: null,
  completedAt: null,
  recurrence: null,
  seriesId: null,
  occurrence: null,
  seriesStart: null,
  projectId: 'p2',
  assigneeId: null,
  createdBy: 'u1',
  createdAt: at,
  updatedAt: at,
};

function event(type: string, data: Record<string, unknown>, actor: string | null = 'u9'): EventOf {
  const { envelope } = buildEvent(type as never, { actor, subject: 't1', userId: 'u1', data: data as never });
  return parseEvent(envelope);
}

describe('taskChangeFromEvent', () => {
  it('maps each task event to its change type, with actor, project and time', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['task.created', { task, predecessorId: null, skippedOccurrences: 0 }, 'CREATED'],
      ['task.updated', { task, changes: [{ field: 'title', old: 'a', new: 'b' }] }, 'UPDATED'],
      ['task.completed', { task }, 'COMPLETED'],
      ['task.reopened', { task, previousCompletedAt: at }, 'REOPENED'],
      ['task.deleted', { task }, 'DELETED'],
    ];
    for (const [type, data, changeType] of cases) {
      const e = event(type, data);
      expect(taskChangeFromEvent(e), type).toEqual({
        type: changeType,
        taskId: 't1',
        projectId: 'p2',
        previousProjectId: null,
        actorId: 'u9',
        at: e.occurredAt,
      });
    }
  });

  it('a task.updated that changed projectId is a MOVED told to both projects', () => {
    const change = taskChangeFromEvent(
      event('task.updated', { task, changes: [{ field: 'projectId', old: 'p1', new: 'p2' }] }, null),
    )!;
    expect(change).toMatchObject({ type: 'MOVED', projectId: 'p2', previousProjectId: 'p1', actorId: null });
    expect(projectsOf(change).sort()).toEqual(['p1', 'p2']);
  });

  it('ignores tag and reminder events, and task events from before projects', () => {
    const tagged = event('task.tagged', { taskId: 't1', tag: { id: 'g', name: 'x', color: null } });
    expect(taskChangeFromEvent(tagged)).toBeNull();
    const { projectId: _omitted, ...older } = task;
    expect(taskChangeFromEvent(event('task.completed', { task: older }))).toBeNull();
  });
});
