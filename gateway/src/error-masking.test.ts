import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorMasker, internalServerError, maskResult } from './error-masking.js';

/** Keeps what the masker logs (it only ever logs errors). */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = {
    error: (fields: unknown, msg?: unknown) => void lines.push({ ...(fields as object), msg }),
  };
  return { logger, lines };
}

describe('createErrorMasker', () => {
  it('keeps a public error with its contract extensions, and drops the internal ones', () => {
    const { logger, lines } = capturingLogger();
    const mask = createErrorMasker(logger);
    const error = new GraphQLError('title: expected at most 200 characters', {
      path: ['createTask'],
      extensions: { code: 'BAD_USER_INPUT', field: 'title', serviceName: 'tasks', stacktrace: ['at x'], http: {} },
    });
    expect(mask(error)).toEqual({
      message: 'title: expected at most 200 characters',
      path: ['createTask'],
      extensions: { code: 'BAD_USER_INPUT', field: 'title' },
    });
    expect(lines).toEqual([]);
  });

  it('masks an error without a public code, keeping only its path, and logs its cause', () => {
    const { logger, lines } = capturingLogger();
    const mask = createErrorMasker(logger);
    const cause = new Error('relation "tasks.tasks" does not exist');
    const masked = mask({ message: cause.message, path: ['task', 'title'], extensions: { code: 'XX000' } }, cause);
    expect(masked).toEqual({ ...internalServerError, path: ['task', 'title'] });
    expect(JSON.stringify(masked)).not.toContain('relation');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request failed', err: cause, path: ['task', 'title'] });
  });

  it('masks a GraphQLError without a code, logging its original error', () => {
    const { logger, lines } = capturingLogger();
    const original = new Error('ECONNREFUSED 127.0.0.1:9');
    const masked = createErrorMasker(logger)(new GraphQLError('fetch failed', { originalError: original }));
    expect(masked).toEqual(internalServerError);
    expect(lines[0]).toMatchObject({ err: original });
  });

  it('gives a masked error back unchanged and does not log it twice', () => {
    const { logger, lines } = capturingLogger();
    const mask = createErrorMasker(logger);
    const once = mask({ message: 'boom', path: ['a'] });
    expect(mask(once)).toEqual(once);
    expect(lines).toHaveLength(1);
  });
});

describe('maskResult', () => {
  it('turns GraphQLError instances into masked plain objects and leaves data alone', () => {
    const { logger } = capturingLogger();
    const result = maskResult(createErrorMasker(logger), {
      data: { task: null },
      errors: [
        new GraphQLError('task 7 not found', { path: ['task'], extensions: { code: 'NOT_FOUND' } }),
        new GraphQLError('connect ECONNREFUSED'),
      ],
    });
    expect(result).toEqual({
      data: { task: null },
      errors: [{ message: 'task 7 not found', path: ['task'], extensions: { code: 'NOT_FOUND' } }, internalServerError],
    });
    for (const e of result.errors!) expect(e).not.toBeInstanceOf(GraphQLError);
  });

  it('omits an empty error list', () => {
    const { logger } = capturingLogger();
    expect(maskResult(createErrorMasker(logger), { data: { a: 1 }, errors: [] })).toEqual({ data: { a: 1 } });
  });
});
