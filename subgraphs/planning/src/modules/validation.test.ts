import { describe, expect, it } from 'vitest';
import { parseColor, parseId, parseTagName } from './validation.js';

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

  it('refuses control characters in tag names and ids before they reach SQL', () => {
    expect(fieldOf(() => parseTagName('names[0]', 'wo\u0000rk'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'names[0]',
    });
    expect(fieldOf(() => parseTagName('name', 'a\tb'))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(parseId('id', '019abc')).toBe('019abc');
    expect(fieldOf(() => parseId('input.taskId', '\u0000'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.taskId' });
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
});
