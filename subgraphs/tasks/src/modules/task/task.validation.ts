import { parseRecurrenceRule, RecurrenceInputError } from '@taskwire/recurrence';
import { badUserInput } from '@taskwire/platform/errors';
import { multilineTextInput, textInput } from '@taskwire/platform/input';
import type { RecurrenceAnchor } from '../../db/database.js';

export const titleMaxChars = 500;
export const descriptionMaxChars = 10_000;
export const searchMaxChars = 500;
export const pageSizeMax = 200;
export const nextOccurrencesMax = 50;

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** Trimmed one-line title of 1..500 characters. @throws BAD_USER_INPUT naming `field`. */
export function validateTitle(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw badUserInput(field, `${field} expected a string of 1-${titleMaxChars} characters, got ${show(value)}`);
  const title = textInput(value.trim(), field);
  if (title.length === 0)
    throw badUserInput(field, `${field} expected 1-${titleMaxChars} characters after trimming, got an empty title`);
  if ([...title].length > titleMaxChars) {
    throw badUserInput(field, `${field} expected at most ${titleMaxChars} characters, got ${[...title].length}`);
  }
  return title;
}

/** Multi-line description up to 10,000 characters; empty or blank becomes null. */
export function validateDescription(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  multilineTextInput(value, field);
  if ([...value].length > descriptionMaxChars) {
    throw badUserInput(field, `${field} expected at most ${descriptionMaxChars} characters, got ${[...value].length}`);
  }
  return value.trim() === '' ? null : value;
}

export interface ValidRecurrence {
  rrule: string;
  timeZone: string;
  anchor: RecurrenceAnchor;
}

/**
 * Validates an RRULE and its zone with the recurrence module; the rule is stored in its
 * canonical form. `field` is the input path of the recurrence object (`input.recurrence`).
 */
export function validateRecurrence(
  input: { rrule: string; timeZone?: string | null; anchor?: RecurrenceAnchor | null },
  defaultTimeZone: string,
  field: string,
): ValidRecurrence {
  const timeZone = input.timeZone ?? defaultTimeZone;
  const rule = recurrenceInput(field, () => parseRecurrenceRule(input.rrule, timeZone));
  return { rrule: rule.rrule, timeZone: rule.timeZone, anchor: input.anchor ?? 'SCHEDULE' };
}

/**
 * Runs recurrence code on a rule the user gave (now or when the task was saved): its
 * RecurrenceInputError becomes BAD_USER_INPUT naming `${field}.rrule` or `${field}.timeZone`.
 */
export function recurrenceInput<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RecurrenceInputError) throw badUserInput(`${field}.${error.field}`, error.message);
    throw error;
  }
}

/** Page sizes of `tasks` (`first` or `last`). */
export const taskPageSizes = { min: 1, max: pageSizeMax, default: 50 } as const;

export function validateOccurrenceCount(count: number | null | undefined): number {
  const n = count ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > nextOccurrencesMax) {
    throw badUserInput('count', `count expected an integer from 1 to ${nextOccurrencesMax}, got ${show(count)}`);
  }
  return n;
}

/**
 * Turns free text into a prefix-matching tsquery: every word (letters and digits) must match
 * as a word prefix, so "rep wee" finds "weekly report". Returns null when no word remains.
 * Words are reduced to letters/digits, so no tsquery operator can be injected.
 */
export function toPrefixQuery(search: string, field = 'filter.search'): string | null {
  textInput(search, field);
  if ([...search].length > searchMaxChars)
    throw badUserInput(field, `${field} expected at most ${searchMaxChars} characters, got ${[...search].length}`);
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return [...new Set(words)]
    .slice(0, 16)
    .map((w) => `${w}:*`)
    .join(' & ');
}
