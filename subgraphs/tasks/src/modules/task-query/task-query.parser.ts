/**
 * The filter language of `tasks(query:)` (docs/api.md "Filter language"):
 * `(today | overdue) & #work & !p1`, `due before: next monday`, `no date`, `search: invoice`,
 * `assigned to: me`, `~Errands`, `created after: -7d`. A recursive-descent parser over the
 * text; dates are resolved in the user's zone at `now` (chrono-node for phrases), so the tree it
 * returns holds instants. Every refusal is a {@link QueryError} with the 0-based position.
 */
import * as chrono from 'chrono-node';
import { Temporal } from 'temporal-polyfill';
import type { Priority, TaskStatus } from '../../db/database.js';

export type QueryAtom =
  /** due_key in [from, before): either bound may be open. */
  | { readonly kind: 'due'; readonly from?: Date; readonly before?: Date }
  | { readonly kind: 'created'; readonly from?: Date; readonly before?: Date }
  | { readonly kind: 'noDate' }
  | { readonly kind: 'overdue' }
  | { readonly kind: 'recurring' }
  | { readonly kind: 'status'; readonly status: TaskStatus }
  | { readonly kind: 'tag'; readonly name: string }
  | { readonly kind: 'priority'; readonly priority: Priority }
  | { readonly kind: 'project'; readonly name: string }
  | { readonly kind: 'search'; readonly text: string }
  | { readonly kind: 'assignedToMe' }
  | { readonly kind: 'unassigned' };

export type QueryNode =
  | { readonly op: 'and' | 'or'; readonly items: readonly QueryNode[] }
  | { readonly op: 'not'; readonly item: QueryNode }
  | { readonly op: 'atom'; readonly atom: QueryAtom; readonly position: number };

/** A query the language does not accept: where, and what was expected there. */
export class QueryError extends Error {
  constructor(
    readonly position: number,
    readonly expected: string,
    found: string,
  ) {
    super(`query: expected ${expected} at position ${position}, got ${found}`);
    this.name = 'QueryError';
  }
}

export interface QueryOptions {
  readonly timeZone: string;
  readonly now: Date;
}

/** Longest query, in characters. */
export const maxQueryLength = 1_000;
/** Deepest nesting of parentheses and negations. */
const maxDepth = 32;

const priorities: Record<string, Priority> = { '1': 'URGENT', '2': 'HIGH', '3': 'MEDIUM', '4': 'LOW' };
const filterExamples = 'a filter (today, overdue, no date, #tag, !p1, ~Project, due before: …, search: …)';
const dateExamples = 'a date (2026-12-24, today, tomorrow, -7d, +2w, next monday)';

/** Keyed filters, longest first so that "due before:" wins over "due:". */
const keys = ['due before', 'due after', 'due', 'created before', 'created after', 'created', 'search', 'assigned to'];
const keyPattern = new RegExp(`^(${keys.map((k) => k.replace(' ', '\\s+')).join('|')})\\s*:`, 'i');
const words: ReadonlyArray<[RegExp, QueryAtom | ((o: QueryOptions) => QueryAtom)]> = [
  [/^today\b/i, (o) => dayRange(o, 0)],
  [/^tomorrow\b/i, (o) => dayRange(o, 1)],
  [/^overdue\b/i, { kind: 'overdue' }],
  [/^no\s+(?:due\s+)?date\b/i, { kind: 'noDate' }],
  [/^recurring\b/i, { kind: 'recurring' }],
  [/^(?:open|not\s+done)\b/i, { kind: 'status', status: 'OPEN' }],
  [/^(?:completed|done)\b/i, { kind: 'status', status: 'COMPLETED' }],
  [/^unassigned\b/i, { kind: 'unassigned' }],
];

/** Parses a query; an empty (or blank) one is null: it restricts nothing. */
export function parseTaskQuery(text: string, options: QueryOptions): QueryNode | null {
  if (text.length > maxQueryLength) {
    throw new QueryError(maxQueryLength, `at most ${maxQueryLength} characters`, `${text.length}`);
  }
  const parser = new Parser(text, options);
  if (parser.atEnd()) return null;
  const node = parser.or(0);
  if (!parser.atEnd()) throw parser.fail('& or | or the end of the query');
  return node;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly options: QueryOptions,
  ) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  fail(expected: string, at = this.pos, found?: string): QueryError {
    const rest = this.text.slice(at);
    const shown = found ?? (rest ? JSON.stringify(rest.split(/\s/)[0]!.slice(0, 20) || rest[0]) : 'the end');
    return new QueryError(at, expected, shown);
  }

  or(depth: number): QueryNode {
    const items = [this.and(depth)];
    while (this.operator(/^(?:\||or\b)/i)) items.push(this.and(depth));
    return items.length === 1 ? items[0]! : { op: 'or', items };
  }

  private and(depth: number): QueryNode {
    const items = [this.unary(depth)];
    while (this.operator(/^(?:&|and\b)/i)) items.push(this.unary(depth));
    return items.length === 1 ? items[0]! : { op: 'and', items };
  }

  private unary(depth: number): QueryNode {
    if (depth >= maxDepth) throw this.fail(`at most ${maxDepth} nested groups`);
    this.skipSpace();
    if (this.operator(/^(?:!(?!p[1-4]\b)|not\b(?!\s+done\b))/i)) return { op: 'not', item: this.unary(depth + 1) };
    if (this.operator(/^\(/)) {
      const inner = this.or(depth + 1);
      if (!this.operator(/^\)/)) throw this.fail(') to close the ( opened before');
      return inner;
    }
    return this.atom();
  }

  /** Consumes an operator or bracket matching `pattern` (after spaces), if there is one. */
  private operator(pattern: RegExp): boolean {
    this.skipSpace();
    const m = pattern.exec(this.text.slice(this.pos));
    if (!m) return false;
    this.pos += m[0].length;
    return true;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos += 1;
  }

  private atom(): QueryNode {
    this.skipSpace();
    const position = this.pos;
    const rest = this.text.slice(this.pos);
    const take = (length: number, atom: QueryAtom): QueryNode => {
      this.pos += length;
      return { op: 'atom', atom, position };
    };
    const tag = /^#([\p{L}\p{N}_][\p{L}\p{N}_\-./]*)/u.exec(rest);
    if (tag) return take(tag[0].length, { kind: 'tag', name: tag[1]!.replace(/[-./]+$/, '') });
    const priority = /^!?p([1-4])\b/i.exec(rest);
    if (priority) return take(priority[0].length, { kind: 'priority', priority: priorities[priority[1]!]! });
    if (rest.startsWith('~')) return take(0, { kind: 'project', name: this.projectName() });
    const key = keyPattern.exec(rest);
    if (key) {
      this.pos += key[0].length;
      return { op: 'atom', atom: this.keyed(key[1]!.toLowerCase().replace(/\s+/g, ' ')), position };
    }
    for (const [pattern, atom] of words) {
      const m = pattern.exec(rest);
      if (m) return take(m[0].length, typeof atom === 'function' ? atom(this.options) : atom);
    }
    const word = /^[\p{L}\p{N}_ ]+?\s*:/u.exec(rest);
    if (word) throw this.fail(`a known filter key (${keys.map((k) => `${k}:`).join(', ')})`);
    throw this.fail(filterExamples);
  }

  /** `~Name` up to the next operator, or `~"Name"`. */
  private projectName(): string {
    this.pos += 1;
    const start = this.pos;
    const quoted = /^"([^"]*)"/.exec(this.text.slice(this.pos));
    const name = quoted ? quoted[1]!.trim() : this.value();
    if (quoted) this.pos += quoted[0].length;
    if (!name) throw this.fail('a project name after ~', start);
    return name;
  }

  /** The text of a keyed filter's value: up to the next &, |, ) or the end (not "and"/"or"); trimmed. */
  private value(): string {
    this.skipSpace();
    const m = /^[^&|)]*/.exec(this.text.slice(this.pos))!;
    const trimmed = m[0].replace(/\s+$/, '');
    this.pos += trimmed.length;
    return trimmed;
  }

  private keyed(key: string): QueryAtom {
    this.skipSpace();
    const at = this.pos;
    const value = this.value();
    if (!value)
      throw this.fail(key === 'search' ? 'text to search for' : key === 'assigned to' ? 'me' : dateExamples, at);
    switch (key) {
      case 'search':
        return { kind: 'search', text: value };
      case 'assigned to':
        if (/^me$/i.test(value)) return { kind: 'assignedToMe' };
        if (/^(?:nobody|no ?one|none)$/i.test(value)) return { kind: 'unassigned' };
        throw this.fail('me or nobody', at, JSON.stringify(value));
      default: {
        const day = this.dateValue(value, at);
        const [field, relation] = key.split(' ') as ['due' | 'created', 'before' | 'after' | undefined];
        if (relation === 'before') return { kind: field, before: day.start };
        if (relation === 'after') return { kind: field, from: day.end };
        return { kind: field, from: day.start, before: day.end };
      }
    }
  }

  /**
   * A date value as a range: a day (`2026-12-24`, `today`, `next monday`) is that day in the
   * zone; an offset (`-7d`, `+2w`, `-3h`) or a time of day (`friday 5pm`) is one instant.
   */
  private dateValue(value: string, at: number): { start: Date; end: Date } {
    const zone = this.options.timeZone;
    const now = Temporal.Instant.fromEpochMilliseconds(this.options.now.getTime()).toZonedDateTimeISO(zone);
    const offset = /^([+-])\s*(\d{1,4})\s*([hdwmy])$/i.exec(value);
    if (offset) {
      const n = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
      const unit = { h: 'hours', d: 'days', w: 'weeks', m: 'months', y: 'years' }[offset[3]!.toLowerCase()]!;
      const instant = new Date(now.add({ [unit]: n }).epochMilliseconds);
      return { start: instant, end: instant };
    }
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? safeDate(value) : null;
    if (iso) return dayBounds(iso, zone);
    const wall = now.toPlainDateTime();
    const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    const [hit] = chrono.casual.parse(value, ref);
    if (!hit || hit.index !== 0 || hit.text.length !== value.length)
      throw this.fail(dateExamples, at, JSON.stringify(value));
    const c = hit.start;
    const date = new Temporal.PlainDate(c.get('year')!, c.get('month')!, c.get('day')!);
    if (!c.isCertain('hour')) return dayBounds(date, zone);
    const time = new Temporal.PlainTime(c.get('hour')!, c.get('minute') ?? 0);
    const instant = new Date(date.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds);
    return { start: instant, end: instant };
  }
}

function safeDate(value: string): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return null;
  }
}

function dayBounds(date: Temporal.PlainDate, zone: string): { start: Date; end: Date } {
  const start = date.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  const end = date.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  return { start: new Date(start), end: new Date(end) };
}

function dayRange(options: QueryOptions, days: number): QueryAtom {
  const today = Temporal.Instant.fromEpochMilliseconds(options.now.getTime())
    .toZonedDateTimeISO(options.timeZone)
    .toPlainDate();
  const { start, end } = dayBounds(today.add({ days }), options.timeZone);
  return { kind: 'due', from: start, before: end };
}
