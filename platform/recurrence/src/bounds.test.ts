import { describe, expect, it } from 'vitest';
import { nextInstanceDue, occurrencesBetween, parseRecurrenceRule, RecurrenceInputError } from './index.js';

function refusal(fn: () => unknown): RecurrenceInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RecurrenceInputError) return error;
    throw error;
  }
  throw new Error('expected a RecurrenceInputError');
}

describe('rules a client can abuse', () => {
  it('keeps each value of a BYxxx list once, in first-seen order', () => {
    expect(parseRecurrenceRule('FREQ=MONTHLY;BYMONTHDAY=15,1,15,1,-1', 'UTC').rrule).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=15,1,-1',
    );
    expect(parseRecurrenceRule('FREQ=WEEKLY;BYDAY=MO,mo,WE,MO', 'UTC').rrule).toBe('FREQ=WEEKLY;BYDAY=MO,WE');
  });

  it('refuses a repeated part and a rule over 1,000 characters', () => {
    expect(refusal(() => parseRecurrenceRule('FREQ=DAILY;BYMONTHDAY=1;BYMONTHDAY=1', 'UTC')).message).toContain(
      'BYMONTHDAY appears more than once',
    );
    const repeated = `FREQ=MONTHLY;${Array(12_000).fill('BYMONTHDAY=1').join(';')}`;
    expect(refusal(() => parseRecurrenceRule(repeated, 'UTC')).message).toBe(
      `rrule expected at most 1000 characters, got ${repeated.length}`,
    );
  });

  it('refuses control characters', () => {
    const error = refusal(() => parseRecurrenceRule('FREQ=DAILY;\u0000BYHOUR=9', 'UTC'));
    expect(error.field).toBe('rrule');
    expect(error.message).toContain('U+0000');
  });

  it('ends a series at the end of year 9999 instead of failing', () => {
    const rule = parseRecurrenceRule('FREQ=YEARLY;INTERVAL=10000', 'UTC');
    const start = { dateTime: new Date('2026-01-01T09:00:00Z') };
    expect(occurrencesBetween(rule, start, start.dateTime, 50)).toEqual([]);
    const every3000 = parseRecurrenceRule('FREQ=YEARLY;INTERVAL=3000', 'America/New_York');
    expect(occurrencesBetween(every3000, { date: '2026-01-01' }, '2026-01-01', 50)).toEqual([
      { date: '5026-01-01' },
      { date: '8026-01-01' },
    ]);
    const base = {
      rrule: 'FREQ=YEARLY;INTERVAL=10000',
      timeZone: 'UTC',
      seriesStart: { date: '2026-01-01' },
      currentDue: { date: '2026-01-01' },
      completedAt: new Date('2026-01-01T12:00:00Z'),
      now: new Date('2026-01-01T12:00:00Z'),
      occurrence: 1,
    };
    expect(nextInstanceDue({ ...base, anchor: 'SCHEDULE' })).toBeNull();
    expect(nextInstanceDue({ ...base, anchor: 'COMPLETION' })).toBeNull();
  });

  it('never yields an instant past year 9999 in UTC', () => {
    // Daily at 23:30 in New York: the one on 9999-12-31 is already year 10000 in UTC.
    const rule = parseRecurrenceRule('FREQ=DAILY', 'America/New_York');
    const out = occurrencesBetween(
      rule,
      { dateTime: new Date('9999-12-29T04:30:00Z') },
      new Date('9999-12-28T00:00:00Z'),
      5,
    );
    expect(out.map((d) => d.dateTime!.toISOString())).toEqual([
      '9999-12-29T04:30:00.000Z',
      '9999-12-30T04:30:00.000Z',
      '9999-12-31T04:30:00.000Z',
    ]);
  });
});
