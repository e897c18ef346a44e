import { describe, expect, it } from 'vitest';
import {
  calendarDateProblem,
  parseDate,
  parseInstant,
  parseMultilineText,
  parseText,
  parseTimeZone,
  ValueError,
} from './values.js';

/** The error a parser throws, or null when it accepts the value. */
function refusal(parse: () => unknown): ValueError | null {
  try {
    parse();
    return null;
  } catch (error) {
    if (error instanceof ValueError) return error;
    throw error;
  }
}

describe('parseInstant', () => {
  it.each([
    ['2026-11-28T09:00:00Z', '2026-11-28T09:00:00.000Z'],
    ['2026-11-28T09:00:00+01:00', '2026-11-28T08:00:00.000Z'],
    ['2026-11-28T09:00:00-05:30', '2026-11-28T14:30:00.000Z'],
    ['2026-11-28T09:00:00-00:00', '2026-11-28T09:00:00.000Z'],
    ['2026-11-28t09:00:00z', '2026-11-28T09:00:00.000Z'],
    ['2028-02-29T23:59:59Z', '2028-02-29T23:59:59.000Z'],
    ['2026-11-28T09:00:00.5Z', '2026-11-28T09:00:00.500Z'],
    ['2026-11-28T09:00:00.123Z', '2026-11-28T09:00:00.123Z'],
    ['2026-11-28T09:00:00.123456789Z', '2026-11-28T09:00:00.123Z'],
    ['2026-11-28T09:00:00.9999Z', '2026-11-28T09:00:00.999Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['1900-01-01T00:00:00-01:00', '1900-01-01T01:00:00.000Z'],
  ])('accepts %s as %s', (value, iso) => {
    expect(parseInstant(value, 'f').toISOString()).toBe(iso);
  });

  it.each([
    ['2027-02-30T09:00:00Z', 'no such day: February 2027 has 28 days'],
    ['2027-02-29T09:00:00Z', 'no such day: February 2027 has 28 days'],
    ['2026-04-31T09:00:00Z', 'no such day: April 2026 has 30 days'],
    ['2026-13-01T09:00:00Z', 'no such month'],
    ['2026-00-10T09:00:00Z', 'no such month'],
    ['2026-01-00T09:00:00Z', 'no such day'],
    ['2026-01-01T24:00:00Z', 'no such time of day'],
    ['2026-01-01T23:60:00Z', 'no such time of day'],
    ['2016-12-31T23:59:60Z', 'leap seconds'],
    ['2026-01-01T09:00:00+24:00', 'no such offset'],
    ['2026-01-01T09:00:00+01:60', 'no such offset'],
    ['0000-01-01T00:00:00Z', 'years 1900-9999'],
    ['1899-12-31T23:59:59Z', 'years 1900-9999'],
    ['1900-01-01T00:00:00+01:00', 'in UTC too'],
    ['9999-12-31T23:00:00-05:00', 'in UTC too'],
    ['2026-03-29T02:30:00', undefined],
    ['2026-11-28', undefined],
    ['2026-11-28 09:00:00Z', undefined],
    ['2026-11-28T09:00Z', undefined],
    ['2026-11-28T09:00:00.Z', undefined],
    ['2026-11-28T09:00:00.1234567890Z', undefined],
    ['2026-11-28T09:00:00+0100', undefined],
    ['+002026-11-28T09:00:00Z', undefined],
    [' 2026-11-28T09:00:00Z', undefined],
    ['now', undefined],
    ['', undefined],
    [1764320400000, undefined],
    [null, undefined],
  ])('refuses %j', (value, reason) => {
    const error = refusal(() => parseInstant(value, 'input.remindAt'));
    expect(error).toBeInstanceOf(ValueError);
    expect(error!.field).toBe('input.remindAt');
    expect(error!.message).toMatch(/^input\.remindAt expected an RFC 3339 date-time with offset/);
    expect(error!.message).toContain(`got ${JSON.stringify(value)}`);
    if (reason) expect(error!.message).toContain(reason);
  });
});

describe('parseDate', () => {
  it.each(['2028-02-29', '2000-02-29', '1900-01-01', '9999-12-31', '2026-12-31'])('accepts %s', (value) => {
    expect(parseDate(value, 'd')).toBe(value);
  });

  it.each([
    ['2027-02-30', 'no such day'],
    ['2027-02-29', 'no such day'],
    ['1900-02-29', 'no such day'],
    ['2026-06-31', 'no such day'],
    ['2026-13-01', 'no such month'],
    ['0000-01-01', 'years 1900-9999'],
    ['1899-12-31', 'years 1900-9999'],
    ['2026-1-01', undefined],
    ['20261201', undefined],
    ['2026-12-01T00:00:00Z', undefined],
    ['10000-01-01', undefined],
    [20261201, undefined],
  ])('refuses %j', (value, reason) => {
    const error = refusal(() => parseDate(value, 'input.dueDate'));
    expect(error?.field).toBe('input.dueDate');
    expect(error!.message).toMatch(/^input\.dueDate expected a calendar date YYYY-MM-DD/);
    if (reason) expect(error!.message).toContain(reason);
  });
});

describe('parseTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['etc/utc', 'Etc/UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['America/Port-au-Prince', 'America/Port-au-Prince'],
    // Links are kept as written (see the module comment), not rewritten to another name.
    ['US/Eastern', 'US/Eastern'],
    ['us/eastern', 'US/Eastern'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
  ])('accepts %s as %s', (value, zone) => {
    expect(parseTimeZone(value, 'tz')).toBe(zone);
  });

  it.each([
    ['+01:00', 'a UTC offset'],
    ['-05:00', 'a UTC offset'],
    ['\u221205:00', 'a UTC offset'],
    ['Mars/Olympus_Mons', 'unknown time zone'],
    ['Europe/Berlinn', 'unknown time zone'],
    ['UTC+1', 'unknown time zone'],
    ['', undefined],
    [' Europe/Berlin', undefined],
    ['Europe/Berlin ', undefined],
    ['Europe/Berlin; drop table', undefined],
    ['2026-01-01T00:00+01:00[Europe/Berlin]', undefined],
    ['Europe//Berlin', undefined],
    [`Europe/${'x'.repeat(80)}`, undefined],
    [42, undefined],
  ])('refuses %j', (value, reason) => {
    const error = refusal(() => parseTimeZone(value, 'input.timeZone'));
    expect(error?.field).toBe('input.timeZone');
    expect(error!.message).toMatch(/^input\.timeZone expected an IANA time zone name/);
    if (reason) expect(error!.message).toContain(reason);
  });
});

describe('calendarDateProblem', () => {
  it('is undefined exactly for dates that exist within the year bounds', () => {
    expect(calendarDateProblem(2024, 2, 29)).toBeUndefined();
    expect(calendarDateProblem(2100, 2, 29)).toBe('no such day: February 2100 has 28 days');
    expect(calendarDateProblem(10000, 1, 1)).toBe('years 1900-9999 only');
  });
});

describe('parseText and parseMultilineText', () => {
  it.each(['Weekly report', 'Ärger über Müll 🗑️', '', '  spaced  ', 'a\u200fb'])('accept %j as written', (value) => {
    expect(parseText(value, 'f')).toBe(value);
    expect(parseMultilineText(value, 'f')).toBe(value);
  });

  it.each([
    ['a\u0000b', 'U+0000 at index 1'],
    ['\u0001', 'U+0001 at index 0'],
    ['tab\there', 'U+0009 at index 3'],
    ['line\nbreak', 'U+000A at index 4'],
    ['cr\r', 'U+000D at index 2'],
    ['esc\u001b[31m', 'U+001B at index 3'],
    ['del\u007f', 'U+007F at index 3'],
    ['c1\u0085', 'U+0085 at index 2'],
  ])('one-line text refuses %j (%s)', (value, reason) => {
    const error = refusal(() => parseText(value, 'input.title'));
    expect(error?.field).toBe('input.title');
    expect(error!.message).toMatch(/^input\.title expected text without control characters, got /);
    expect(error!.message).toContain(reason);
  });

  it('multi-line text allows tab and line breaks, and nothing else of the kind', () => {
    expect(parseMultilineText('first\r\n\tsecond\nthird', 'd')).toBe('first\r\n\tsecond\nthird');
    for (const bad of ['a\u0000', 'a\u000b', 'a\u000c', 'a\u001f', 'a\u007f', 'a\u009b'])
      expect(refusal(() => parseMultilineText(bad, 'input.description'))?.field, JSON.stringify(bad)).toBe(
        'input.description',
      );
  });

  it('refuses what is not a string', () => {
    expect(refusal(() => parseText(42, 'f'))?.message).toBe('f expected text without control characters, got 42');
    expect(refusal(() => parseMultilineText(null, 'f'))?.field).toBe('f');
  });
});
