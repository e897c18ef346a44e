/**
 * The value parsers of @taskwire/values for GraphQL resolvers: a value that breaks the rules
 * becomes a BAD_USER_INPUT error naming the input field (`extensions.field`), with the
 * parser's message saying what was expected and what arrived.
 */
import {
  parseColor,
  parseDate,
  parseInstant,
  parseMultilineText,
  parseText,
  parseTimeZone,
  ValueError,
} from '@taskwire/values';
import { badUserInput } from './errors.js';

/** Wraps a `(value, field)` parser so that its ValueError is thrown as BAD_USER_INPUT. */
export function asUserInput<T>(parse: (value: unknown, field: string) => T): (value: unknown, field: string) => T {
  return (value, field) => {
    try {
      return parse(value, field);
    } catch (error) {
      if (error instanceof ValueError) throw badUserInput(error.field, error.message);
      throw error;
    }
  };
}

/** RFC 3339 date-time with offset → Date. */
export const instantInput = asUserInput(parseInstant);
/** Calendar date `YYYY-MM-DD`, returned as written. */
export const dateInput = asUserInput(parseDate);
/** IANA time zone name in the tz database's spelling. */
export const timeZoneInput = asUserInput(parseTimeZone);
/** One-line text (titles, names, search strings, ids): no control characters. */
export const textInput = asUserInput(parseText);
/** Multi-line text (descriptions): no control characters but tab and line breaks. */
export const multilineTextInput = asUserInput(parseMultilineText);
/** A `#rrggbb` colour (tags, projects), lower-cased. */
export const colorInput = asUserInput(parseColor);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Control and format characters (Cc, Cf): bidi overrides such as U+202E, zero-width joiners, BOM.
// They make an address display as another one, and no real mailbox needs them.
const invisibleCharacter = /[\p{Cc}\p{Cf}]/u;

function describe(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/**
 * An e-mail address, trimmed, case kept (addresses compare case-insensitively): accounts' sign-up
 * and address changes, and shareProject. @throws BAD_USER_INPUT naming `field`.
 */
export function emailInput(raw: string, field: string): string {
  const email = textInput(raw.trim(), field);
  const invisible = invisibleCharacter.exec(email);
  if (invisible) {
    const codePoint = invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw badUserInput(
      field,
      `expected an e-mail address without control or formatting characters, got U+${codePoint} at index ${invisible.index}`,
    );
  }
  if (email.length === 0 || email.length > 254 || !emailPattern.test(email)) {
    throw badUserInput(field, `expected an e-mail address like name@example.com, got ${describe(email)}`);
  }
  return email;
}
