import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { isUnauthenticated } from './apollo';
import { formErrorsOf, otherMessages } from './errors';

const graphqlErrors = (...errors: Array<{ message: string; extensions?: Record<string, unknown> }>) =>
  new CombinedGraphQLErrors({ errors } as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);

describe('server errors on forms', () => {
  it('puts BAD_USER_INPUT next to the named field (without the input. prefix), the rest in general', () => {
    const errors = formErrorsOf(
      graphqlErrors(
        {
          message: 'input.title expected a string of 1-500 characters, got 600',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.title' },
        },
        { message: 'rule', extensions: { code: 'BAD_USER_INPUT', field: 'input.recurrence.rrule' } },
        { message: 'Task x not found', extensions: { code: 'NOT_FOUND' } },
      ),
    );
    expect(errors).toEqual({
      fields: { title: 'input.title expected a string of 1-500 characters, got 600', 'recurrence.rrule': 'rule' },
      general: 'Task x not found',
    });
    // A field the form has no control for is not lost.
    expect(otherMessages(errors, ['title'])).toEqual(['Task x not found', 'recurrence.rrule: rule']);
  });

  it('recognises a refused token: UNAUTHENTICATED or the gateway answering 401', () => {
    expect(isUnauthenticated(graphqlErrors({ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }))).toBe(true);
    expect(isUnauthenticated(graphqlErrors({ message: 'no', extensions: { code: 'FORBIDDEN' } }))).toBe(false);
    const response = new Response('{}', { status: 401 });
    expect(isUnauthenticated(new ServerError('401', { response, bodyText: '{}' }))).toBe(true);
    expect(
      isUnauthenticated(new ServerError('500', { response: new Response('', { status: 500 }), bodyText: '' })),
    ).toBe(false);
  });
});
