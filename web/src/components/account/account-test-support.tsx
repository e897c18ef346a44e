import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import type { ReactNode } from 'react';
import { of } from 'rxjs';
import { createCache } from '../../cache';
import { sessionStore } from '../../session';

export interface Call {
  name: string;
  variables: Record<string, unknown>;
}

export const badInput = (field: string, message: string): FormattedExecutionResult => ({
  errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }],
});

/** Renders `ui` with an API that answers each operation by name and records every call. */
export function renderWithApi(ui: ReactNode, answer: (call: Call) => FormattedExecutionResult) {
  const calls: Call[] = [];
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    calls.push(call);
    return of(answer(call));
  });
  const client = new ApolloClient({ link, cache: createCache() });
  render(<ApolloProvider client={client}>{ui}</ApolloProvider>);
  return calls;
}

/** The page's session store with a signed-in user. */
export function signedIn(): void {
  sessionStore.signIn({
    token: 'token-1',
    expiresAtMs: Date.now() + 60_000,
    user: { id: 'u1', email: 'erika@example.com', name: 'Erika', timeZone: 'Europe/Berlin', emailVerified: false },
  });
}

/** Answers authRequest's fetch calls (the operations that run outside Apollo) and records them. */
export function fakeFetch(answer: (call: Call) => FormattedExecutionResult): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query?: string; variables: Record<string, unknown> };
    // Like a gateway without the trusted documents manifest: an id alone asks for the text.
    if (body.query === undefined) {
      const unknownId = {
        errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
      };
      return new Response(JSON.stringify(unknownId), { headers: { 'content-type': 'application/json' } });
    }
    const call = { name: /(?:mutation|query)\s+(\w+)/.exec(body.query)?.[1] ?? '', variables: body.variables };
    calls.push(call);
    return new Response(JSON.stringify(answer(call)), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return calls;
}
