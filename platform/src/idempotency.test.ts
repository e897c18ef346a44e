import { describe, expect, it } from 'vitest';
import { decodeResult, encodeResult } from './idempotency.js';
import { idempotencyKeyInput, requestFingerprint } from './idempotency-key.js';

describe('Idempotency-Key values', () => {
  it('accepts 1 to 255 printable ASCII characters', () => {
    expect(idempotencyKeyInput('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(idempotencyKeyInput('k'.repeat(255))).toHaveLength(255);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'a\u0001b'],
    ['non-ASCII', 'clé'],
  ])('refuses %s as BAD_USER_INPUT naming the header', (_what, value) => {
    try {
      idempotencyKeyInput(value);
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'Idempotency-Key',
        http: { status: 400 },
      });
    }
  });
});

describe('request fingerprint', () => {
  const query = 'mutation Create($input: CreateTaskInput!) { createTask(input: $input) { id } }';

  it('ignores the order of variable keys', () => {
    expect(requestFingerprint({ query, variables: { input: { title: 'a', priority: 'LOW' } } })).toBe(
      requestFingerprint({ query, variables: { input: { priority: 'LOW', title: 'a' } } }),
    );
  });

  it('differs with the variables, the document or the operation name', () => {
    const base = requestFingerprint({ query, operationName: 'Create', variables: { input: { title: 'a' } } });
    expect(requestFingerprint({ query, operationName: 'Create', variables: { input: { title: 'b' } } })).not.toBe(base);
    expect(requestFingerprint({ query: `${query} `, operationName: 'Create', variables: { input: { title: 'a' } } })).not.toBe(
      base,
    );
    expect(requestFingerprint({ query, variables: { input: { title: 'a' } } })).not.toBe(base);
  });
});

describe('stored results', () => {
  it('keep Dates, nulls and nesting through JSON', () => {
    const row = { id: 'x', due_at: new Date('2027-01-02T03:04:05.678Z'), tags: [{ at: new Date(0) }], none: null };
    expect(decodeResult(JSON.parse(JSON.stringify(encodeResult(row))))).toEqual(row);
    expect(decodeResult(JSON.parse(JSON.stringify(encodeResult('id-1'))))).toBe('id-1');
  });
});
