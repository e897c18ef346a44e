import type { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { maxYear, parseDate } from '@taskwire/values';
import { createEngine, parseRecurrenceRule, RecurrenceInputError, type RecurrenceRule } from './rule.js';

/**
 * A due value: an instant for a timed task, or a calendar date (`YYYY-MM-DD`) for an all-day
 * task. Exactly one of the two fields is set.
 */
export type DueAt =
  { readonly dateTime: Date; readonly date?: undefined } | { readonly date: string; readonly dateTime?: undefined };

/** Which time the next instance of a series is computed from. */
export type RecurrenceAnchor = 'SCHEDULE' | 'COMPLETION';

export interface NextInstanceInput {
  /** RFC 5545 RRULE, with or without the `RRULE:` prefix. */
  readonly rrule: string;
  /** IANA time zone the rule is evaluated in. */
  readonly timeZone: string;
  readonly anchor: RecurrenceAnchor;
  /** Due value of occurrence 1; its wall-clock time in `timeZone` is the series' time of day. */
  readonly seriesStart: DueAt;
  /** Scheduled due value of the instance being completed. */
  readonly currentDue: DueAt;
  /** When the instance was completed. */
  readonly completedAt: Date;
  /** The present, injected so that results are reproducible. */
  readonly now: Date;
  /** Occurrence number of the instance being completed (1 = series start). */
  readonly occurrence: number;
}

export interface NextInstance {
  readonly due: DueAt;
  /** Occurrence number of the next instance: `occurrence + 1 + skipped`. */
  readonly occurrence: number;
  /** Occurrences that had already passed and were skipped (SCHEDULE only; 0 otherwise). */
  readonly skipped: number;
}

interface Series {
  readonly rule: RecurrenceRule;
  readonly allDay: boolean;
  /** Wall-clock date-time of the series start in the rule's zone (00:00 for all-day series). */
  readonly startWall: Temporal.PlainDateTime;
  readonly engine: RRuleTemporal;
}

/** One generated occurrence after resolution in the rule's zone. */
interface Resolved {
  readonly wall: Temporal.PlainDateTime;
  readonly localDate: Temporal.PlainDate;
  /** Real instant for timed series; the wall date read as UTC for all-day ones (ordering only). */
  readonly epochMs: number;
  readonly due: DueAt;
}

/** "Strictly after": an instant, or the end of a local calendar day. */
type Bound = { readonly instant: Temporal.Instant } | { readonly date: Temporal.PlainDate };

/** A `YYYY-MM-DD` due date or bound, by the date rule of @taskwire/values. @throws {ValueError} naming `what`. */
function toPlainDate(value: string, what: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(parseDate(value, what));
}

function toInstant(value: Date, what: string): Temporal.Instant {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} expected a valid Date, got ${String(value)}`);
  return Temporal.Instant.fromEpochMilliseconds(ms);
}

function boundOf(value: DueAt | Date | string, what: string): Bound {
  if (value instanceof Date) return { instant: toInstant(value, what) };
  if (typeof value === 'string') return { date: toPlainDate(value, what) };
  if (value.dateTime !== undefined) return { instant: toInstant(value.dateTime, what) };
  if (value.date !== undefined) return { date: toPlainDate(value.date, what) };
  throw new TypeError(`${what} expected { dateTime: Date } or { date: 'YYYY-MM-DD' }, got ${JSON.stringify(value)}`);
}

function openSeries(rule: RecurrenceRule, seriesStart: DueAt): Series {
  const start = boundOf(seriesStart, 'seriesStart');
  const allDay = 'date' in start;
  if (allDay && (rule.byHour || rule.byMinute || rule.bySecond)) {
    throw new RecurrenceInputError(
      'rrule',
      `rrule expected no BYHOUR/BYMINUTE/BYSECOND for an all-day series (a date has no time of day), got ${JSON.stringify(rule.rrule)}`,
    );
  }
  const startWall = allDay
    ? start.date.toPlainDateTime()
    : start.instant.toZonedDateTimeISO(rule.timeZone).toPlainDateTime();
  // The series start is occurrence 1 even when it does not match the rule's pattern.
  const engine = createEngine(rule, startWall, { includeStart: true });
  return { rule, allDay, startWall, engine };
}

/**
 * Wall-clock → due value. `compatible` disambiguation is exactly the product rule: a wall time
 * inside a spring-forward gap moves forward by the gap (02:30 → 03:30), a repeated wall time in
 * a fall-back fold takes the earlier of its two instants.
 */
function resolve(series: Series, wall: Temporal.PlainDateTime): Resolved {
  if (series.allDay) {
    const localDate = wall.toPlainDate();
    return {
      wall,
      localDate,
      epochMs: wall.toZonedDateTime('UTC').epochMilliseconds,
      due: { date: localDate.toString() },
    };
  }
  const zoned = wall.toZonedDateTime(series.rule.timeZone, { disambiguation: 'compatible' });
  return {
    wall,
    localDate: zoned.toPlainDate(),
    epochMs: zoned.epochMilliseconds,
    due: { dateTime: new Date(zoned.epochMilliseconds) },
  };
}

function beyondUntil(series: Series, occurrence: Resolved): boolean {
  const until = series.rule.until;
  if (!until) return false;
  const zone = series.rule.timeZone;
  switch (until.kind) {
    case 'instant':
      return series.allDay
        ? Temporal.PlainDate.compare(
            occurrence.localDate,
            Temporal.Instant.fromEpochMilliseconds(until.instant.getTime()).toZonedDateTimeISO(zone).toPlainDate(),
          ) > 0
        : occurrence.epochMs > until.instant.getTime();
    case 'date':
      // Inclusive: an all-day or timed occurrence on the UNTIL date itself still happens.
      return Temporal.PlainDate.compare(occurrence.localDate, Temporal.PlainDate.from(until.date)) > 0;
    case 'local':
      return series.allDay
        ? Temporal.PlainDate.compare(occurrence.localDate, Temporal.PlainDate.from(until.dateTime.slice(0, 10))) > 0
        : Temporal.PlainDateTime.compare(occurrence.wall, Temporal.PlainDateTime.from(until.dateTime)) > 0;
  }
}

function isAfter(series: Series, occurrence: Resolved, bound: Bound): boolean {
  if ('date' in bound) return Temporal.PlainDate.compare(occurrence.localDate, bound.date) > 0;
  if (series.allDay) {
    // An all-day occurrence starts at local midnight: strictly after the instant iff its date is
    // after the instant's local date.
    return (
      Temporal.PlainDate.compare(
        occurrence.localDate,
        bound.instant.toZonedDateTimeISO(series.rule.timeZone).toPlainDate(),
      ) > 0
    );
  }
  return occurrence.epochMs > bound.instant.epochMilliseconds;
}

const UNIT = { DAILY: 'days', WEEKLY: 'weeks', MONTHLY: 'months', YEARLY: 'years' } as const;
/** First query window, in FREQ units × INTERVAL: big enough to usually hold the next occurrence. */
const INITIAL_SPAN = { DAILY: 8, WEEKLY: 2, MONTHLY: 2, YEARLY: 2 } as const;

/** A wall-clock date-time read as if it were UTC: the engine's (gapless) time line. */
const floatingMs = (wall: Temporal.PlainDateTime): number => wall.toZonedDateTime('UTC').epochMilliseconds;

function wallOf(floating: number): Temporal.PlainDateTime {
  const d = new Date(floating);
  return new Temporal.PlainDateTime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/**
 * End of the time line occurrences live on (floating ms, see {@link floatingMs}): the last year
 * of @taskwire/values. A series has no occurrence after it, as if it had UNTIL=99991231; this
 * also keeps window arithmetic (`INTERVAL=10000` years × a span) inside what a date can hold.
 */
const endOfTime = Date.UTC(maxYear + 1, 0, 1);

/**
 * Runs an engine query, turning the engine's safety caps into an input error: a rule whose parts
 * can never all match (BYYEARDAY=366 with BYMONTH=1, ...) searches until a cap stops it. A date
 * range error (a date the engine or Temporal cannot hold) is the rule's too, not a server fault.
 */
function noRunaway<T>(rule: RecurrenceRule, query: () => T): T {
  try {
    return query();
  } catch (error) {
    if (error instanceof Error && /^Maximum (iterations|candidate evaluations)/.test(error.message)) {
      throw new RecurrenceInputError(
        'rrule',
        `rrule expected a rule that yields dates, got ${JSON.stringify(rule.rrule)}, which yields none`,
      );
    }
    if (error instanceof RangeError) {
      throw new RecurrenceInputError(
        'rrule',
        `rrule expected a rule whose dates stay within years 1900-${maxYear}, got ${JSON.stringify(rule.rrule)}`,
      );
    }
    throw error;
  }
}

/**
 * Generated wall times (as floating epoch ms, see {@link floatingMs}) in `[from, to)`, ascending,
 * without COUNT or UNTIL.
 *
 * Performance notes on rrule-temporal 2.2.8, measured here: next() costs about a millisecond
 * per call, so the engine is queried with between() over windows that start at a few periods
 * and double (a few µs per occurrence). Only epoch milliseconds are read from its results: each
 * result is a ZonedDateTime of the library's bundled Temporal, and asking it for
 * temporal-polyfill objects instead (its `temporal` option) costs a string round trip per
 * occurrence. An empty window jumps straight to the engine's next occurrence, so sparse rules
 * (Feb 29) do not crawl.
 */
function* scan(series: Series, from: number, to = endOfTime): Generator<number> {
  const { engine, rule } = series;
  const unit = UNIT[rule.freq];
  let lo = from;
  let span = INITIAL_SPAN[rule.freq] * rule.interval;
  to = Math.min(to, endOfTime);
  while (lo < to) {
    const hi = Math.min(to, floatingMs(noRunaway(rule, () => wallOf(lo).add({ [unit]: span }))));
    let found = 0;
    for (const d of noRunaway(rule, () => engine.between(new Date(lo), new Date(hi), true))) {
      const ms = d.epochMilliseconds;
      if (ms >= lo && ms < hi) {
        found += 1;
        yield ms;
      }
    }
    if (found > 0 || hi === to) {
      lo = hi;
    } else {
      const next = noRunaway(rule, () => engine.next(new Date(hi), true));
      if (!next) return;
      lo = next.epochMilliseconds;
    }
    span = Math.min(span * 2, 256 * rule.interval);
  }
}

/**
 * Occurrences of the series strictly after `bound`, in order, ending at COUNT/UNTIL.
 *
 * Generation always runs from the series start (the engine is phase-aligned to it, and COUNT is
 * counted from it), never from a previous due date. It begins a day before the bound's wall time
 * because the resolved instant of a wall time differs from its UTC reading by the zone offset.
 */
function* occurrencesAfterBound(series: Series, bound: Bound): Generator<Resolved> {
  const start = floatingMs(series.startWall);
  const boundWall =
    'date' in bound
      ? bound.date.add({ days: 1 }).toPlainDateTime()
      : bound.instant.toZonedDateTimeISO(series.rule.timeZone).toPlainDateTime().subtract({ days: 1 });
  const from = Math.max(start, floatingMs(boundWall));

  const count = series.rule.count;
  let index = 0; // 1-based position in the series of the last generated occurrence
  if (count !== undefined) {
    for (const _ of scan(series, start, from)) if (++index >= count) return;
  }
  let lastEpochMs = -Infinity;
  for (const generated of scan(series, from)) {
    if (count !== undefined && ++index > count) return;
    const occurrence = resolve(series, wallOf(generated));
    // A late wall time on 9999-12-31 can be an instant of year 10000 in UTC: past the end too.
    if (beyondUntil(series, occurrence) || occurrence.epochMs >= endOfTime) return;
    // Two wall times of one day can land on the same instant once a gap moves one forward
    // (02:30 → 03:30 next to a generated 03:30); keep the output strictly increasing.
    if (occurrence.epochMs > lastEpochMs && isAfter(series, occurrence, bound)) {
      lastEpochMs = occurrence.epochMs;
      yield occurrence;
    }
  }
}

/**
 * The next `count` occurrences of a series strictly after `after`, evaluated in wall-clock time
 * in the rule's time zone and counted from the series start (occurrence 1 = `seriesStart`).
 *
 * - Timed series (`seriesStart.dateTime`) yield `{ dateTime }` instants at the series' local time
 *   of day; all-day series (`seriesStart.date`) yield `{ date: 'YYYY-MM-DD' }`.
 * - `after` is an instant, or a date `YYYY-MM-DD` meaning "after that local day". For an all-day
 *   series an occurrence is after an instant when its date is after the instant's local date.
 * - Fewer than `count` results means the series ends (COUNT or UNTIL).
 *
 * @throws {RecurrenceInputError} when the rule cannot apply to the series (BYHOUR on an all-day
 *   series).
 * @throws {RangeError} on an invalid `seriesStart`/`after` value or a negative `count`.
 */
export function occurrencesBetween(
  rule: RecurrenceRule,
  seriesStart: DueAt,
  after: Date | string,
  count: number,
): DueAt[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count expected a non-negative integer, got ${count}`);
  const series = openSeries(rule, seriesStart);
  const out: DueAt[] = [];
  if (count === 0) return out;
  for (const occurrence of occurrencesAfterBound(series, boundOf(after, 'after'))) {
    out.push(occurrence.due);
    if (out.length >= count) break;
  }
  return out;
}

/** BYxxx parts other than time-of-day ones: with none, COMPLETION is plain calendar arithmetic. */
function hasCalendarParts(rule: RecurrenceRule): boolean {
  return Boolean(rule.byDay || rule.byMonthDay || rule.byMonth || rule.bySetPos || rule.byYearDay);
}

/**
 * The due value and occurrence number of the instance that follows a completed one, or `null`
 * when the series has ended (COUNT reached, or the next due value is past UNTIL).
 *
 * - `SCHEDULE`: the first occurrence after `currentDue`, so a late completion does not shift the
 *   series. If that occurrence falls before today (in the rule's zone, today taken from `now`),
 *   occurrences are skipped up to the first one on or after today and `skipped` says how many.
 *   (It may be due earlier today and so already overdue: it is today's occurrence.) `null` when
 *   the series ends before today.
 * - `COMPLETION`: computed from the local date of `completedAt`, at the series' time of day.
 *   Without calendar BYxxx parts it adds INTERVAL × FREQ to that date (`FREQ=DAILY;INTERVAL=3`
 *   completed on the 12th → the 15th; a month from Jan 31 → Feb 28/29); with them it is the
 *   first date after the completion date that the rule yields when started on the completion
 *   date (weekly on MO,WE completed on a Tuesday → Wednesday). COUNT limits the occurrence
 *   number, UNTIL the due value.
 *
 * Occurrence numbers count from 1 = series start; the result's is `occurrence + 1 + skipped`.
 * With SCHEDULE, COUNT is counted from `seriesStart` (occurrence 1), whatever `occurrence` says.
 *
 * @throws {RecurrenceInputError} for an invalid rule or time zone (`field` says which).
 * @throws {RangeError} on invalid dates/instants or an occurrence number below 1.
 */
export function nextInstanceDue(input: NextInstanceInput): NextInstance | null {
  if (!Number.isInteger(input.occurrence) || input.occurrence < 1) {
    throw new RangeError(`occurrence expected an integer >= 1, got ${input.occurrence}`);
  }
  const rule = parseRecurrenceRule(input.rrule, input.timeZone);
  const zone = rule.timeZone;
  const series = openSeries(rule, input.seriesStart);

  if (input.anchor === 'SCHEDULE') {
    const today = toInstant(input.now, 'now').toZonedDateTimeISO(zone).toPlainDate();
    const first = occurrencesAfterBound(series, boundOf(input.currentDue, 'currentDue')).next();
    if (first.done) return null;
    if (Temporal.PlainDate.compare(first.value.localDate, today) >= 0) {
      return { due: first.value.due, occurrence: input.occurrence + 1, skipped: 0 };
    }
    const next = occurrencesAfterBound(series, { date: today.subtract({ days: 1 }) }).next();
    if (next.done) return null;
    // The passed occurrences are only counted, on generated wall times: resolving each one in the
    // zone costs tens of µs apiece, and a task can be years overdue.
    let skipped = 0;
    for (const _ of scan(series, floatingMs(first.value.wall), floatingMs(next.value.wall))) skipped += 1;
    return { due: next.value.due, occurrence: input.occurrence + 1 + skipped, skipped };
  }

  if (input.anchor !== 'COMPLETION') {
    throw new RangeError(`anchor expected SCHEDULE or COMPLETION, got ${JSON.stringify(input.anchor)}`);
  }
  const nextNumber = input.occurrence + 1;
  if (rule.count !== undefined && nextNumber > rule.count) return null;
  const completedOn = toInstant(input.completedAt, 'completedAt').toZonedDateTimeISO(zone).toPlainDate();
  const timeOfDay = series.startWall.toPlainTime();
  let wall: Temporal.PlainDateTime | undefined;
  if (!hasCalendarParts(rule) && !rule.byHour && !rule.byMinute && !rule.bySecond) {
    // Calendar arithmetic clamps to the month's end, which is what "a month after I finish it" means.
    wall = completedOn.add({ [UNIT[rule.freq]]: rule.interval }).toPlainDateTime(timeOfDay);
  } else {
    // Run the rule as if the series started on the completion date, and take its first date after it.
    const fromCompletion = createEngine(rule, completedOn.toPlainDateTime(timeOfDay), { includeStart: false });
    const first = noRunaway(rule, () =>
      fromCompletion.next(new Date(floatingMs(completedOn.add({ days: 1 }).toPlainDateTime())), true),
    );
    wall = first ? wallOf(first.epochMilliseconds) : undefined;
  }
  if (!wall) return null;
  const next = resolve(series, wall);
  if (beyondUntil(series, next) || next.epochMs >= endOfTime) return null;
  return { due: next.due, occurrence: nextNumber, skipped: 0 };
}
