import { describe, expect, it } from 'vitest';
import { maxQueryLength, parseTaskQuery, QueryError } from './task-query.parser.js';

const options = { timeZone: 'Europe/Berlin', now: new Date('2026-03-26T09:30:00.000Z') };

describe('the filter language parser', () => {
  it('binds & tighter than |, and ! tighter than &', () => {
    const tree = parseTaskQuery('today | !#a & p1', options);
    expect(tree).toMatchObject({
      op: 'or',
      items: [
        { op: 'atom', atom: { kind: 'due' }, position: 0 },
        {
          op: 'and',
          items: [
            { op: 'not', item: { op: 'atom', atom: { kind: 'tag', name: 'a' }, position: 9 } },
            { op: 'atom', atom: { kind: 'priority', priority: 'URGENT' }, position: 14 },
          ],
        },
      ],
    });
  });

  it('reads dates in the zone: a day is its local bounds, an offset or a time is an instant', () => {
    expect(parseTaskQuery('due: 2026-03-29', options)).toMatchObject({
      atom: { from: new Date('2026-03-28T23:00:00.000Z'), before: new Date('2026-03-29T22:00:00.000Z') },
    });
    expect(parseTaskQuery('created after: -7d', options)).toMatchObject({
      atom: { kind: 'created', from: new Date('2026-03-19T09:30:00.000Z') },
    });
    expect(parseTaskQuery('due before: friday 5pm', options)).toMatchObject({
      atom: { kind: 'due', before: new Date('2026-03-27T16:00:00.000Z') },
    });
  });

  it('refuses too long and too deep queries with a position, and anything else without crashing', () => {
    expect(() => parseTaskQuery('x'.repeat(maxQueryLength + 1), options)).toThrow(QueryError);
    expect(() => parseTaskQuery('('.repeat(40) + 'today' + ')'.repeat(40), options)).toThrow(/nested/);
    expect(() => parseTaskQuery('due: 2026-02-30', options)).toThrow(/position 5/);
    // Any text either parses or is a QueryError: never another error (which would be a 500).
    const alphabet = ['(', ')', '&', '|', '!', '#', '~', ':', ' ', 'due', 'before', 'today', 'p1', 'x', '-7d', '"'];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i += 1) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      try {
        parseTaskQuery(text, options);
      } catch (error) {
        expect(error, text).toBeInstanceOf(QueryError);
        expect((error as QueryError).position).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
