/**
 * The one parser for the date-time, date and time-zone values a user sends, used by every
 * subgraph (through platform/src/input.ts, which turns a {@link ValueError} into
 * BAD_USER_INPUT), by the recurrence engine and, through it, by the web app. Rules (for
 * clients: docs/values.md):
 *
 * - Years 1900–9999 only (`minYear`/`maxYear`): every accepted value has a four-digit year,
 *   round-trips through `Date#toISOString` and PostgreSQL, and never asks a zone about the
 *   local mean time that preceded standard time.
 * - Dates (`YYYY-MM-DD`) must exist in the calendar: 2028-02-29 yes, 2027-02-29 and
 *   2027-02-30 no.
 * - Instants are RFC 3339 date-times with an offset (`Z` or `±HH:MM`); `T` and `Z` may be lower
 *   case (RFC 3339 §5.6 allows it), a space instead of `T` is refused. Fractional seconds may
 *   have 1–9 digits; digits beyond milliseconds are dropped (a `Date` holds milliseconds). A
 *   leap second (`:60`) is refused: a `Date` cannot hold it. The year bounds apply both to
 *   the value as written and to the instant in UTC.
 * - Time zones are IANA names the runtime knows, in any letter case, returned in the tz
 *   database's spelling (`europe/berlin` → `Europe/Berlin`, `utc` → `UTC`). Links such as
 *   `US/Eastern` or `Asia/Calcutta` are accepted and kept as written (case aside): they name
 *   the same rules, and the runtime's only "canonical" mapping is ICU's, which turns
 *   `Asia/Kolkata` into `Asia/Calcutta`. Offsets (`+01:00`) are refused: they carry no
 *   daylight-saving rules, which is rarely what someone who types one means. No surrounding
 *   whitespace is trimmed, for any value.
 * - Text (titles, names, e-mails, search strings, ids, rules, ...) holds no control character
 *   (C0 U+0000–U+001F, DEL, C1 U+0080–U+009F): PostgreSQL cannot store NUL, and the others
 *   have no business in a one-line value. Multi-line text (descriptions) may hold line feeds,
 *   carriage returns and tabs.
 */
import { Temporal } from 'temporal-polyfill';

export const minYear = 1900;
export const maxYear = 9999;

/**
 * A value that breaks the rules above; `field` names the input, `expected` what it should be.
 * A RangeError (a value outside the set allowed), so callers that catch those keep working.
 */
export class ValueError extends RangeError {
  override readonly name = 'ValueError';
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly got: unknown,
    reason?: string,
  ) {
    super(`${field} expected ${expected}, got ${show(got)}${reason ? ` (${reason})` : ''}`);
  }
}

/** A short JSON rendering of what arrived, so a message never echoes a huge input. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Why year-month-day is not an acceptable date, or undefined when it is. Shared by the parsers
 * here and by the recurrence engine's UNTIL, so every date obeys the same bounds.
 */
export function calendarDateProblem(year: number, month: number, day: number): string | undefined {
  if (year < minYear || year > maxYear) return `years ${minYear}-${maxYear} only`;
  if (month < 1 || month > 12) return 'no such month';
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `no such day: ${monthNames[month - 1]} ${year} has ${days} days`;
  return undefined;
}

const expectedDate = 'a calendar date YYYY-MM-DD such as "2026-11-28"';

/** A calendar date `YYYY-MM-DD`, returned as written. @throws {ValueError} naming `field`. */
export function parseDate(value: unknown, field: string): string {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) throw new ValueError(field, expectedDate, value);
  const problem = calendarDateProblem(+m[1]!, +m[2]!, +m[3]!);
  if (problem) throw new ValueError(field, expectedDate, value, problem);
  return value as string;
}

const expectedInstant = 'an RFC 3339 date-time with offset such as "2026-11-28T09:00:00+01:00"';
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Why the time-of-day and offset parts are not acceptable, or undefined when they are. */
function clockProblem(hour: number, minute: number, second: number, offsetHours: number, offsetMinutes: number) {
  if (hour > 23 || minute > 59) return 'no such time of day';
  if (second === 60) return 'leap seconds cannot be represented';
  if (second > 59) return 'no such time of day';
  if (offsetHours > 23 || offsetMinutes > 59) return 'no such offset';
  return undefined;
}

/** An RFC 3339 date-time with offset, as the instant it names. @throws {ValueError} naming `field`. */
export function parseInstant(value: unknown, field: string): Date {
  const m = typeof value === 'string' ? instantPattern.exec(value) : null;
  if (!m) throw new ValueError(field, expectedInstant, value);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, ...number[]];
  const [offsetHours, offsetMinutes] = m[8] ? [+m[9]!, +m[10]!] : [0, 0];
  const problem =
    calendarDateProblem(year, month!, day!) ?? clockProblem(hour!, minute!, second!, offsetHours, offsetMinutes);
  if (problem) throw new ValueError(field, expectedInstant, value, problem);
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMs = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = new Date(Date.UTC(year, month! - 1, day, hour, minute, second, millis) - offsetMs);
  const utcYear = instant.getUTCFullYear();
  if (utcYear < minYear || utcYear > maxYear) {
    throw new ValueError(field, expectedInstant, value, `years ${minYear}-${maxYear} only, in UTC too`);
  }
  return instant;
}

const expectedZone = 'an IANA time zone name such as "Europe/Berlin" or "America/New_York"';
// Letters, digits, `_`, `+`, `-` in `/`-separated parts starting with a letter: every IANA name
// fits, while offsets and the bracketed ISO strings Temporal would also accept do not.
const zonePattern = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name in the tz database's spelling. @throws {ValueError} naming `field`. */
export function parseTimeZone(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new ValueError(field, expectedZone, value);
  if (/^[+\-\u2212]\d/.test(value)) throw new ValueError(field, expectedZone, value, 'a UTC offset, not a zone');
  if (value.length > 64 || !zonePattern.test(value)) throw new ValueError(field, expectedZone, value);
  try {
    return Temporal.Now.zonedDateTimeISO(value).timeZoneId;
  } catch {
    throw new ValueError(field, expectedZone, value, 'unknown time zone');
  }
}

// Control characters (Unicode Cc: C0, DEL, C1); the multi-line variant allows tab, LF and CR.
const lineControl = /\p{Cc}/u;
const multilineControl = /(?![\t\n\r])\p{Cc}/u;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function checkText(value: unknown, field: string, control: RegExp, expected: string): string {
  if (typeof value !== 'string') throw new ValueError(field, expected, value);
  const found = control.exec(value);
  if (found) {
    throw new ValueError(field, expected, value, `control character ${codePoint(found[0])} at index ${found.index}`);
  }
  return value;
}

/** A `#rrggbb` colour, lower-cased. @throws {ValueError} naming `field`. */
export function parseColor(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value))
    throw new ValueError(field, 'a colour like #1a2b3c', value);
  return value.toLowerCase();
}

/** One-line text: no control character (C0, DEL, C1). Returned as written. @throws {ValueError} naming `field`. */
export function parseText(value: unknown, field: string): string {
  return checkText(value, field, lineControl, 'text without control characters');
}

/**
 * Multi-line text: like {@link parseText}, but tabs, line feeds and carriage returns are allowed.
 * @throws {ValueError} naming `field`.
 */
export function parseMultilineText(value: unknown, field: string): string {
  return checkText(value, field, multilineControl, 'text without control characters other than tab and line breaks');
}
