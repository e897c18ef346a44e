import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asUserInput, dateInput, instantInput, multilineTextInput, textInput, timeZoneInput } from './input.js';

/** The code, field and message of the error `fn` throws, or null when it returns. */
function refusal(fn: () => unknown): { code: unknown; field: unknown; message: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const e = error as GraphQLError;
    return { code: e.extensions.code, field: e.extensions.field, message: e.message };
  }
}

describe('value parsers as GraphQL input', () => {
  it('date-times need an offset; dates must exist', () => {
    expect(instantInput('2026-03-29T02:30:00+02:00', 'f').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    for (const bad of ['2026-03-29T02:30:00', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', 'now'])
      expect(refusal(() => instantInput(bad, 'f'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'f' });
    expect(dateInput('2028-02-29', 'd')).toBe('2028-02-29');
    for (const bad of ['2027-02-29', '2026-1-01', '2026-12-01T00:00:00Z'])
      expect(refusal(() => dateInput(bad, 'd'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'd' });
  });

  it('requires RFC 3339 date-times with an offset (as planning did)', () => {
    expect(instantInput('2026-12-01T09:00:00+01:00', 'until').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(instantInput('2026-12-01T09:00:00.123Z', 'until').getTime()).toBe(Date.UTC(2026, 11, 1, 9, 0, 0, 123));
    for (const bad of ['2026-12-01T09:00:00', '2026-12-01', 'soon', '2026-13-01T09:00:00Z', '2027-02-30T09:00:00Z']) {
      expect(
        refusal(() => instantInput(bad, 'input.remindAt')),
        bad,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.remindAt',
      });
    }
  });

  it('says what was expected and what arrived', () => {
    expect(refusal(() => instantInput('2027-02-30T09:00:00Z', 'input.remindAt'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.remindAt',
      message:
        'input.remindAt expected an RFC 3339 date-time with offset such as "2026-11-28T09:00:00+01:00", ' +
        'got "2027-02-30T09:00:00Z" (no such day: February 2027 has 28 days)',
    });
  });

  it('canonicalises IANA zones and refuses offsets and unknown names (as accounts did)', () => {
    expect(timeZoneInput('europe/berlin', 'tz')).toBe('Europe/Berlin');
    expect(timeZoneInput('UTC', 'tz')).toBe('UTC');
    expect(timeZoneInput('America/Argentina/Buenos_Aires', 'tz')).toBe('America/Argentina/Buenos_Aires');
    for (const bad of ['Mars/Olympus', '+01:00', '', 'Europe/Berlin; drop table']) {
      expect(refusal(() => timeZoneInput(bad, 'input.timeZone'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.timeZone',
      });
    }
  });

  it('refuses control characters in text as BAD_USER_INPUT naming the field', () => {
    expect(textInput('Plan the week', 'input.title')).toBe('Plan the week');
    expect(refusal(() => textInput('Plan\u0000', 'input.title'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
      message:
        'input.title expected text without control characters, got "Plan\\u0000" (control character U+0000 at index 4)',
    });
    expect(multilineTextInput('one\ntwo', 'input.description')).toBe('one\ntwo');
    expect(refusal(() => multilineTextInput('one\u0000two', 'input.description'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.description',
    });
  });

  it('lets errors other than a refused value through unchanged', () => {
    const broken = asUserInput(() => {
      throw new TypeError('bug');
    });
    expect(() => broken('x', 'f')).toThrow(TypeError);
  });
});
