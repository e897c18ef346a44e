import { describe, expect, it } from 'vitest';
import { editorFieldErrors } from './field-errors';

describe('server field errors → editor controls', () => {
  it('puts each BAD_USER_INPUT field next to its control', () => {
    const errors = editorFieldErrors({
      fields: {
        title: 'title expected 1-500 characters',
        dueAt: 'dueAt expected an RFC 3339 date-time',
        'recurrence.timeZone': 'recurrence.timeZone expected an IANA time zone',
        names: 'names expected at most 20 tags',
        offsetMinutes: 'offsetMinutes expected a whole number ≥ 0',
      },
      general: null,
    });
    expect(errors).toEqual({
      title: 'title expected 1-500 characters',
      dueAt: 'dueAt expected an RFC 3339 date-time',
      recurrence: 'recurrence.timeZone expected an IANA time zone',
      tags: 'names expected at most 20 tags',
      reminder: 'offsetMinutes expected a whole number ≥ 0',
      general: [],
    });
  });

  it('prefers the rule over the zone for the recurrence, and names over taskId for tags', () => {
    const errors = editorFieldErrors({
      fields: { 'recurrence.timeZone': 'zone', 'recurrence.rrule': 'rule', taskId: 'id', names: 'names' },
      general: null,
    });
    expect(errors.recurrence).toBe('rule');
    expect(errors.tags).toBe('names');
  });

  it('shows a field the form has no control for with the general message, and ignores cleared ones', () => {
    const errors = editorFieldErrors({
      fields: { 'names.2': 'names.2 expected at most 50 characters', remindAt: '', offsetMinutes: '' },
      general: 'Task t1 not found',
    });
    expect(errors).toEqual({
      general: ['Task t1 not found', 'names.2: names.2 expected at most 50 characters'],
    });
  });
});
