import { useId, useState } from 'react';
import { graphql } from '../gql';
import type { AuthPayloadFieldsFragment } from '../gql/graphql';
import { authRequest } from '../auth-request';
import { browserTimeZone } from '../format';
import { otherMessages } from '../errors';
import { useFormSubmit } from './use-form-submit';
import { openSession } from '../session-api';
import { ForgotPasswordForm } from './account/ForgotPasswordForm';
import { FormMessages, TextField } from './FormField';

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...AuthPayloadFields
    }
  }
`);

const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      ...AuthPayloadFields
    }
  }
`);

/** Sign-in and sign-up run before any session exists, so they go through authRequest, not Apollo. */
export function SignIn({ notice }: { notice: string | null }) {
  const [mode, setMode] = useState<'signIn' | 'signUp' | 'forgot'>('signIn');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const id = useId();
  const { submit, busy, errors, clearErrors } = useFormSubmit(async () => {
    let payload: AuthPayloadFieldsFragment;
    if (mode === 'signUp') {
      const data = await authRequest(SignUpMutation, {
        input: { email, password, name, timeZone: browserTimeZone() },
      });
      payload = data.signUp;
    } else {
      const data = await authRequest(SignInMutation, { input: { email, password } });
      payload = data.signIn;
    }
    openSession(payload);
  });

  if (mode === 'forgot') {
    return (
      <main className="auth">
        <h1>Taskwire</h1>
        <ForgotPasswordForm initialEmail={email} onBack={() => setMode('signIn')} />
      </main>
    );
  }
  const signUp = mode === 'signUp';
  const general = otherMessages(errors, signUp ? ['name', 'email', 'password'] : ['email', 'password']);
  return (
    <main className="auth">
      <h1>Taskwire</h1>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      <form onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{signUp ? 'Create an account' : 'Sign in'}</h2>
        {signUp && (
          <TextField
            label="Name"
            type="text"
            value={name}
            onChange={setName}
            autoComplete="name"
            error={errors.fields.name}
          />
        )}
        <TextField
          label="E-mail"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="email"
          error={errors.fields.email}
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete={signUp ? 'new-password' : 'current-password'}
          error={errors.fields.password}
        />
        {signUp && <p className="hint">Time zone: {browserTimeZone()}</p>}
        <FormMessages messages={general} />
        <button type="submit" className="primary" disabled={busy}>
          {signUp ? 'Sign up' : 'Sign in'}
        </button>
        {!signUp && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode('forgot');
              clearErrors();
            }}
          >
            Forgot password?
          </button>
        )}
      </form>
      <p>
        {signUp ? 'Already have an account? ' : 'New here? '}
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(signUp ? 'signIn' : 'signUp');
            clearErrors();
          }}
        >
          {signUp ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </main>
  );
}
