import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../session';
import { initialEditorState, type EditorTask, type EditorValues } from './form-state';
import {
  createInputOf,
  moveTargetOf,
  previewDueOf,
  recurrenceTimeZoneOf,
  reminderInputOf,
  tagsChanged,
  updateInputOf,
} from './task-inputs';

const user: SessionUser = {
  id: 'u1',
  email: 'a@example.com',
  name: 'A',
  timeZone: 'America/New_York',
  emailVerified: true,
};
const task: EditorTask = {
  id: 't1',
  title: 'Pay rent',
  description: 'landlord',
  priority: 'HIGH',
  status: 'OPEN',
  dueAt: '2026-12-01T08:30:00Z',
  dueDate: null,
  isOverdue: false,
  completedAt: null,
  occurrence: 1,
  seriesId: 't1',
  timeZone: 'Europe/Berlin',
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timeZone: 'Europe/Paris', anchor: 'SCHEDULE' },
  tags: [
    { id: 'g1', name: 'home', color: null },
    { id: 'g2', name: 'finance', color: null },
  ],
  reminders: [],
  project: { id: 'p1', name: 'Flat', color: '#16a34a' },
  assignee: null,
};
const values = (patch: Partial<EditorValues>, from: EditorTask | null = null): EditorValues => ({
  ...initialEditorState(from).values,
  ...patch,
});
const at = (local: string) => new Date(local).toISOString();

describe('editor → API inputs', () => {
  it('creates with what was set: a blank description is null, the due time as an instant, the rule in the zone', () => {
    const input = createInputOf(
      values({ title: 'Water plants', description: '  ', dueKind: 'time', dueLocal: '2026-12-01T09:00' }),
      user,
      'America/New_York',
    );
    expect(input).toEqual({
      title: 'Water plants',
      description: null,
      priority: 'MEDIUM',
      timeZone: 'America/New_York',
      dueAt: at('2026-12-01T09:00'),
    });
  });

  it('creates an all-day repeating task with the date and the rule, not a due time', () => {
    const input = createInputOf(
      values({
        title: 'Bins',
        dueKind: 'day',
        dueDate: '2026-12-02',
        dueLocal: '2026-12-01T09:00',
        recurrence: { ...values({}).recurrence, kind: 'WEEKLY', days: ['WE'] },
      }),
      user,
      'Asia/Tokyo',
    );
    expect(input).toMatchObject({
      dueDate: '2026-12-02',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', timeZone: 'Asia/Tokyo', anchor: 'SCHEDULE' },
    });
    expect(input).not.toHaveProperty('dueAt');
  });

  it('creates in the chosen project, assigned to the chosen member; without them in the Inbox, unassigned', () => {
    expect(createInputOf(values({ title: 'Plan', projectId: 'p3', assigneeId: 'u2' }), user, 'UTC')).toMatchObject({
      projectId: 'p3',
      assigneeId: 'u2',
    });
    const inbox = createInputOf(values({ title: 'Plan' }), user, 'UTC');
    expect(inbox).not.toHaveProperty('projectId');
    expect(inbox).not.toHaveProperty('assigneeId');
  });

  it('assigns, reassigns and unassigns (null); moving is a separate step (moveTask)', () => {
    expect(updateInputOf(values({ assigneeId: 'u2' }, task), task, 'Europe/Paris')).toEqual({ assigneeId: 'u2' });
    const assigned = { ...task, assignee: { id: 'u2' } };
    expect(updateInputOf(values({}, assigned), assigned, 'Europe/Paris')).toEqual({});
    expect(updateInputOf(values({ assigneeId: null }, assigned), assigned, 'Europe/Paris')).toEqual({
      assigneeId: null,
    });
    expect(moveTargetOf(values({ projectId: 'p2' }, task), task)).toBe('p2');
    expect(moveTargetOf(values({}, task), task)).toBeNull();
    expect(updateInputOf(values({ projectId: 'p2' }, task), task, 'Europe/Paris')).toEqual({});
  });

  it('updates nothing when nothing changed', () => {
    expect(updateInputOf(values({}, task), task, 'Europe/Paris')).toEqual({});
  });

  it('updates only what changed; clearing the due value and the rule are explicit', () => {
    expect(updateInputOf(values({ title: 'Pay the rent', priority: 'LOW' }, task), task, 'Europe/Paris')).toEqual({
      title: 'Pay the rent',
      priority: 'LOW',
    });
    const cleared = values({ dueKind: 'none', recurrence: { ...values({}).recurrence, kind: 'NONE' } }, task);
    expect(updateInputOf(cleared, task, 'Europe/Paris')).toEqual({ clearDue: true, clearRecurrence: true });
  });

  it('sends a new due date, and the whole rule again when only the anchor changed', () => {
    const changed = values({ dueKind: 'day', dueDate: '2026-12-03', anchor: 'COMPLETION' }, task);
    expect(updateInputOf(changed, task, 'Europe/Paris')).toEqual({
      dueDate: '2026-12-03',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timeZone: 'Europe/Paris', anchor: 'COMPLETION' },
    });
  });

  it('an emptied description is sent; a description that stays empty is not', () => {
    expect(updateInputOf(values({ description: '' }, task), task, 'Europe/Paris')).toEqual({ description: '' });
    const bare = { ...task, description: null };
    expect(updateInputOf(values({}, bare), bare, 'Europe/Paris')).toEqual({});
  });

  it('computes repeats in the series zone, else the task zone, else the user zone', () => {
    expect(recurrenceTimeZoneOf(task, user)).toBe('Europe/Paris');
    expect(recurrenceTimeZoneOf({ ...task, recurrence: null }, user)).toBe('Europe/Berlin');
    expect(recurrenceTimeZoneOf(null, user)).toBe('America/New_York');
  });

  it('previews from the due value being edited, or from nothing', () => {
    expect(previewDueOf({ dueKind: 'time', dueLocal: '2026-12-01T09:00', dueDate: '2026-12-05' })).toEqual({
      dateTime: at('2026-12-01T09:00'),
    });
    expect(previewDueOf({ dueKind: 'day', dueLocal: '2026-12-01T09:00', dueDate: '2026-12-05' })).toEqual({
      date: '2026-12-05',
    });
    expect(previewDueOf({ dueKind: 'time', dueLocal: '', dueDate: '2026-12-05' })).toBeNull();
    expect(previewDueOf({ dueKind: 'none', dueLocal: '2026-12-01T09:00', dueDate: '2026-12-05' })).toBeNull();
  });

  it('tags changed when a name was added, removed or moved', () => {
    expect(tagsChanged(task, ['home', 'finance'])).toBe(false);
    expect(tagsChanged(task, ['finance', 'home'])).toBe(true);
    expect(tagsChanged(task, ['home'])).toBe(true);
    expect(tagsChanged(null, [])).toBe(false);
    expect(tagsChanged(null, ['home'])).toBe(true);
  });

  it('a reminder is an instant, or minutes before the due time', () => {
    expect(reminderInputOf('t1', { kind: 'absolute', local: '2026-12-01T08:00:30' })).toEqual({
      taskId: 't1',
      remindAt: at('2026-12-01T08:00:30'),
    });
    expect(reminderInputOf('t1', { kind: 'relative', amount: 2, unit: 'hours' })).toEqual({
      taskId: 't1',
      offsetMinutes: 120,
    });
    expect(reminderInputOf('t1', { kind: 'relative', amount: 1, unit: 'days' })).toEqual({
      taskId: 't1',
      offsetMinutes: 1440,
    });
  });
});
