import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { calendarDateProblem, parseText, parseTimeZone, ValueError } from '@taskwire/values';

/** The frequencies a task can repeat at. Sub-daily ones are refused (see {@link parseRecurrenceRule}). */
export type RecurrenceFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export type RecurrenceWeekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/**
 * UNTIL as written in the rule. RFC 5545 wants a UTC date-time for timed series and a DATE
 * for all-day ones; both forms are accepted for either kind of series (see docs/recurrence.md).
 */
export type RecurrenceUntil =
  | { readonly kind: 'instant'; readonly instant: Date }
  | { readonly kind: 'date'; readonly date: string }
  /** A date-time without `Z`: read as wall-clock time in the rule's time zone. */
  | { readonly kind: 'local'; readonly dateTime: string };

/** A validated RRULE bound to an IANA time zone. Build it with {@link parseRecurrenceRule}. */
export interface RecurrenceRule {
  /** Canonical RRULE text without the `RRULE:` prefix, e.g. `FREQ=MONTHLY;BYDAY=-1FR`. */
  readonly rrule: string;
  /** IANA time zone id the rule is evaluated in, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  readonly freq: RecurrenceFrequency;
  readonly interval: number;
  readonly count?: number;
  readonly until?: RecurrenceUntil;
  /** Weekdays with optional ordinals, upper case: `MO`, `2MO`, `-1FR`. */
  readonly byDay?: readonly string[];
  readonly byMonthDay?: readonly number[];
  readonly byMonth?: readonly number[];
  readonly bySetPos?: readonly number[];
  readonly byYearDay?: readonly number[];
  readonly byHour?: readonly number[];
  readonly byMinute?: readonly number[];
  readonly bySecond?: readonly number[];
  readonly wkst?: RecurrenceWeekday;
}

/**
 * A recurrence rule or time zone a user supplied is not acceptable. `field` names the input
 * at fault; `message` says what was expected and what arrived.
 */
export class RecurrenceInputError extends Error {
  override readonly name = 'RecurrenceInputError';
  constructor(
    readonly field: 'rrule' | 'timeZone',
    message: string,
  ) {
    super(message);
  }
}

const FREQUENCIES: readonly RecurrenceFrequency[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const SUB_DAILY = ['HOURLY', 'MINUTELY', 'SECONDLY'];
const WEEKDAYS: readonly RecurrenceWeekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const PART_ORDER = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYMONTH',
  'BYWEEKNO',
  'BYYEARDAY',
  'BYMONTHDAY',
  'BYDAY',
  'BYHOUR',
  'BYMINUTE',
  'BYSECOND',
  'BYSETPOS',
  'WKST',
] as const;
type PartName = (typeof PART_ORDER)[number];

const fail = (message: string): never => {
  throw new RecurrenceInputError('rrule', message);
};

const show = (value: string) => JSON.stringify(value);

function parseInteger(name: string, raw: string, min: number, max: number, allowNegative: boolean): number {
  const ok = allowNegative ? /^[+-]?\d{1,4}$/.test(raw) : /^\+?\d{1,9}$/.test(raw);
  const value = ok ? Number(raw) : NaN;
  const range = allowNegative ? `${min}..${max} or -${max}..-${min}` : `${min}..${max}`;
  if (!Number.isInteger(value) || Math.abs(value) < min || Math.abs(value) > max || (!allowNegative && value < 0)) {
    fail(`${name} expected an integer in ${range}, got ${show(raw)}`);
  }
  return value;
}

function parseIntegerList(name: string, raw: string, min: number, max: number, allowNegative: boolean): number[] {
  const items = raw.split(',');
  if (items.some((item) => item === '')) fail(`${name} expected a comma-separated list of integers, got ${show(raw)}`);
  return distinct(items.map((item) => parseInteger(name, item, min, max, allowNegative)));
}

/** Whether BYDAY items mix numbered (`1MO`) and plain (`FR`) weekdays. */
function mixesOrdinals(byDay: readonly string[]): boolean {
  const numbered = byDay.filter((d) => /\d/.test(d)).length;
  return numbered > 0 && numbered < byDay.length;
}

/** A BYxxx list is a set (RFC 5545): a value given twice is kept once, in first-seen order. */
function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The longest rule accepted, as written; far above what a person writes (all 62 BYMONTHDAY values take 170). */
export const maxRuleChars = 1_000;

/** The rule as text of a sane size and without control characters. */
function ruleText(rrule: unknown): string {
  if (typeof rrule !== 'string')
    return fail(`rrule expected a string such as "FREQ=WEEKLY;BYDAY=MO", got ${typeof rrule}`);
  if (rrule.length > maxRuleChars) fail(`rrule expected at most ${maxRuleChars} characters, got ${rrule.length}`);
  try {
    // Line breaks get their own message (RDATE/EXDATE lines) in parseRecurrenceRule.
    parseText(rrule.replace(/[\r\n]/g, ' '), 'rrule');
  } catch (error) {
    if (error instanceof ValueError) fail(error.message);
    throw error;
  }
  return rrule;
}

function parseUntil(raw: string): RecurrenceUntil {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(raw);
  const expected = 'UNTIL expected a date YYYYMMDD or a UTC date-time YYYYMMDDTHHMMSSZ';
  if (!match) return fail(`${expected}, got ${show(raw)}`);
  const [, y, mo, d, h, mi, s, z] = match;
  const problem = calendarDateProblem(Number(y), Number(mo), Number(d));
  if (problem) return fail(`${expected}, got ${show(raw)} (${problem})`);
  const date = Temporal.PlainDate.from({ year: Number(y), month: Number(mo), day: Number(d) });
  if (h === undefined) return { kind: 'date', date: date.toString() };
  let dateTime: Temporal.PlainDateTime;
  try {
    dateTime = date.toPlainDateTime(
      Temporal.PlainTime.from({ hour: Number(h), minute: Number(mi), second: Number(s) }, { overflow: 'reject' }),
    );
  } catch {
    return fail(`${expected}, got ${show(raw)} (no such time of day)`);
  }
  if (z === 'Z') {
    return { kind: 'instant', instant: new Date(dateTime.toZonedDateTime('UTC').epochMilliseconds) };
  }
  return { kind: 'local', dateTime: dateTime.toString() };
}

function formatUntil(until: RecurrenceUntil): string {
  const compact = (s: string) => s.replace(/[-:]/g, '');
  switch (until.kind) {
    case 'date':
      return compact(until.date);
    case 'local':
      return compact(until.dateTime).slice(0, 15);
    case 'instant':
      return `${compact(until.instant.toISOString()).slice(0, 15)}Z`;
  }
}

/**
 * The rule's time zone, by the one time-zone rule of @taskwire/values: an IANA name in the tz
 * database's spelling (`europe/berlin` → `Europe/Berlin`); UTC offsets such as `+02:00` are
 * refused (an offset does not follow daylight-saving changes).
 *
 * @throws {RecurrenceInputError} with `field: 'timeZone'` for anything else.
 */
function ruleTimeZone(timeZone: string): string {
  try {
    return parseTimeZone(timeZone, 'timeZone');
  } catch (error) {
    if (error instanceof ValueError) throw new RecurrenceInputError('timeZone', error.message);
    throw error;
  }
}

/**
 * Parses and validates an RFC 5545 RRULE for a task series evaluated in `timeZone`.
 *
 * Accepts the rule with or without the `RRULE:` prefix, part names in any case. Supported parts:
 * FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (with ordinals such as
 * `2MO`, `-1FR` under MONTHLY/YEARLY), BYMONTHDAY (negatives count from the month's end), BYMONTH,
 * BYSETPOS, BYYEARDAY, BYHOUR, BYMINUTE, BYSECOND, WKST (BYWEEKNO is refused).
 *
 * Each part is checked here with messages that name the part; the result is then handed to
 * rrule-temporal in strict RFC 5545 mode, whose constraint checks (e.g. BYSETPOS needs another
 * BYxxx part) are reported the same way.
 *
 * @throws {RecurrenceInputError} `field: 'rrule'` for an unknown or duplicated part, an unknown
 *   FREQ, a sub-daily FREQ, a malformed value (BYDAY=XX, BYMONTHDAY=40, INTERVAL=0, ...), COUNT
 *   together with UNTIL, or a DTSTART inside the rule (the series start comes from the task);
 *   `field: 'timeZone'` when `timeZone` is not an IANA zone name.
 */
export function parseRecurrenceRule(rrule: string, timeZone: string): RecurrenceRule {
  let text = ruleText(rrule).trim();
  if (/DTSTART/i.test(text)) {
    fail(`rrule must not contain DTSTART: the series start is the task's due date; got ${show(rrule)}`);
  }
  if (/[\r\n]/.test(text)) {
    fail(`rrule expected a single RRULE line (no RDATE/EXDATE lines), got ${show(rrule)}`);
  }
  text = text.replace(/^RRULE:/i, '');
  if (text === '') fail(`rrule expected a rule such as "FREQ=WEEKLY;BYDAY=MO", got ${show(rrule)}`);

  const parts = new Map<PartName, string>();
  // A trailing ';' is harmless and common in hand-written rules; empty parts elsewhere are not.
  const rawParts = text.replace(/;$/, '').split(';');
  for (const rawPart of rawParts) {
    const eq = rawPart.indexOf('=');
    if (eq <= 0) fail(`rrule expected NAME=VALUE parts separated by ';', got ${show(rawPart)} in ${show(rrule)}`);
    const name = rawPart.slice(0, eq).trim().toUpperCase();
    const value = rawPart
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    if (name === 'RSCALE' || name === 'SKIP')
      fail(`rrule part ${name} (RFC 7529) is not supported; got ${show(rawPart)}`);
    if (!(PART_ORDER as readonly string[]).includes(name)) {
      fail(`rrule expected parts among ${PART_ORDER.join(', ')}; got unknown part ${show(name)}`);
    }
    if (parts.has(name as PartName)) fail(`rrule part ${name} appears more than once in ${show(rrule)}`);
    if (value === '') fail(`${name} expected a value, got an empty one`);
    parts.set(name as PartName, value);
  }

  const freqRaw = parts.get('FREQ');
  if (freqRaw === undefined)
    return fail(`rrule expected a FREQ part (DAILY, WEEKLY, MONTHLY or YEARLY), got ${show(rrule)}`);
  if (SUB_DAILY.includes(freqRaw)) {
    fail(`FREQ expected DAILY, WEEKLY, MONTHLY or YEARLY (tasks do not repeat more than daily), got ${show(freqRaw)}`);
  }
  if (!(FREQUENCIES as readonly string[]).includes(freqRaw)) {
    fail(`FREQ expected DAILY, WEEKLY, MONTHLY or YEARLY, got ${show(freqRaw)}`);
  }
  const freq = freqRaw as RecurrenceFrequency;

  const get = (name: PartName) => parts.get(name);
  const interval = get('INTERVAL') === undefined ? 1 : parseInteger('INTERVAL', get('INTERVAL')!, 1, 10_000, false);
  const count = get('COUNT') === undefined ? undefined : parseInteger('COUNT', get('COUNT')!, 1, 100_000, false);
  if (get('COUNT') !== undefined && get('UNTIL') !== undefined) {
    fail(`rrule expected COUNT or UNTIL, not both (RFC 5545 3.3.10), got ${show(rrule)}`);
  }
  const until = get('UNTIL') === undefined ? undefined : parseUntil(get('UNTIL')!);

  if (get('BYWEEKNO') !== undefined) {
    // Measured (tail.property.test.ts, and against reference implementations): with week
    // numbers the engine's dates drift between years and depend on where they are asked from.
    fail(
      `BYWEEKNO (week numbers) is not supported: its dates are not reliable here; use BYMONTH with ` +
        `BYMONTHDAY or BYDAY instead (e.g. FREQ=YEARLY;BYMONTH=3;BYDAY=1MO), got ${show(rrule)}`,
    );
  }
  let byDay: string[] | undefined;
  const byDayRaw = get('BYDAY');
  if (byDayRaw !== undefined) {
    const ordinalsAllowed = freq === 'MONTHLY' || freq === 'YEARLY';
    const maxOrdinal = freq === 'MONTHLY' ? 5 : 53;
    byDay = byDayRaw.split(',').map((item) => {
      const m = /^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
      if (!m) {
        return fail(
          `BYDAY expected a comma-separated list of weekdays such as MO, 2MO or -1FR, got ${show(item)} in ${show(byDayRaw)}`,
        );
      }
      const [, sign, digits, day] = m;
      if (digits === undefined) {
        if (sign) fail(`BYDAY expected a number after ${show(sign)}, got ${show(item)}`);
        return day!;
      }
      const ordinal = Number(digits);
      if (!ordinalsAllowed) {
        fail(
          `BYDAY expected plain weekdays with FREQ=${freq} (ordinals such as 2MO need FREQ=MONTHLY or YEARLY), ` +
            `got ${show(item)}`,
        );
      }
      if (ordinal < 1 || ordinal > maxOrdinal) {
        fail(
          `BYDAY expected an ordinal in 1..${maxOrdinal} or -${maxOrdinal}..-1 with FREQ=${freq}, got ${show(item)}`,
        );
      }
      return `${sign === '-' ? '-' : ''}${ordinal}${day}`;
    });
    byDay = distinct(byDay);
    if (freq === 'YEARLY' && get('BYMONTH') === undefined && mixesOrdinals(byDay)) {
      // The engine drops the plain weekdays of such a rule (even the series' own start).
      fail(
        `BYDAY expected either numbered weekdays (1MO) or plain ones (FR) with FREQ=YEARLY and no BYMONTH, ` +
          `not both; add BYMONTH or use one task per kind, got ${show(byDayRaw)}`,
      );
    }
  }

  const list = (name: PartName, min: number, max: number, negatives: boolean) => {
    const raw = get(name);
    return raw === undefined ? undefined : parseIntegerList(name, raw, min, max, negatives);
  };
  const byMonthDay = list('BYMONTHDAY', 1, 31, true);
  if (byMonthDay && freq === 'WEEKLY') fail(`BYMONTHDAY expected FREQ=DAILY, MONTHLY or YEARLY, got FREQ=WEEKLY`);
  const byMonth = list('BYMONTH', 1, 12, false);
  const byYearDay = list('BYYEARDAY', 1, 366, true);
  if (byYearDay && freq !== 'YEARLY') fail(`BYYEARDAY expected FREQ=YEARLY, got FREQ=${freq}`);
  const byHour = list('BYHOUR', 0, 23, false);
  const byMinute = list('BYMINUTE', 0, 59, false);
  const bySecond = list('BYSECOND', 0, 59, false);
  const bySetPos = list('BYSETPOS', 1, 366, true);
  const wkstRaw = get('WKST');
  if (wkstRaw !== undefined && !(WEEKDAYS as readonly string[]).includes(wkstRaw)) {
    fail(`WKST expected one of ${WEEKDAYS.join(', ')}, got ${show(wkstRaw)}`);
  }
  if (bySetPos && !(byDay || byMonthDay || byMonth || byYearDay || byHour || byMinute || bySecond)) {
    fail(`BYSETPOS expected another BYxxx part to select from (e.g. BYDAY or BYMONTHDAY), got ${show(rrule)}`);
  }

  if (byMonth && byMonthDay) {
    // Longest each month can be (February: 29). A day no listed month has means no date at all,
    // which the engine would only discover after searching for thousands of periods.
    const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const possible = byMonthDay.some((day) => byMonth.some((month) => Math.abs(day) <= longest[month - 1]!));
    if (!possible) {
      fail(
        `BYMONTHDAY expected a day that exists in BYMONTH=${byMonth.join(',')}, got BYMONTHDAY=${byMonthDay.join(',')}`,
      );
    }
  }

  const zone = ruleTimeZone(timeZone);

  const rule: RecurrenceRule = {
    rrule: '',
    timeZone: zone,
    freq,
    interval,
    ...(count !== undefined && { count }),
    ...(until !== undefined && { until }),
    ...(byDay && { byDay }),
    ...(byMonthDay && { byMonthDay }),
    ...(byMonth && { byMonth }),
    ...(bySetPos && { bySetPos }),
    ...(byYearDay && { byYearDay }),
    ...(byHour && { byHour }),
    ...(byMinute && { byMinute }),
    ...(bySecond && { bySecond }),
    ...(wkstRaw !== undefined && { wkst: wkstRaw as RecurrenceWeekday }),
  };
  const canonical = formatRule(rule);

  // Second opinion from the engine itself, in strict RFC 5545 mode, so that nothing accepted
  // here is refused (or silently reinterpreted) when occurrences are computed.
  try {
    createEngine(rule, Temporal.PlainDateTime.from('2026-01-01T00:00'), { includeStart: true });
  } catch (error) {
    fail(`rrule ${show(canonical)} is not a valid RFC 5545 rule: ${(error as Error).message}`);
  }
  return { ...rule, rrule: canonical };
}

function formatRule(rule: RecurrenceRule): string {
  const out: string[] = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) out.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) out.push(`COUNT=${rule.count}`);
  if (rule.until) out.push(`UNTIL=${formatUntil(rule.until)}`);
  const lists: [string, readonly (string | number)[] | undefined][] = [
    ['BYMONTH', rule.byMonth],
    ['BYYEARDAY', rule.byYearDay],
    ['BYMONTHDAY', rule.byMonthDay],
    ['BYDAY', rule.byDay],
    ['BYHOUR', rule.byHour],
    ['BYMINUTE', rule.byMinute],
    ['BYSECOND', rule.bySecond],
    ['BYSETPOS', rule.bySetPos],
  ];
  for (const [name, values] of lists) if (values) out.push(`${name}=${values.join(',')}`);
  if (rule.wkst) out.push(`WKST=${rule.wkst}`);
  return out.join(';');
}

/**
 * Builds the rrule-temporal engine for a rule, evaluated in *floating* wall-clock time.
 *
 * Why floating: rrule-temporal follows RFC 5545 to the letter and drops generated local times
 * that fall in a daylight-saving gap (a daily 02:30 rule in New York has no occurrence on the
 * spring-forward day). Taskwire moves such a time forward instead (02:30 → 03:30), so the rule is
 * generated over wall-clock date-times in UTC (which has no gaps or folds) and each wall time is
 * resolved in the rule's zone afterwards (see occurrences.ts). UNTIL is a real instant and is
 * therefore applied after that resolution, never inside the engine. COUNT is applied by the caller
 * too: with COUNT the library abandons its phase-aligned fast paths and rescans from DTSTART on
 * every next() call (122 ms for one next() on a 5000-count daily rule here), while counting
 * ourselves costs one scan.
 *
 * @internal shared by rule.ts (validation) and occurrences.ts (generation).
 */
export function createEngine(
  rule: RecurrenceRule,
  start: Temporal.PlainDateTime,
  options: { includeStart: boolean },
): RRuleTemporal {
  return new RRuleTemporal({
    freq: rule.freq,
    interval: rule.interval,
    ...(rule.byDay && { byDay: [...rule.byDay] }),
    ...(rule.byMonthDay && { byMonthDay: [...rule.byMonthDay] }),
    ...(rule.byMonth && { byMonth: [...rule.byMonth] }),
    ...(rule.bySetPos && { bySetPos: [...rule.bySetPos] }),
    ...(rule.byYearDay && { byYearDay: [...rule.byYearDay] }),
    ...(rule.byHour && { byHour: [...rule.byHour] }),
    ...(rule.byMinute && { byMinute: [...rule.byMinute] }),
    ...(rule.bySecond && { bySecond: [...rule.bySecond] }),
    ...(rule.wkst && { wkst: rule.wkst }),
    tzid: 'UTC',
    dtstart: start.toZonedDateTime('UTC'),
    includeDtstart: options.includeStart,
    strict: true,
  });
}
