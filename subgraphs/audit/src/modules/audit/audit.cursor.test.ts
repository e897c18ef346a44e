import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from './audit.cursor.js';

const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function decode(value: string) {
  try {
    return decodeCursor(value, 'after');
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const e = error as GraphQLError;
    return { code: e.extensions.code, field: e.extensions.field };
  }
}

describe('audit cursors', () => {
  it('round-trips a position, up to the largest bigint id', () => {
    const position = { occurredAt: '2026-11-30T19:02:02.123456Z', id: '9223372036854775807' };
    expect(decode(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['garbage base64', '***'],
    ['too long', 'A'.repeat(200)],
    ['no separator', raw('2026-11-30T19:02:02.123456Z')],
    ['id out of bigint range', raw('2026-11-30T19:02:02.123456Z|9223372036854775808')],
    ['id of 19 nines', raw('2026-11-30T19:02:02.123456Z|9999999999999999999')],
    ['negative id', raw('2026-11-30T19:02:02.123456Z|-1')],
    ['impossible date', raw('2026-02-30T19:02:02.123456Z|1')],
    ['year 0', raw('0000-01-01T00:00:00.000000Z|1')],
  ])('refuses %s', (_what, value) => {
    expect(decode(value)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
