// @vitest-environment happy-dom
import { CombinedGraphQLErrors } from '@apollo/client';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { FormEvent } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useFormSubmit } from './use-form-submit';

afterEach(cleanup);

const submitEvent = () => ({ preventDefault: () => undefined }) as unknown as FormEvent;
const badInput = new CombinedGraphQLErrors({
  errors: [
    {
      message: 'expected a password of 12 characters or more',
      extensions: { code: 'BAD_USER_INPUT', field: 'newPassword' },
    },
  ],
} as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);

describe('useFormSubmit', () => {
  it('is busy while the action runs, keeps what it throws per field, and clears it on the next submit', async () => {
    let finish: (error?: Error) => void = () => undefined;
    const { result } = renderHook(() =>
      useFormSubmit(() => new Promise<void>((resolve, reject) => (finish = (e) => (e ? reject(e) : resolve())))),
    );
    expect(result.current.busy).toBe(false);
    act(() => result.current.submit(submitEvent()));
    expect(result.current.busy).toBe(true);
    await act(async () => finish(badInput));
    expect(result.current.busy).toBe(false);
    expect(result.current.errors).toEqual({
      fields: { newPassword: 'expected a password of 12 characters or more' },
      general: null,
    });

    act(() => result.current.submit(submitEvent()));
    expect(result.current.errors).toEqual({ fields: {}, general: null });
    await act(async () => finish());
    expect(result.current.busy).toBe(false);
    expect(result.current.errors).toEqual({ fields: {}, general: null });
  });

  it('clearErrors forgets the errors (a form closed or switched)', async () => {
    const { result } = renderHook(() => useFormSubmit(() => Promise.reject(new Error('network down'))));
    await act(async () => result.current.submit(submitEvent()));
    expect(result.current.errors.general).toBe('network down');
    act(() => result.current.clearErrors());
    expect(result.current.errors).toEqual({ fields: {}, general: null });
  });
});
