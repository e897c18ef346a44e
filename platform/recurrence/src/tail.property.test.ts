/**
 * The tail property (issue 19, "Recurrence conformance"): for any rule the engine accepts, the
 * occurrences asked from any point of a series are exactly the tail of the whole series — so
 * the preview (`nextOccurrences`) and the instance created on completion can never disagree.
 * 2,000 random rules (seeded, so a failure names a reproducible rule) over every part, in three
 * time zones, timed and all-day; rules the engine refuses (BYWEEKNO, which broke this property
 * before it was refused) are skipped, as the API refuses them with BAD_USER_INPUT.
 */
import { describe, expect, it } from 'vitest';
import { occurrencesBetween, type DueAt } from './occurrences.js';
import { parseRecurrenceRule, RecurrenceInputError, type RecurrenceRule } from './rule.js';

/** mulberry32: a small seeded PRNG (reproducible cases; Math.random is not seedable). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const zones = ['UTC', 'Europe/Berlin', 'America/New_York'];
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

interface Case {
  rrule: string;
  timeZone: string;
  start: DueAt;
}

/** A random rule over every supported part, and a series start. */
function randomCase(random: () => number): Case {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(random() * max);
    return [...new Set(Array.from({ length: n }, () => pick(items)))];
  };
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const freq = pick(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const);
  const parts = [`FREQ=${freq}`];
  if (random() < 0.4) parts.push(`INTERVAL=${int(2, 4)}`);
  if (random() < 0.3) parts.push(`COUNT=${int(3, 40)}`);
  if (random() < (freq === 'YEARLY' ? 0.7 : 0.3)) parts.push(`BYMONTH=${some([1, 2, 3, 6, 10, 12], 3).join(',')}`);
  if (freq === 'YEARLY' && random() < 0.15) parts.push(`BYWEEKNO=${some([1, 10, 20, 52, -1], 2).join(',')}`);
  if (freq === 'YEARLY' && random() < 0.15) parts.push(`BYYEARDAY=${some([1, 100, 200, -1], 2).join(',')}`);
  if (freq !== 'WEEKLY' && random() < 0.35)
    parts.push(`BYMONTHDAY=${some([1, 2, 13, 15, 28, 29, 30, 31, -1, -2], 3).join(',')}`);
  if (random() < 0.5) {
    const ordinals = freq === 'MONTHLY' || freq === 'YEARLY';
    const days = some(weekdays, 3).map((d) => (ordinals && random() < 0.5 ? `${pick([1, 2, -1, 3])}${d}` : d));
    parts.push(`BYDAY=${days.join(',')}`);
  }
  if (random() < 0.15 && parts.some((p) => /^BY(DAY|MONTHDAY|YEARDAY|WEEKNO|MONTH)=/.test(p)))
    parts.push(`BYSETPOS=${some([1, 2, -1], 2).join(',')}`);
  if (random() < 0.1) parts.push(`WKST=${pick(['MO', 'SU'])}`);
  const year = int(2024, 2027);
  const date = `${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const start: DueAt =
    random() < 0.3 ? { date } : { dateTime: new Date(`${date}T${String(int(0, 23)).padStart(2, '0')}:30:00Z`) };
  return { rrule: parts.join(';'), timeZone: pick(zones), start };
}

const key = (d: DueAt) => d.date ?? d.dateTime.toISOString();
const dayBefore = (d: DueAt): Date | string =>
  d.date ? new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10) : new Date(d.dateTime!.getTime() - 86_400_000);

/** The series' first `n` occurrences (the start is occurrence 1 only when the rule yields it). */
function series(rule: RecurrenceRule, c: Case, n: number): string[] {
  return occurrencesBetween(rule, c.start, dayBefore(c.start), n).map(key);
}

describe('recurrence: occurrences from any point are the tail of the whole series', () => {
  it('holds for 2,000 random rules the engine accepts (three zones, timed and all-day)', () => {
    const random = prng(20261202);
    const failures: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 2_000; i++) {
      const c = randomCase(random);
      let rule: RecurrenceRule;
      try {
        rule = parseRecurrenceRule(c.rrule, c.timeZone);
      } catch (error) {
        if (error instanceof RecurrenceInputError) continue; // refused with a reason: allowed
        throw error;
      }
      let full: string[];
      try {
        full = series(rule, c, 12);
      } catch (error) {
        if (error instanceof RecurrenceInputError) continue;
        throw error;
      }
      accepted += 1;
      for (let k = 0; k < full.length - 1; k++) {
        const from = full[k]!;
        const after = c.start.date ? from : new Date(from);
        const tail = occurrencesBetween(rule, c.start, after, full.length - k - 1).map(key);
        if (JSON.stringify(tail) !== JSON.stringify(full.slice(k + 1))) {
          failures.push(
            `${c.rrule} in ${c.timeZone} from ${key(c.start)} after ${from}: ${tail.join(' ')} vs ${full.slice(k + 1).join(' ')}`,
          );
          break;
        }
      }
    }
    expect(accepted).toBeGreaterThan(1_000);
    expect(failures).toEqual([]);
  }, 300_000);
});
