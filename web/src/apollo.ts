import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  ServerError,
  type Reference,
} from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { sessionStore } from './session';

/** graphql-ws close codes that mean "your token is not accepted": no point retrying. */
const authCloseCodes = new Set([4401, 4403]);
const isAuthClose = (event: unknown): boolean =>
  typeof event === 'object' &&
  event !== null &&
  'code' in event &&
  authCloseCodes.has((event as { code: number }).code);

/** Lower-case hex SHA-256 of a document's text (Web Crypto: HTTPS or localhost). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function graphqlWsUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export interface AppClient {
  apollo: ApolloClient;
  ws: Client;
  dispose(): void;
}

/** The token was refused: a GraphQL UNAUTHENTICATED error, or the gateway's HTTP 401. */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * One client per session: the token is fixed for the client's life, so signing in again builds
 * a new one (and a new graphql-ws connection with the new token).
 */
export function createAppClient(token: string): AppClient {
  const ws = createClient({
    url: graphqlWsUrl(),
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    lazy: true,
    keepAlive: 15_000,
    // Reconnect after the network drops, for as long as the page is open (randomised
    // exponential back-off is graphql-ws's default), unless the server refused the token.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !isAuthClose(event),
    on: {
      closed: (event) => {
        if (isAuthClose(event)) sessionStore.expire();
      },
    },
  });

  const auth = new SetContextLink((prev) => ({
    headers: { ...(prev.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
  }));
  const errors = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) sessionStore.expire();
  });
  const http = new HttpLink({ uri: '/graphql' });
  // Trusted documents: every query and mutation goes by id (the SHA-256 of the document as this
  // client prints it, listed in schema/trusted-documents.json), queries as GET so caches can help.
  const persisted = new PersistedQueryLink({ sha256, useGETForHashedQueries: true });
  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(ws),
    ApolloLink.from([auth, persisted, http]),
  );

  const apollo = new ApolloClient({
    link: ApolloLink.from([errors, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            tasks: relayStylePagination(['filter', 'sort']),
            task: {
              read: (existing: Reference | undefined, { args, toReference }) =>
                existing ?? toReference({ __typename: 'Task', id: args?.id as string }),
            },
          },
        },
        Task: {
          fields: {
            tags: { merge: false },
            reminders: { merge: false },
            history: relayStylePagination(),
          },
        },
      },
    }),
  });
  return {
    apollo,
    ws,
    dispose() {
      apollo.stop();
      // dispose() rethrows the close event of a connection that never opened: nothing to do.
      Promise.resolve(ws.dispose()).catch(() => undefined);
    },
  };
}

let current: { token: string; client: AppClient } | null = null;

/**
 * The signed-in session's client, read with `useSyncExternalStore(sessionStore.subscribe, sessionClient)`:
 * the same client while the token stays, a new one for a new token; the previous one is disposed
 * when the token changes or the session ends. It lives beside the session store, not in React
 * state, so a remount (StrictMode) never disposes a client that is still shown.
 */
export function sessionClient(): AppClient | null {
  const token = sessionStore.token();
  if ((current?.token ?? null) !== token) {
    current?.client.dispose();
    current = token ? { token, client: createAppClient(token) } : null;
  }
  return current?.client ?? null;
}
