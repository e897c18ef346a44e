import { badUserInput } from '@taskwire/platform/errors';
import { parseInstant, ValueError } from '@taskwire/values';

/** Position of an entry in newest-first order: its occurred_at (µs, UTC) and id. */
export interface AuditPosition {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as Postgres prints it (keeps microseconds). */
  occurredAt: string;
  id: string;
}

const positionPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,19})$/;
// Entry ids are PostgreSQL bigints: a larger number would fail the cast instead of matching nothing.
const maxBigint = 9_223_372_036_854_775_807n;

/** Opaque cursor for a position. */
export function encodeCursor(position: AuditPosition): string {
  return Buffer.from(`${position.occurredAt}|${position.id}`, 'utf8').toString('base64url');
}

/**
 * Decodes a cursor from `encodeCursor`.
 * @throws GraphQLError BAD_USER_INPUT naming `field` when it is not one.
 */
export function decodeCursor(cursor: string, field: string): AuditPosition {
  const match = /^[A-Za-z0-9_-]{1,100}$/.test(cursor)
    ? positionPattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
    : null;
  if (!match || !isInstant(match[1]!, field) || BigInt(match[2]!) > maxBigint) {
    throw badUserInput(
      field,
      `expected a cursor returned by this API (an edge's cursor, pageInfo.startCursor or pageInfo.endCursor), got ${JSON.stringify(cursor.slice(0, 60))}`,
    );
  }
  return { occurredAt: match[1]!, id: match[2]! };
}

/** The same instant rules as every other input; a cursor's own error message is clearer, though. */
function isInstant(value: string, field: string): boolean {
  try {
    parseInstant(value, field);
    return true;
  } catch (error) {
    if (error instanceof ValueError) return false;
    throw error;
  }
}

export const maxPageSize = 200;

/** Page sizes of `auditLog` and `Task.history` (`first` or `last`): 0 to 200, 50 by default. */
export const pageSizes = { min: 0, max: maxPageSize, default: 50 } as const;
