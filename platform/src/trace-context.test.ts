import { describe, expect, it } from 'vitest';
import { validTraceparent } from './trace-context.js';

const good = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('validTraceparent', () => {
  it('keeps a W3C traceparent', () => {
    expect(validTraceparent(good)).toBe(good);
    expect(validTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')).toBe(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00',
    );
  });

  it('keeps only the version-00 fields of a later version', () => {
    expect(validTraceparent(`01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra`)).toBe(good);
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['4 KB of text', 'x'.repeat(4_096)],
    ['4 KB after a valid prefix', `${good}-${'a'.repeat(4_096)}`],
    ['upper-case hex', good.toUpperCase()],
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['version 00 with extra fields', `${good}-extra`],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['control characters', `${good.slice(0, 10)}\u0000${good.slice(11)}`],
  ])('drops %s', (_what, value) => {
    expect(validTraceparent(value)).toBeNull();
  });
});
