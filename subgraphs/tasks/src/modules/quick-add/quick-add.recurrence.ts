/**
 * The repeat phrases of quick add ("every weekday", "every 2 weeks on mon, thu", "every last
 * friday", "every! 3 days") as RFC 5545 RRULEs. Dates and times around them are chrono-node's
 * job (quick-add.parser.ts); this grammar only reads what chrono-node does not: repetition.
 */
import { parseRecurrenceRule, type RecurrenceAnchor } from '@taskwire/recurrence';

export interface RepeatPhrase {
  readonly rrule: string;
  readonly anchor: RecurrenceAnchor;
  /** Offsets of the phrase in the text (UTF-16, end exclusive). */
  readonly start: number;
  readonly end: number;
}

const weekdays: Record<string, string> = {
  mo: 'MO', mon: 'MO', monday: 'MO', mondays: 'MO',
  tu: 'TU', tue: 'TU', tues: 'TU', tuesday: 'TU', tuesdays: 'TU',
  we: 'WE', wed: 'WE', weds: 'WE', wednesday: 'WE', wednesdays: 'WE',
  th: 'TH', thu: 'TH', thur: 'TH', thurs: 'TH', thursday: 'TH', thursdays: 'TH',
  fr: 'FR', fri: 'FR', friday: 'FR', fridays: 'FR',
  sa: 'SA', sat: 'SA', saturday: 'SA', saturdays: 'SA',
  su: 'SU', sun: 'SU', sunday: 'SU', sundays: 'SU',
}; // prettier-ignore

const months: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6,
  june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10,
  october: 10, nov: 11, november: 11, dec: 12, december: 12,
}; // prettier-ignore

const numberWords: Record<string, number> = {
  other: 2, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
}; // prettier-ignore

const ordinals: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5,
  '5th': 5, last: -1,
}; // prettier-ignore

const weekdayWord = `(?:${Object.keys(weekdays)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const monthWord = `(?:${Object.keys(months)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const countWord = `(?:\\d{1,3}|${Object.keys(numberWords).join('|')})`;
const ordinalWord = `(?:${Object.keys(ordinals).join('|')})`;
const dayList = `${weekdayWord}(?:(?:\\s*(?:,|&|\\band\\b)\\s*|\\s+)${weekdayWord})*`;
const monthDay = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;

/** Each form, tried in order at every "every"; the first that matches the longest wins. */
const forms: ReadonlyArray<{ pattern: RegExp; rule: (m: RegExpExecArray) => string | null }> = [
  { pattern: new RegExp(`^(?:(${countWord})\\s+)?days?\\b`, 'i'), rule: (m) => withInterval('DAILY', m[1]) },
  { pattern: /^(?:week ?days?|workdays?)\b/i, rule: () => 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
  { pattern: /^weekends?\b/i, rule: () => 'FREQ=WEEKLY;BYDAY=SA,SU' },
  {
    pattern: new RegExp(`^(?:(${countWord})\\s+)?weeks?(?:\\s+on\\s+(${dayList}))?\\b`, 'i'),
    rule: (m) => withInterval('WEEKLY', m[1], m[2] ? `BYDAY=${dayCodes(m[2])}` : undefined),
  },
  { pattern: new RegExp(`^(${dayList})\\b`, 'i'), rule: (m) => `FREQ=WEEKLY;BYDAY=${dayCodes(m[1]!)}` },
  {
    pattern: new RegExp(`^(${countWord})\\s+(${dayList})\\b`, 'i'),
    rule: (m) => withInterval('WEEKLY', m[1], `BYDAY=${dayCodes(m[2]!)}`),
  },
  {
    pattern: new RegExp(`^(${ordinalWord})\\s+(${weekdayWord})\\b`, 'i'),
    rule: (m) => `FREQ=MONTHLY;BYDAY=${ordinals[m[1]!.toLowerCase()]}${weekdays[m[2]!.toLowerCase()]}`,
  },
  {
    pattern: new RegExp(`^(?:(${countWord})\\s+)?months?(?:\\s+on\\s+the\\s+(${monthDay}|last\\s+day))?\\b`, 'i'),
    rule: (m) => withInterval('MONTHLY', m[1], m[2] ? `BYMONTHDAY=${monthDayOf(m[2])}` : undefined),
  },
  { pattern: /^last\s+day(?:\s+of\s+(?:the\s+)?month)?\b/i, rule: () => 'FREQ=MONTHLY;BYMONTHDAY=-1' },
  {
    pattern: new RegExp(`^(${monthWord})\\.?\\s+(${monthDay})\\b`, 'i'),
    rule: (m) => yearlyOn(m[1]!, m[2]!),
  },
  {
    pattern: new RegExp(`^(${monthDay})\\s+(?:of\\s+)?(${monthWord})\\b`, 'i'),
    rule: (m) => yearlyOn(m[2]!, m[1]!),
  },
  {
    pattern: new RegExp(`^(?:the\\s+)?(${monthDay})(?:\\s+of\\s+(?:the|each|every)\\s+month)?(?=\\s|$|[,.;])`, 'i'),
    rule: (m) =>
      /\d(st|nd|rd|th)$/i.test(m[1]!) || m[0].includes('month') ? `FREQ=MONTHLY;BYMONTHDAY=${monthDayOf(m[1]!)}` : null,
  },
  { pattern: new RegExp(`^(?:(${countWord})\\s+)?years?\\b`, 'i'), rule: (m) => withInterval('YEARLY', m[1]) },
];

function countOf(word: string | undefined): number {
  if (!word) return 1;
  const lower = word.toLowerCase();
  return numberWords[lower] ?? Number(lower);
}

function withInterval(freq: string, count: string | undefined, by?: string): string | null {
  const interval = countOf(count);
  if (!Number.isInteger(interval) || interval < 1) return null;
  return [`FREQ=${freq}`, interval > 1 ? `INTERVAL=${interval}` : null, by].filter(Boolean).join(';');
}

function dayCodes(list: string): string {
  const codes = list
    .toLowerCase()
    .split(/[\s,&]+|\band\b/)
    .filter((w) => w in weekdays)
    .map((w) => weekdays[w]!);
  const order = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  return [...new Set(codes)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(',');
}

function monthDayOf(text: string): number {
  return /last/i.test(text) ? -1 : Number.parseInt(text, 10);
}

function yearlyOn(month: string, day: string): string | null {
  const m = months[month.toLowerCase().replace('.', '')]!;
  const d = Number.parseInt(day, 10);
  const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= longest ? `FREQ=YEARLY;BYMONTH=${m};BYMONTHDAY=${d}` : null;
}

const every = /(?<![\p{L}\p{N}])every(!?)\s+/giu;

/**
 * The first repeat phrase of `text`, or null. "every" followed by something that is no
 * repetition ("every book") is plain text.
 */
export function findRepeatPhrase(text: string): RepeatPhrase | null {
  for (const m of text.matchAll(every)) {
    const rest = text.slice(m.index + m[0].length);
    for (const form of forms) {
      const hit = form.pattern.exec(rest);
      const rrule = hit && form.rule(hit);
      if (hit && rrule && isValid(rrule)) {
        const anchor = m[1] === '!' ? 'COMPLETION' : 'SCHEDULE';
        return { rrule, anchor, start: m.index, end: m.index + m[0].length + hit[0].length };
      }
    }
  }
  return null;
}

/** "until <date>" after a repeat phrase: where its date text starts, for chrono-node. */
export const untilWord = /(?<![\p{L}\p{N}])(?:until|till|ending)\s+/giu;
/** "for 5 times" / "5 times" after a repeat phrase. */
export const countSuffix = /(?<![\p{L}\p{N}])(?:for\s+)?(\d{1,4})\s+times(?![\p{L}\p{N}])/iu;

/** The engine's own check: a phrase the grammar reads wrongly stays text rather than failing. */
function isValid(rrule: string): boolean {
  try {
    parseRecurrenceRule(rrule, 'UTC');
    return true;
  } catch {
    return false;
  }
}
