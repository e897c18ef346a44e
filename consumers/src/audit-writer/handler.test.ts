import { describe, expect, it } from 'vitest';
import { decodeEnvelope, EventContractError, parseEvent } from '@taskwire/platform/events';
import { rawEnvelope } from '@taskwire/platform/events/testing';
import { userIdsNamedBy } from '@taskwire/audit';
import { auditChanges, taskProjectsOf, toAuditEntry, type AuditedEvent } from './handler.js';

const taskId = '0193a1b2-0000-7000-8000-000000000001';
const snapshot = {
  id: taskId,
  userId: 'user-a',
  title: 'Write report',
  description: null,
  priority: 'HIGH',
  status: 'OPEN',
  dueAt: '2026-12-01T09:00:00.000Z',
  dueDate: null,
  completedAt: null,
  recurrence: null,
  seriesId: null,
  occurrence: null,
  seriesStart: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
};

/** An event as the runner hands it to the handler: parsed by the contract. */
function event(type: string, data: Record<string, unknown>, version = 1): AuditedEvent {
  const envelope = rawEnvelope({ type, version, actor: 'user-a', subject: taskId, userId: 'user-a', data });
  return parseEvent({ ...envelope, correlationId: 'req-1' }) as AuditedEvent;
}

describe('audit mapping (schema/EVENTS.md "Audit mapping")', () => {
  it('task.created: every non-null snapshot field, old null', () => {
    const changes = auditChanges(event('task.created', { task: snapshot, predecessorId: null, skippedOccurrences: 0 }));
    expect(changes).toEqual([
      { field: 'id', old: null, new: taskId },
      { field: 'userId', old: null, new: 'user-a' },
      { field: 'title', old: null, new: 'Write report' },
      { field: 'priority', old: null, new: 'HIGH' },
      { field: 'status', old: null, new: 'OPEN' },
      { field: 'dueAt', old: null, new: '2026-12-01T09:00:00.000Z' },
      { field: 'createdAt', old: null, new: '2026-11-28T10:00:00.000Z' },
      { field: 'updatedAt', old: null, new: '2026-11-28T10:00:00.000Z' },
    ]);
  });

  it('task.updated: data.changes as they are (objects too)', () => {
    const rec = { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' };
    const changes = [
      { field: 'title', old: 'Write report', new: 'Write the report' },
      { field: 'recurrence', old: null, new: rec },
    ];
    expect(auditChanges(event('task.updated', { task: snapshot, changes }))).toEqual(changes);
  });

  it('task.completed / reopened / deleted', () => {
    const done = { ...snapshot, status: 'COMPLETED', completedAt: '2026-11-28T11:00:00.000Z' };
    expect(auditChanges(event('task.completed', { task: done }))).toEqual([
      { field: 'status', old: 'OPEN', new: 'COMPLETED' },
      { field: 'completedAt', old: null, new: '2026-11-28T11:00:00.000Z' },
    ]);
    expect(
      auditChanges(event('task.reopened', { task: snapshot, previousCompletedAt: '2026-11-28T11:00:00.000Z' })),
    ).toEqual([
      { field: 'status', old: 'COMPLETED', new: 'OPEN' },
      { field: 'completedAt', old: '2026-11-28T11:00:00.000Z', new: null },
    ]);
    expect(auditChanges(event('task.deleted', { task: snapshot }))).toEqual([]);
  });

  it('tags and reminders', () => {
    const tag = { id: 't1', name: 'work', color: null };
    expect(auditChanges(event('task.tagged', { taskId, tag }))).toEqual([{ field: 'tags', old: null, new: 'work' }]);
    expect(auditChanges(event('task.untagged', { taskId, tag }))).toEqual([{ field: 'tags', old: 'work', new: null }]);
    const reminder = {
      id: 'r1',
      taskId,
      remindAt: '2026-12-01T08:00:00.000Z',
      offsetMinutes: 60,
      state: 'SCHEDULED',
      firedAt: null,
      snoozedUntil: null,
    };
    expect(auditChanges(event('reminder.added', { reminder }))).toEqual([
      { field: 'remindAt', old: null, new: '2026-12-01T08:00:00.000Z' },
      { field: 'state', old: null, new: 'SCHEDULED' },
    ]);
    // First snooze: previousRemindAt is remindAt; a second one: the first snooze's time.
    const snoozed = { ...reminder, snoozedUntil: '2026-12-01T08:30:00.000Z' };
    expect(
      auditChanges(event('reminder.snoozed', { reminder: snoozed, previousRemindAt: '2026-12-01T08:00:00.000Z' })),
    ).toEqual([{ field: 'snoozedUntil', old: null, new: '2026-12-01T08:30:00.000Z' }]);
    const again = { ...reminder, snoozedUntil: '2026-12-01T09:00:00.000Z' };
    expect(
      auditChanges(event('reminder.snoozed', { reminder: again, previousRemindAt: '2026-12-01T08:30:00.000Z' })),
    ).toEqual([{ field: 'snoozedUntil', old: '2026-12-01T08:30:00.000Z', new: '2026-12-01T09:00:00.000Z' }]);
    const moved = { ...reminder, remindAt: '2026-12-01T08:30:00.000Z' };
    expect(
      auditChanges(event('reminder.rescheduled', { reminder: moved, previousRemindAt: '2026-12-01T08:00:00.000Z' })),
    ).toEqual([{ field: 'remindAt', old: '2026-12-01T08:00:00.000Z', new: '2026-12-01T08:30:00.000Z' }]);
    expect(auditChanges(event('reminder.dismissed', { reminder: { ...reminder, state: 'DISMISSED' } }))).toEqual([
      { field: 'state', old: null, new: 'DISMISSED' },
    ]);
    expect(
      auditChanges(
        event('reminder.fired', {
          reminder: { ...reminder, state: 'FIRED' },
          firingId: 'f',
          firedAt: '2026-12-01T08:00:01.000Z',
          lateMs: 0,
        }),
      ),
    ).toEqual([{ field: 'state', old: 'SCHEDULED', new: 'FIRED' }]);
    expect(
      auditChanges(
        event('reminder.cancelled', { reminder: { ...reminder, state: 'CANCELLED' }, reason: 'task-deleted' }),
      ),
    ).toEqual([{ field: 'state', old: null, new: 'CANCELLED' }]);
  });

  it('row carries ids, actor, owner, task, time and tracing', () => {
    const e = {
      ...event('task.deleted', { task: snapshot }),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    expect(toAuditEntry(e)).toEqual({
      eventId: e.id,
      type: 'task.deleted',
      actorId: 'user-a',
      userId: 'user-a',
      taskId,
      occurredAt: e.occurredAt,
      correlationId: 'req-1',
      traceparent: e.traceparent,
      changes: [],
    });
  });

  it('never sees unknown types and versions or payloads off contract: the parse refuses them first', () => {
    const kind = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof EventContractError ? error.kind : String(error);
      }
      return 'accepted';
    };
    expect(kind(() => event('task.exploded', {}))).toBe('unknown-type');
    expect(kind(() => event('task.created', { task: snapshot }, 2))).toBe('unknown-version');
    expect(kind(() => event('task.updated', { task: snapshot, changes: 'title' }))).toBe('invalid-payload');
    expect(kind(() => event('task.tagged', { taskId }))).toBe('invalid-payload');
    const notUuid = { ...rawEnvelope({ type: 'task.deleted', subject: taskId, userId: 'u' }), id: 'x' };
    expect(kind(() => decodeEnvelope(JSON.stringify(notUuid)))).toBe('undecodable');
  });
});

describe('task projects and the user ids an entry names', () => {
  const tagData = { taskId, tag: { id: 'tag-1', name: 'home', color: null } };

  it("takes each task's project from its last snapshot in the batch; events without one say nothing", () => {
    const moved = event('task.updated', {
      task: { ...snapshot, projectId: 'project-2' },
      changes: [{ field: 'projectId', old: 'project-1', new: 'project-2' }],
    });
    const events = [
      event('task.created', {
        task: { ...snapshot, projectId: 'project-1' },
        predecessorId: null,
        skippedOccurrences: 0,
      }),
      moved,
      event('task.tagged', tagData),
      event('task.completed', { task: { ...snapshot, status: 'COMPLETED', completedAt: '2026-11-29T10:00:00.000Z' } }),
    ];
    expect(taskProjectsOf(events)).toEqual([{ taskId, projectId: 'project-2', at: moved.occurredAt }]);
    expect(taskProjectsOf([event('task.tagged', tagData)])).toEqual([]);
  });

  it('names owner, actor and the values of user-id fields, nothing else', () => {
    const entry = toAuditEntry(
      event('task.created', {
        task: { ...snapshot, title: 'user-z', createdBy: 'user-b', assigneeId: 'user-c' },
        predecessorId: null,
        skippedOccurrences: 0,
      }),
    );
    expect(new Set(userIdsNamedBy(entry))).toEqual(new Set(['user-a', 'user-b', 'user-c']));
    const unassigned = toAuditEntry(
      event('task.updated', { task: snapshot, changes: [{ field: 'assigneeId', old: 'user-d', new: null }] }),
    );
    expect(new Set(userIdsNamedBy(unassigned))).toEqual(new Set(['user-a', 'user-d']));
  });
});
