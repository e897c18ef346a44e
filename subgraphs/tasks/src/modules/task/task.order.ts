/**
 * Manual order within a project (issue "Capture and organise", item 4): each task has a
 * fractional-index key (the `fractional-indexing` package), compared byte-wise. A key between two
 * neighbours always exists, so a move rewrites only the moved task's row.
 */
import { generateKeyBetween } from 'fractional-indexing';

/** A key strictly between `before` and `after` (null: open end); they must be in order. */
export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

/** Byte-wise comparison, as PostgreSQL's collation "C" orders the `position` column. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const fixtureKeys: string[] = [];
/** The `i`th of a run of ordered keys (bulk fixtures in JS). */
export function keyAt(i: number): string {
  while (fixtureKeys.length <= i) fixtureKeys.push(keyBetween(fixtureKeys.at(-1) ?? null, null));
  return fixtureKeys[i]!;
}
