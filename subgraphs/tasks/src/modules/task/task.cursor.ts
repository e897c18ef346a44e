import { badUserInput } from '@taskwire/platform/errors';
import { parseInstant, ValueError } from '@taskwire/values';
import { isTaskId, sortKeyTypes, type SortKey, type SortKeyType } from './task.repository.js';

/** What a cursor holds: the sort it belongs to (e.g. `DUE_AT:ASC`), the row's sort key as text, its id. */
export interface CursorContent {
  s: string;
  k: string;
  i: string;
}

// The longest a cursor of ours gets: a 500-character title in UTF-8, JSON and base64url.
const maxCursorChars = 4_096;

export function encodeCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify([content.s, content.k, content.i])).toString('base64url');
}

/**
 * The position a cursor from {@link encodeCursor} names, checked so that nothing a client forges
 * reaches SQL: the key must be a value of the sort's SQL type, the id a uuid.
 * @throws GraphQLError BAD_USER_INPUT naming `field` (`after` or `before`).
 */
export function decodeCursor(
  cursor: string,
  sort: SortKey,
  sortTag: string,
  field: 'after' | 'before' = 'after',
): { key: string; id: string } {
  const invalid = (why: string) =>
    badUserInput(
      field,
      `${field} expected a cursor from a previous page of this search (${why}), got ${JSON.stringify(cursor.slice(0, 60))}`,
    );
  if (cursor.length > maxCursorChars || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid('not a cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string'))
    throw invalid('not a cursor');
  const [s, k, i] = parsed as [string, string, string];
  if (s !== sortTag) throw invalid(`it was made for sort ${s.slice(0, 20)}, this search sorts by ${sortTag}`);
  if (!isTaskId(i)) throw invalid('not a cursor');
  if (!isSortKey(sortKeyTypes[sort], k)) throw invalid(`not a ${sort} position`);
  return { key: k, id: i };
}

/** Whether `key` is a value of `type` as PostgreSQL prints it (`sort_key`), so the cast back cannot fail. */
function isSortKey(type: SortKeyType, key: string): boolean {
  switch (type) {
    case 'timestamptz':
      return key === 'infinity' || key === '-infinity' || isPrintedInstant(key);
    case 'smallint':
      return /^-?\d{1,5}$/.test(key) && Math.abs(Number(key)) <= 32_767;
    case 'real': {
      // ts_rank's value: a finite real that PostgreSQL can read back (no overflow or underflow).
      const n = /^-?\d+(\.\d+)?(e[+-]?\d{1,2})?$/i.test(key) ? Math.abs(Number(key)) : NaN;
      return n === 0 || (n >= 1e-37 && n <= 3e38);
    }
    case 'text':
      return !key.includes('\u0000');
  }
}

/**
 * A timestamptz as PostgreSQL prints it (`2026-02-28 09:00:00.123+00`, offsets `+05:30` too),
 * checked by the one instant rule of @taskwire/values: `2026-02-30` or year 0 never reach SQL.
 */
function isPrintedInstant(key: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(:\d{2})?$/.exec(key);
  if (!m) return false;
  try {
    parseInstant(`${m[1]}T${m[2]}${m[3]}${m[4] ?? ':00'}`, 'after');
    return true;
  } catch (error) {
    if (error instanceof ValueError) return false;
    throw error;
  }
}
