import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from './task.cursor.js';
import type { SortKey } from './task.repository.js';

const id = '019ad2b4-5c1e-7c3a-9f00-1234567890ab';
const cursor = (s: string, k: unknown, i: unknown = id) => Buffer.from(JSON.stringify([s, k, i])).toString('base64url');

/** The code and field of the error decoding throws, or the position when it is accepted. */
function decode(value: string, sort: SortKey, direction = 'DESC') {
  try {
    return decodeCursor(value, sort, `${sort}:${direction}`);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const e = error as GraphQLError;
    return { code: e.extensions.code, field: e.extensions.field };
  }
}

const refused = { code: 'BAD_USER_INPUT', field: 'after' };

describe('task cursors', () => {
  it.each<[SortKey, string]>([
    ['CREATED_AT', '2026-11-30 19:02:02.123+00'],
    ['UPDATED_AT', '2026-11-30 20:02:02+01'],
    ['DUE_AT', '2026-03-29 02:30:00+05:30'],
    ['DUE_AT', 'infinity'],
    ['DUE_AT', '-infinity'],
    ['PRIORITY', '3'],
    ['TITLE', 'weekly report: "q4"'],
    ['RELEVANCE', '0.0607927'],
    ['RELEVANCE', '1e-20'],
    ['RELEVANCE', '0'],
  ])('accepts a %s key as PostgreSQL prints it: %j', (sort, key) => {
    expect(decode(encodeCursor({ s: `${sort}:DESC`, k: key, i: id }), sort)).toEqual({ key, id });
  });

  it.each<[string, SortKey, string]>([
    ['garbage base64', 'CREATED_AT', '%%%not-base64%%%'],
    ['base64 of no JSON', 'CREATED_AT', Buffer.from('hello').toString('base64url')],
    ['too long', 'CREATED_AT', 'A'.repeat(5_000)],
    ['wrong shape', 'CREATED_AT', Buffer.from('{"s":1}').toString('base64url')],
    ['wrong key type', 'CREATED_AT', cursor('CREATED_AT:DESC', 42)],
    ['another sort', 'CREATED_AT', cursor('PRIORITY:DESC', '3')],
    ['id not a uuid', 'CREATED_AT', cursor('CREATED_AT:DESC', '2026-11-30 19:02:02+00', '-'.repeat(36))],
    ['impossible date', 'CREATED_AT', cursor('CREATED_AT:DESC', '2026-02-30 00:00:00+00')],
    ['year 0', 'DUE_AT', cursor('DUE_AT:DESC', '0000-01-01 00:00:00+00')],
    ['ISO instead of PostgreSQL text', 'UPDATED_AT', cursor('UPDATED_AT:DESC', '2026-11-30T19:02:02Z')],
    ['out-of-range smallint', 'PRIORITY', cursor('PRIORITY:DESC', '99999')],
    ['not an integer', 'PRIORITY', cursor('PRIORITY:DESC', '1.5')],
    ['real overflow', 'RELEVANCE', cursor('RELEVANCE:DESC', '1e99')],
    ['real underflow', 'RELEVANCE', cursor('RELEVANCE:DESC', '1e-50')],
    ['not a number', 'RELEVANCE', cursor('RELEVANCE:DESC', 'NaN')],
    ['NUL in a title key', 'TITLE', cursor('TITLE:DESC', 'a\u0000b')],
  ])('refuses %s', (_what, sort, value) => {
    expect(decode(value, sort)).toEqual(refused);
  });
});
