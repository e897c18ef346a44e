// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionStore } from '../../session';
import { SignIn } from '../SignIn';
import { badInput, fakeFetch, signedIn } from './account-test-support';
import { ResetPasswordPage } from './ResetPasswordPage';
import { VerifyEmailPage } from './VerifyEmailPage';

const realFetch = globalThis.fetch;
afterEach(() => {
  cleanup();
  globalThis.fetch = realFetch;
});

describe('forgot password (sign-in page)', () => {
  it('asks for a reset link for the typed address and says it is on its way', async () => {
    const calls = fakeFetch(() => ({ data: { requestPasswordReset: true } }));
    render(<SignIn notice={null} />);
    fireEvent.change(screen.getByLabelText(/^E-mail/), { target: { value: 'erika@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Forgot password?' }));
    expect(screen.getByLabelText<HTMLInputElement>(/^E-mail/).value).toBe('erika@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    await screen.findByText(/a link to choose a new password is on its way/);
    expect(calls).toEqual([{ name: 'RequestPasswordReset', variables: { email: 'erika@example.com' } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Back to sign in' }));
    screen.getByRole('button', { name: 'Sign in' });
  });
});

describe('/reset-password', () => {
  it("sends the link's token with the new password and signs in; shows a refused password next to the field", async () => {
    sessionStore.signOut();
    let attempt = 0;
    const user = { id: 'u9', email: 'r@example.com', name: 'R', timeZone: 'UTC', emailVerified: true };
    const calls = fakeFetch(() =>
      ++attempt === 1
        ? badInput('newPassword', 'At least 10 characters')
        : {
            data: {
              resetPassword: { token: 'new-token', expiresAt: new Date(Date.now() + 900_000).toISOString(), user },
            },
          },
    );
    render(<ResetPasswordPage token="reset-token-1" />);
    fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await screen.findByText('At least 10 characters');
    fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: 'Long-enough-42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await screen.findByText(/Your password was changed/);
    expect(calls[1]).toEqual({
      name: 'ResetPassword',
      variables: { token: 'reset-token-1', newPassword: 'Long-enough-42' },
    });
    expect(sessionStore.get()).toMatchObject({ status: 'signedIn', session: { token: 'new-token', user } });
  });
});

describe('/verify-email', () => {
  it('verifies once on arrival (even under StrictMode) and clears the hint of a signed-in user', async () => {
    signedIn();
    const calls = fakeFetch(() => ({ data: { verifyEmail: true } }));
    render(
      <StrictMode>
        <VerifyEmailPage token="verify-token-1" />
      </StrictMode>,
    );
    await screen.findByText('Your e-mail address is verified.');
    expect(calls).toEqual([{ name: 'VerifyEmail', variables: { token: 'verify-token-1' } }]);
    await waitFor(() => expect(sessionStore.get().session?.user.emailVerified).toBe(true));
  });

  it('says so when the link is used up or expired', async () => {
    fakeFetch(() => ({
      errors: [{ message: 'This link has expired', extensions: { code: 'BAD_USER_INPUT', field: 'token' } }],
    }));
    render(<VerifyEmailPage token="old-token" />);
    await screen.findByText('This link has expired');
  });
});
