/**
 * Quick add: one line becomes a task draft (docs/api.md "Quick add"). Dates and times are read by
 * chrono-node in the user's zone; the Taskwire tokens (`!p1`, `#tag`, `~Project`,
 * "remind 30m before", "// description") and the repeat phrases (quick-add.recurrence.ts) by
 * small grammars. Every recognised part is reported with its offsets so that a client can show
 * it as a chip, and undo it by passing its start in `keepAsText`.
 */
import * as chrono from 'chrono-node';
import { Temporal } from 'temporal-polyfill';
import { occurrencesBetween, parseRecurrenceRule, type DueAt, type RecurrenceAnchor } from '@taskwire/recurrence';
import type { Priority } from '../../db/database.js';
import { countSuffix, findRepeatPhrase, untilWord } from './quick-add.recurrence.js';

export type DraftPartKind = 'DUE' | 'REPEAT' | 'PRIORITY' | 'TAG' | 'PROJECT' | 'REMINDER' | 'DESCRIPTION';

/** One recognised piece of the text; `start`/`end` are UTF-16 offsets, `end` exclusive. */
export interface DraftPart {
  readonly kind: DraftPartKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface DraftProject {
  readonly id: string;
  readonly name: string;
}

export interface QuickAddOptions {
  /** IANA zone the dates and times are read in. */
  readonly timeZone: string;
  readonly now: Date;
  /** Projects a `~Name` may pick (those the user may add tasks to). */
  readonly projects: readonly DraftProject[];
  /** Starts of parts the user undid: those stay plain title text. */
  readonly keepAsText?: ReadonlySet<number>;
}

export interface QuickAddDraft {
  readonly title: string;
  readonly description: string | null;
  readonly due: DueAt | null;
  readonly timeZone: string;
  readonly priority: Priority | null;
  readonly tagNames: readonly string[];
  readonly project: DraftProject | null;
  readonly recurrence: { readonly rrule: string; readonly timeZone: string; readonly anchor: RecurrenceAnchor } | null;
  readonly reminderOffsetsMinutes: readonly number[];
  readonly parts: readonly DraftPart[];
}

/** Longest tag name (planning's rule for tag names). */
const maxTagLength = 50;
/** Longest reminder offset (planning's rule: one year). */
const maxReminderOffset = 525_600;

const priorities: Record<string, Priority> = { '1': 'URGENT', '2': 'HIGH', '3': 'MEDIUM', '4': 'LOW' };
const priorityToken = /(?<!\S)!p([1-4])(?![\p{L}\p{N}])/giu;
const tagToken = /(?<!\S)#([\p{L}\p{N}_][\p{L}\p{N}_\-./]*)/gu;
const projectMark = /(?<!\S)~/gu;
const reminderPhrase =
  /(?<![\p{L}\p{N}])remind(?:\s+me)?\s+(?:(\d{1,6})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+(?:before|early)|(?:at\s+(?:the\s+)?(?:due\s+)?time|on\s+time|when\s+due))(?![\p{L}\p{N}])/giu;
const descriptionMark = /(?<!\S)\/\/(?=\s|$)/u;
/** Words that only introduce a date ("due friday", "on the 1st", "starting monday"): part of the date chip. */
const dateLead = /(?:^|\s)(?:(?:due|by|on|at|starting|from|beginning)\s+(?:the\s+)?|the\s+)$/i;

const unitMinutes = (unit: string): number =>
  unit.startsWith('w') ? 10_080 : unit.startsWith('d') ? 1_440 : unit.startsWith('h') ? 60 : 1;

/**
 * The line as the grammars see it: each part taken is blanked (offsets stay those of the
 * original), and each part the user undid is hidden from the later grammars ("every monday"
 * kept as text must not become a date "monday") while staying in the title.
 */
class Scanner {
  private view: string;
  private titleText: string;
  readonly parts: DraftPart[] = [];

  constructor(
    readonly text: string,
    private readonly keep: ReadonlySet<number>,
  ) {
    this.view = text;
    this.titleText = text;
  }

  get rest(): string {
    return this.view;
  }

  kept(start: number): boolean {
    return this.keep.has(start);
  }

  take(kind: DraftPartKind, start: number, end: number): void {
    this.parts.push({ kind, text: this.text.slice(start, end), start, end });
    this.view = splice(this.view, start, end, ' ');
    this.titleText = splice(this.titleText, start, end, ' ');
  }

  /** A part the user undid: plain title text that no later grammar reads. */
  keepAsText(start: number, end: number): void {
    this.view = splice(this.view, start, end, 'x');
  }

  title(): string {
    return this.titleText
      .replace(/\s+/g, ' ')
      .replace(/ ([.,;:!?])(?= |$)/g, '$1')
      .trim();
  }
}

function splice(text: string, start: number, end: number, fill: string): string {
  return text.slice(0, start) + fill.repeat(end - start) + text.slice(end);
}

/** Parses one line into a draft; never throws for any text (unrecognised words are title). */
export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddDraft {
  const scan = new Scanner(text, options.keepAsText ?? new Set());
  const description = takeDescription(scan);
  const priority = takePriority(scan);
  const project = takeProject(scan, options.projects);
  const tagNames = takeTags(scan);
  const reminderOffsetsMinutes = takeReminders(scan);
  const repeat = takeRepeat(scan, options);
  const when = takeDate(scan, options, repeat !== null);
  const due = repeat ? firstOccurrence(repeat.rrule, options, when) : (when?.due ?? null);
  return {
    title: scan.title(),
    description,
    due,
    timeZone: options.timeZone,
    priority,
    tagNames,
    project,
    recurrence: repeat && due ? { rrule: repeat.rrule, timeZone: options.timeZone, anchor: repeat.anchor } : null,
    reminderOffsetsMinutes,
    parts: [...scan.parts].sort((a, b) => a.start - b.start),
  };
}

function takeDescription(scan: Scanner): string | null {
  const mark = descriptionMark.exec(scan.rest);
  if (!mark) return null;
  if (scan.kept(mark.index)) {
    scan.keepAsText(mark.index, mark.index + 2);
    return null;
  }
  scan.take('DESCRIPTION', mark.index, scan.text.length);
  return scan.text.slice(mark.index + 2).trim() || null;
}

function takePriority(scan: Scanner): Priority | null {
  for (const m of scan.rest.matchAll(priorityToken)) {
    if (scan.kept(m.index)) {
      scan.keepAsText(m.index, m.index + m[0].length);
      continue;
    }
    scan.take('PRIORITY', m.index, m.index + m[0].length);
    return priorities[m[1]!]!;
  }
  return null;
}

function takeTags(scan: Scanner): string[] {
  const names = new Map<string, string>();
  for (const m of [...scan.rest.matchAll(tagToken)]) {
    const name = m[1]!.replace(/[-./]+$/, '');
    if (name.length > maxTagLength) continue;
    if (scan.kept(m.index)) {
      scan.keepAsText(m.index, m.index + 1 + name.length);
      continue;
    }
    scan.take('TAG', m.index, m.index + 1 + name.length);
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}

/** `~Name` (the longest project name that follows, in any case) or `~"Name with spaces"`. */
function takeProject(scan: Scanner, projects: readonly DraftProject[]): DraftProject | null {
  const byLength = [...projects].sort((a, b) => b.name.length - a.name.length);
  for (const m of scan.rest.matchAll(projectMark)) {
    const after = scan.rest.slice(m.index + 1);
    const quoted = /^"([^"]+)"/.exec(after);
    const wanted = quoted ? quoted[1]!.trim().toLowerCase() : null;
    const hit = byLength.find((p) => {
      const name = p.name.toLowerCase();
      if (wanted !== null) return name === wanted;
      return after.toLowerCase().startsWith(name) && !/^[\p{L}\p{N}_]/u.test(after.slice(name.length));
    });
    if (!hit) continue;
    if (scan.kept(m.index)) {
      scan.keepAsText(m.index, m.index + 1 + (quoted ? quoted[0].length : hit.name.length));
      continue;
    }
    scan.take('PROJECT', m.index, m.index + 1 + (quoted ? quoted[0].length : hit.name.length));
    return hit;
  }
  return null;
}

function takeReminders(scan: Scanner): number[] {
  const offsets = new Set<number>();
  for (const m of [...scan.rest.matchAll(reminderPhrase)]) {
    if (scan.kept(m.index)) {
      scan.keepAsText(m.index, m.index + m[0].length);
      continue;
    }
    const minutes = m[1] ? Number(m[1]) * unitMinutes(m[2]!.toLowerCase()) : 0;
    if (minutes > maxReminderOffset) continue;
    scan.take('REMINDER', m.index, m.index + m[0].length);
    offsets.add(minutes);
  }
  return [...offsets].sort((a, b) => a - b);
}

interface Repeat {
  readonly rrule: string;
  readonly anchor: RecurrenceAnchor;
}

/** A repeat phrase with its optional "until <date>" or "N times" tail. */
function takeRepeat(scan: Scanner, options: QuickAddOptions): Repeat | null {
  let phrase = findRepeatPhrase(scan.rest);
  while (phrase && scan.kept(phrase.start)) {
    scan.keepAsText(phrase.start, phrase.end);
    phrase = findRepeatPhrase(scan.rest);
  }
  if (!phrase) return null;
  scan.take('REPEAT', phrase.start, phrase.end);
  return { rrule: phrase.rrule + seriesEnd(scan, options, phrase.end), anchor: phrase.anchor };
}

/** "until <date>" or "(for) N times" after a repeat phrase, as its UNTIL or COUNT part. */
function seriesEnd(scan: Scanner, options: QuickAddOptions, from: number): string {
  const tail = scan.rest.slice(from);
  const count = countSuffix.exec(tail);
  if (count && scan.kept(from + count.index)) scan.keepAsText(from + count.index, from + count.index + count[0].length);
  else if (count && Number(count[1]) >= 1) {
    scan.take('REPEAT', from + count.index, from + count.index + count[0].length);
    return `;COUNT=${Number(count[1])}`;
  }
  for (const until of tail.matchAll(untilWord)) {
    const at = from + until.index + until[0].length;
    const date = chrono.casual.parse(scan.rest.slice(at), reference(options), { forwardDate: true })[0];
    if (!date || date.index !== 0) continue;
    if (scan.kept(from + until.index)) {
      scan.keepAsText(from + until.index, at + date.text.length);
      continue;
    }
    const { year, month, day } = wallDate(date.start);
    scan.take('REPEAT', from + until.index, at + date.text.length);
    return `;UNTIL=${String(year).padStart(4, '0')}${pad(month)}${pad(day)}`;
  }
  return '';
}

interface Found {
  readonly due: DueAt;
  readonly dateGiven: boolean;
  readonly timed: boolean;
  readonly wall: Temporal.PlainDateTime;
}

/**
 * chrono-node's reference: the present as wall-clock time in the user's zone, written as a
 * Date of this process's own zone. chrono-node compares times in the process's zone whatever
 * offset it is given ("thursday noon" on a Thursday morning in New York became next week on a
 * UTC host), so it is given the wall clock it should reason in instead.
 */
function reference(options: QuickAddOptions): Date {
  const wall = Temporal.Instant.fromEpochMilliseconds(options.now.getTime())
    .toZonedDateTimeISO(options.timeZone)
    .toPlainDateTime();
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

function wallDate(c: chrono.ParsedComponents): { year: number; month: number; day: number } {
  return { year: c.get('year')!, month: c.get('month')!, day: c.get('day')! };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The first date or time chrono-node finds outside other parts, as a due value in the zone; a
 * lone time and a lone date apart ("at 3pm … tomorrow") make one due value together.
 */
function takeDate(scan: Scanner, options: QuickAddOptions, repeating: boolean): Found | null {
  const found: Array<{ start: number; end: number; result: chrono.ParsedResult }> = [];
  for (const result of chrono.casual.parse(scan.rest, reference(options), { forwardDate: true })) {
    const lead = dateLead.exec(scan.rest.slice(0, result.index));
    const leadWord = lead && (repeating || !/^\s*(starting|from|beginning)/i.test(lead[0])) ? lead[0].trimStart() : '';
    const from = result.index + (result.text.length - result.text.trimStart().length);
    const start = from - leadWord.length;
    if (scan.kept(start) || scan.kept(from)) {
      scan.keepAsText(start, from + result.text.trim().length);
      continue;
    }
    found.push({ start, end: from + result.text.trim().length, result });
  }
  const [first, ...others] = found;
  if (!first) return null;
  scan.take('DUE', first.start, first.end);
  const due = toDue(first.result, options);
  const complement = others.find((o) => (due.timed ? isDateOnly(o.result.start) : isTimeOnly(o.result.start)));
  if (!complement || (due.timed && due.dateGiven) || (!due.timed && !due.dateGiven)) return due;
  scan.take('DUE', complement.start, complement.end);
  const other = toDue(complement.result, options);
  const [date, time] = due.timed ? [other.wall, due.wall] : [due.wall, other.wall];
  const wall = date.toPlainDate().toPlainDateTime(time.toPlainTime());
  return { due: dueAtWall(wall, true, options.timeZone), dateGiven: true, timed: true, wall };
}

function isTimeOnly(c: chrono.ParsedComponents): boolean {
  return c.isCertain('hour') && !c.isCertain('day') && !c.isCertain('weekday') && !c.isCertain('timezoneOffset');
}

function isDateOnly(c: chrono.ParsedComponents): boolean {
  return !c.isCertain('hour') && (c.isCertain('day') || c.isCertain('weekday'));
}

/** The instant of a time that does not depend on the zone: relative ("in 2 hours"), or with its own offset. */
function exactInstant(result: chrono.ParsedResult, options: QuickAddOptions): Date | null {
  const c = result.start;
  if (result.tags().has('result/relativeDateAndTime')) {
    return new Date(options.now.getTime() + (c.date().getTime() - reference(options).getTime()));
  }
  const offset = c.get('timezoneOffset');
  if (!c.isCertain('timezoneOffset') || offset === null) return null;
  const { year, month, day } = wallDate(c);
  return new Date(Date.UTC(year, month - 1, day, c.get('hour')!, c.get('minute') ?? 0) - offset * 60_000);
}

function toDue(result: chrono.ParsedResult, options: QuickAddOptions): Found {
  const c = result.start;
  const timed = c.isCertain('hour');
  const dateGiven = c.isCertain('day') || c.isCertain('weekday') || c.isCertain('month');
  const { year, month, day } = wallDate(c);
  const exact = timed ? exactInstant(result, options) : null;
  if (exact) {
    // "in 3 hours" or "9am EST": an instant, read back as wall time in the zone.
    const zoned = Temporal.Instant.fromEpochMilliseconds(exact.getTime()).toZonedDateTimeISO(options.timeZone);
    return { due: { dateTime: exact }, dateGiven: true, timed, wall: zoned.toPlainDateTime() };
  }
  const wall = new Temporal.PlainDateTime(
    year,
    month,
    day,
    timed ? c.get('hour')! : 0,
    timed ? (c.get('minute') ?? 0) : 0,
  );
  if (!timed) return { due: { date: wall.toPlainDate().toString() }, dateGiven, timed, wall };
  const instant = wall.toZonedDateTime(options.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  return { due: { dateTime: new Date(instant) }, dateGiven, timed, wall };
}

/**
 * The first occurrence of a new series: the first day on or after the date given (or today, or
 * tomorrow when the time given has passed today) that the rule's BYxxx parts allow, at the time
 * given. INTERVAL counts from there: "every 3 months on the 15th" typed on March 26 starts on
 * April 15, not June 15. (RFC 5545 would also count a start the rule does not produce.)
 */
function firstOccurrence(rrule: string, options: QuickAddOptions, when: Found | null): DueAt {
  const zone = options.timeZone;
  const today = Temporal.Instant.fromEpochMilliseconds(options.now.getTime()).toZonedDateTimeISO(zone).toPlainDate();
  const start = when?.wall ?? today.toPlainDateTime();
  const timed = when?.timed ?? false;
  const candidate = dueAtWall(start, timed, zone);
  const rule = parseRecurrenceRule(rrule, zone);
  if (!rule.byDay && !rule.byMonthDay && !rule.byMonth) return candidate;
  const everyMatch = parseRecurrenceRule(rrule.replace(/;?(INTERVAL|COUNT|UNTIL)=[^;]+/g, ''), zone);
  const dayBefore = dueAtWall(start.subtract({ days: 1 }), timed, zone);
  return occurrencesBetween(everyMatch, dayBefore, dayBefore.dateTime ?? dayBefore.date, 1)[0] ?? candidate;
}

function dueAtWall(wall: Temporal.PlainDateTime, timed: boolean, zone: string): DueAt {
  if (!timed) return { date: wall.toPlainDate().toString() };
  return { dateTime: new Date(wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds) };
}
