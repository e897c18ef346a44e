import { describe, expect, it } from 'vitest';
import { noErrors } from '../../errors';
import {
  editorReducer,
  initialEditorState,
  pendingReminderOf,
  withTag,
  type EditorState,
  type EditorTask,
} from './form-state';

const task: EditorTask = {
  id: 't1',
  title: 'Pay rent',
  description: null,
  priority: 'HIGH',
  status: 'OPEN',
  dueAt: null,
  dueDate: '2026-12-01',
  isOverdue: false,
  completedAt: null,
  occurrence: 1,
  seriesId: 't1',
  timeZone: 'Europe/Berlin',
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timeZone: 'Europe/Berlin', anchor: 'COMPLETION' },
  tags: [{ id: 'g1', name: 'home', color: '#16a34a' }],
  reminders: [],
  project: { id: 'p2', name: 'Flat', color: null },
  assignee: { id: 'u2' },
};

const run = (state: EditorState, ...actions: Parameters<typeof editorReducer>[1][]) =>
  actions.reduce(editorReducer, state);

describe('editor form state', () => {
  it('starts a new task empty, medium priority, not due, not repeating', () => {
    const { values, pending, errors } = initialEditorState(null);
    expect(values).toMatchObject({ title: '', description: '', priority: 'MEDIUM', dueKind: 'none', tagNames: [] });
    expect(values.recurrence.kind).toBe('NONE');
    expect(values.anchor).toBe('SCHEDULE');
    expect(pending).toEqual([]);
    expect(errors).toEqual(noErrors);
  });

  it('starts an existing task from what it holds: an all-day due date, its rule and anchor, its tags', () => {
    const { values } = initialEditorState(task);
    expect(values).toMatchObject({
      title: 'Pay rent',
      description: '',
      priority: 'HIGH',
      dueKind: 'day',
      dueDate: '2026-12-01',
      dueLocal: '',
      tagNames: ['home'],
      anchor: 'COMPLETION',
    });
    expect(values.recurrence).toMatchObject({ kind: 'MONTHLY_DAY', monthDay: 1 });
  });

  it('keeps a task in its project with its assignee; a new one starts where the list is', () => {
    expect(initialEditorState(task).values).toMatchObject({ projectId: 'p2', assigneeId: 'u2' });
    expect(initialEditorState({ ...task, assignee: null }, { assigneeId: 'u9' }).values.assigneeId).toBeNull();
    expect(initialEditorState(null).values).toMatchObject({ projectId: null, assigneeId: null });
    expect(initialEditorState(null, { projectId: 'p3', assigneeId: 'u1' }).values).toMatchObject({
      projectId: 'p3',
      assigneeId: 'u1',
    });
  });

  it('a task due at a time opens in "Date and time" with the instant as a local input value', () => {
    const { values } = initialEditorState({ ...task, dueDate: null, dueAt: '2026-12-01T08:30:00.000Z' });
    expect(values.dueKind).toBe('time');
    expect(new Date(values.dueLocal).toISOString()).toBe('2026-12-01T08:30:00.000Z');
  });

  it('adds a typed tag once, ignoring "#", a trailing comma and case; removes one by name', () => {
    expect(withTag(['home'], ' #work, ')).toEqual(['home', 'work']);
    expect(withTag(['home'], 'HOME')).toEqual(['home']);
    expect(withTag(['home'], ' # ')).toEqual(['home']);
    const state = run(
      initialEditorState(task),
      { type: 'addTag', text: 'Finance,' },
      { type: 'removeTag', name: 'home' },
    );
    expect(state.values.tagNames).toEqual(['Finance']);
  });

  it('refuses a reminder at no time, and one before a due time the task does not have', () => {
    const draft = { kind: 'absolute', local: '', amount: 15, unit: 'minutes' } as const;
    expect(pendingReminderOf(draft, 'time')).toEqual({
      field: 'remindAt',
      message: 'Choose a date and time for the reminder.',
    });
    expect(pendingReminderOf({ ...draft, kind: 'relative' }, 'day')).toEqual({
      field: 'offsetMinutes',
      message: 'A reminder before the due time needs a due date and time.',
    });
    expect(pendingReminderOf({ ...draft, kind: 'relative', amount: 2, unit: 'hours' }, 'time')).toEqual({
      reminder: { kind: 'relative', amount: 2, unit: 'hours' },
    });
  });

  it('shows the reminder error under the reminder controls, and clears it once a reminder is added', () => {
    let state = run(initialEditorState(null), { type: 'addReminder' });
    expect(state.pending).toEqual([]);
    expect(state.errors.fields.offsetMinutes).toBe('A reminder before the due time needs a due date and time.');

    state = run(
      state,
      { type: 'editDraft', patch: { kind: 'absolute', local: '2026-12-01T09:00' } },
      { type: 'addReminder' },
    );
    expect(state.pending).toEqual([{ kind: 'absolute', local: '2026-12-01T09:00' }]);
    expect(state.draft.local).toBe('');
    expect(state.errors.fields.offsetMinutes).toBe('');
    expect(state.errors.fields.remindAt).toBe('');
  });

  it('keeps server errors not about reminders when a reminder is refused', () => {
    const errors = { fields: { title: 'too long' }, general: 'boom' };
    const state = run(initialEditorState(null), { type: 'errors', errors }, { type: 'addReminder' });
    expect(state.errors.fields).toEqual({
      title: 'too long',
      offsetMinutes: 'A reminder before the due time needs a due date and time.',
    });
    expect(state.errors.general).toBe('boom');
  });

  it('drops pending reminders as they are saved (first first) or removed', () => {
    const state = run(
      initialEditorState(null),
      { type: 'edit', patch: { dueKind: 'time', dueLocal: '2026-12-01T09:00' } },
      { type: 'editDraft', patch: { amount: 5 } },
      { type: 'addReminder' },
      { type: 'editDraft', patch: { amount: 10 } },
      { type: 'addReminder' },
      { type: 'editDraft', patch: { amount: 20 } },
      { type: 'addReminder' },
    );
    expect(state.pending.map((r) => r.kind === 'relative' && r.amount)).toEqual([5, 10, 20]);
    const after = run(state, { type: 'pendingSaved' }, { type: 'removePending', index: 1 });
    expect(after.pending.map((r) => r.kind === 'relative' && r.amount)).toEqual([10]);
  });
});
