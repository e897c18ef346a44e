import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { isOverdue } from './task.mapper.js';
import { toPrefixQuery, validateDescription, validateRecurrence, validateTitle } from './task.validation.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as GraphQLError).extensions?.field as string;
  }
  return undefined;
};

describe('task validation', () => {
  it('titles are trimmed, 1..500 characters', () => {
    expect(validateTitle('  hi  ', 'input.title')).toBe('hi');
    expect(validateTitle('x'.repeat(500), 'input.title')).toHaveLength(500);
    expect(fieldOf(() => validateTitle(' \t', 'input.title'))).toBe('input.title');
    expect(fieldOf(() => validateTitle('x'.repeat(501), 'input.title'))).toBe('input.title');
  });

  it('titles are one line; descriptions may have line breaks; neither holds NUL or other controls', () => {
    // Surrounding whitespace (a pasted trailing line break) is trimmed first, as before.
    expect(validateTitle('Buy milk\r\n', 'input.title')).toBe('Buy milk');
    for (const bad of ['a\u0000b', 'a\tb', 'a\nb', 'a\u001bb'])
      expect(
        fieldOf(() => validateTitle(bad, 'input.title')),
        JSON.stringify(bad),
      ).toBe('input.title');
    expect(validateDescription('Steps:\r\n\t1. call\n\t2. write', 'input.description')).toBe(
      'Steps:\r\n\t1. call\n\t2. write',
    );
    for (const bad of ['a\u0000b', 'a\u0007', 'a\u000bb'])
      expect(
        fieldOf(() => validateDescription(bad, 'input.description')),
        JSON.stringify(bad),
      ).toBe('input.description');
    expect(fieldOf(() => toPrefixQuery('report\u0000'))).toBe('filter.search');
  });

  it('a repeated or oversized rule is de-duplicated or refused', () => {
    expect(validateRecurrence({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,1,15,1' }, 'UTC', 'input.recurrence').rrule).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=1,15',
    );
    expect(
      fieldOf(() => validateRecurrence({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1;BYMONTHDAY=1' }, 'UTC', 'input.recurrence')),
    ).toBe('input.recurrence.rrule');
    const long = `FREQ=MONTHLY;BYMONTHDAY=${Array(12_000).fill('1').join(',')}`;
    expect(fieldOf(() => validateRecurrence({ rrule: long }, 'UTC', 'input.recurrence'))).toBe(
      'input.recurrence.rrule',
    );
  });

  it('recurrence errors name the sub-field', () => {
    expect(validateRecurrence({ rrule: 'rrule:freq=weekly;byday=mo' }, 'Europe/Berlin', 'input.recurrence')).toEqual({
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      timeZone: 'Europe/Berlin',
      anchor: 'SCHEDULE',
    });
    expect(fieldOf(() => validateRecurrence({ rrule: 'FREQ=SOMETIMES' }, 'UTC', 'input.recurrence'))).toBe(
      'input.recurrence.rrule',
    );
    // The two kinds of rule the engine got wrong are refused as the client's mistake (issue 19).
    for (const rrule of ['FREQ=YEARLY;BYWEEKNO=10', 'FREQ=YEARLY;BYDAY=1MO,FR']) {
      expect(fieldOf(() => validateRecurrence({ rrule }, 'UTC', 'input.recurrence'))).toBe('input.recurrence.rrule');
    }
    expect(
      fieldOf(() =>
        validateRecurrence({ rrule: 'FREQ=DAILY', timeZone: 'Atlantis/Capital' }, 'UTC', 'input.recurrence'),
      ),
    ).toBe('input.recurrence.timeZone');
  });

  it('search text becomes a prefix tsquery without operators', () => {
    expect(toPrefixQuery('Weekly  report!')).toBe('weekly:* & report:*');
    expect(toPrefixQuery("a & b | !c:* ('d')")).toBe('a:* & b:* & c:* & d:*');
    expect(toPrefixQuery('Ärger über Müll')).toBe('ärger:* & über:* & müll:*');
    expect(toPrefixQuery(' --- ')).toBeNull();
  });
});

describe('isOverdue', () => {
  const base = { status: 'OPEN' as const, due_at: null, due_date: null, time_zone: 'UTC' };
  it('timed tasks once dueAt has passed; completed tasks never', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(isOverdue({ ...base, due_at: new Date('2026-11-28T11:59:59Z') }, now)).toBe(true);
    expect(isOverdue({ ...base, due_at: new Date('2026-11-28T12:00:01Z') }, now)).toBe(false);
    expect(isOverdue({ ...base, status: 'COMPLETED', due_at: new Date('2026-11-01T00:00:00Z') }, now)).toBe(false);
    expect(isOverdue(base, now)).toBe(false);
  });
  it('all-day tasks from the day after, in the task time zone', () => {
    // 23:30 UTC on the 28th is already the 29th in Berlin and still the 28th in New York.
    const now = new Date('2026-11-28T23:30:00Z');
    expect(isOverdue({ ...base, due_date: '2026-11-28', time_zone: 'Europe/Berlin' }, now)).toBe(true);
    expect(isOverdue({ ...base, due_date: '2026-11-28', time_zone: 'America/New_York' }, now)).toBe(false);
    expect(isOverdue({ ...base, due_date: '2026-11-28', time_zone: 'UTC' }, now)).toBe(false);
    expect(isOverdue({ ...base, due_date: '2026-11-27', time_zone: 'UTC' }, now)).toBe(true);
  });
});
