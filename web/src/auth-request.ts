import { CombinedGraphQLErrors } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';

/**
 * A GraphQL request outside the per-session Apollo client, for what runs without (or to obtain)
 * an access token: sign-in, sign-up, refreshSession, signOut, the password-reset and e-mail links.
 * It never sends an access token.
 * Same-origin credentials carry the gateway's HttpOnly refresh cookie, which only the gateway
 * reads and sets; `x-refresh-token-delivery: cookie` asks it to deliver a new refresh token that
 * way (signIn, signUp, resetPassword, refreshSession answer `refreshToken: null` then). Throws CombinedGraphQLErrors for GraphQL errors (so forms can place them),
 * an Error for anything else.
 */
export async function authRequest<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      // Refresh tokens as the gateway's HttpOnly cookie, never in the answer (docs/sessions.md).
      'x-refresh-token-delivery': 'cookie',
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: TData;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  } | null;
  if (body?.errors?.length) {
    throw new CombinedGraphQLErrors({ errors: body.errors } as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);
  }
  if (!response.ok || !body?.data) throw new Error(`The server answered ${response.status}; please try again.`);
  return body.data;
}
