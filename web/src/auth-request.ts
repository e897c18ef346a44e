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
/** Lower-case hex SHA-256 of a document's text (Web Crypto: HTTPS or localhost). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type AuthResponse<TData> = {
  data?: TData;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
} | null;

async function postGraphQL<TData>(
  payload: Record<string, unknown>,
): Promise<{ response: Response; body: AuthResponse<TData> }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      // Refresh tokens as the gateway's HttpOnly cookie, never in the answer (docs/sessions.md).
      'x-refresh-token-delivery': 'cookie',
    },
    body: JSON.stringify(payload),
  });
  return { response, body: (await response.json().catch(() => null)) as AuthResponse<TData> };
}

/**
 * Sends the document's id (trusted documents: schema/trusted-documents.json lists it as printed
 * here); a server without the manifest gets the text once.
 */
export async function authRequest<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const text = print(document);
  const byId = { variables, extensions: { persistedQuery: { version: 1, sha256Hash: await sha256(text) } } };
  let { response, body } = await postGraphQL<TData>(byId);
  if (body?.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    ({ response, body } = await postGraphQL<TData>({ ...byId, query: text }));
  }
  if (body?.errors?.length) {
    throw new CombinedGraphQLErrors({ errors: body.errors } as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);
  }
  if (!response.ok || !body?.data) throw new Error(`The server answered ${response.status}; please try again.`);
  return body.data;
}
