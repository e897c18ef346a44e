import { describe, expect, it } from 'vitest';
import { parseColor, parseDateTime, parseTagName } from './validation.js';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('planning input validation', () => {
  it('trims tag names and bounds them to 1-50 characters', () => {
    expect(parseTagName('name', '  Work  ')).toBe('Work');
    expect(parseTagName('name', 'é'.repeat(50))).toHaveLength(50);
    expect(fieldOf(() => parseTagName('names[2]', ' \t '))).toEqual({ code: 'BAD_USER_INPUT', field: 'names[2]' });
    expect(fieldOf(() => parseTagName('name', 'x'.repeat(51)))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('accepts #rrggbb colours only, lower-cased', () => {
    expect(parseColor('color', '#A0b1C2')).toBe('#a0b1c2');
    expect(parseColor('color', null)).toBeNull();
    for (const bad of ['a0b1c2', '#abc', '#a0b1c2ff', 'red', '#gggggg']) {
      expect(
        fieldOf(() => parseColor('color', bad)),
        bad,
      ).toEqual({ code: 'BAD_USER_INPUT', field: 'color' });
    }
  });

  it('requires RFC 3339 date-times with an offset', () => {
    expect(parseDateTime('until', '2026-12-01T09:00:00+01:00').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(parseDateTime('until', '2026-12-01T09:00:00.123Z').getTime()).toBe(Date.UTC(2026, 11, 1, 9, 0, 0, 123));
    for (const bad of ['2026-12-01T09:00:00', '2026-12-01', 'soon', '2026-13-01T09:00:00Z']) {
      expect(
        fieldOf(() => parseDateTime('input.remindAt', bad)),
        bad,
      ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.remindAt' });
    }
  });
});
