import { CombinedGraphQLErrors } from '@apollo/client';
import { print, type DocumentNode } from 'graphql';
import { useId, useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { AuthPayloadFieldsFragment } from '../gql/graphql';
import { browserTimeZone } from '../format';
import { formErrorsOf, noErrors, otherMessages, type FormErrors } from '../errors';
import { sessionStore } from '../session';
import { sha256 } from '../apollo';
import { FieldError } from './FieldError';

const AuthPayloadFields = graphql(`
  fragment AuthPayloadFields on AuthPayload {
    token
    user {
      id
      email
      name
      timeZone
    }
  }
`);
void AuthPayloadFields;

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

type AuthResponse<T> = {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
} | null;

async function postGraphQL<T>(
  payload: Record<string, unknown>,
): Promise<{ response: Response; body: AuthResponse<T> }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  return { response, body: (await response.json().catch(() => null)) as AuthResponse<T> };
}

/**
 * Sign-in and sign-up run before any session exists, so they use a plain fetch rather than the
 * per-session Apollo client. Like it, they send the document's id (schema/trusted-documents.json
 * lists it as printed here); a server without the manifest gets the text once.
 */
async function authRequest<T>(query: DocumentNode, input: Record<string, string>): Promise<T> {
  const text = print(query);
  const byId = { variables: { input }, extensions: { persistedQuery: { version: 1, sha256Hash: await sha256(text) } } };
  let { response, body } = await postGraphQL<T>(byId);
  if (body?.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    ({ response, body } = await postGraphQL<T>({ ...byId, query: text }));
  }
  if (body?.errors?.length) {
    throw new CombinedGraphQLErrors({ errors: body.errors } as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);
  }
  if (!response.ok || !body?.data) throw new Error(`The server answered ${response.status}; please try again.`);
  return body.data;
}

export function SignIn({ notice }: { notice: string | null }) {
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      let payload: AuthPayloadFieldsFragment;
      if (mode === 'signUp') {
        const data = await authRequest<{ signUp: AuthPayloadFieldsFragment }>(SignUpMutation, {
          email,
          password,
          name,
          timeZone: browserTimeZone(),
        });
        payload = data.signUp;
      } else {
        const data = await authRequest<{ signIn: AuthPayloadFieldsFragment }>(SignInMutation, { email, password });
        payload = data.signIn;
      }
      sessionStore.signIn({ token: payload.token, user: payload.user });
    } catch (error) {
      setErrors(formErrorsOf(error));
    } finally {
      setBusy(false);
    }
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
      <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{signUp ? 'Create an account' : 'Sign in'}</h2>
        {signUp && (
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoComplete="name"
              aria-invalid={!!errors.fields.name}
            />
            <FieldError message={errors.fields.name} />
          </label>
        )}
        <label>
          E-mail
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="email"
            aria-invalid={!!errors.fields.email}
          />
          <FieldError message={errors.fields.email} />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete={signUp ? 'new-password' : 'current-password'}
            aria-invalid={!!errors.fields.password}
          />
          <FieldError message={errors.fields.password} />
        </label>
        {signUp && <p className="hint">Time zone: {browserTimeZone()}</p>}
        {general.length > 0 && (
          <p className="error" role="alert">
            {general.join(' ')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {signUp ? 'Sign up' : 'Sign in'}
        </button>
      </form>
      <p>
        {signUp ? 'Already have an account? ' : 'New here? '}
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(signUp ? 'signIn' : 'signUp');
            setErrors(noErrors);
          }}
        >
          {signUp ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </main>
  );
}
