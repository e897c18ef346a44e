import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { from, mergeMap, throwError } from 'rxjs';
import { sha256 } from './auth-request';
import { createCache } from './cache';
import { sessionRenewal } from './session-api';
import { isUnauthenticated, type SessionRenewal } from './session-renewal';
import { sessionStore } from './session';
import { isAuthClose, renewingSubscriptionLink } from './subscription-link';
import { createTokenClients, type TokenClients } from './token-clients';

export { isUnauthenticated } from './session-renewal';

function graphqlWsUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export interface AppClient {
  apollo: ApolloClient;
  /**
   * The subscriptions' sockets (one per access token; reminders and live project changes share
   * it); ReminderCenter shows their status, LiveChanges refetches after a drop.
   */
  ws: TokenClients;
  dispose(): void;
}

/** The subscriptions' socket for one access token (token-clients.ts gives each token its own). */
function createWsClient(token: string | null): Client {
  return createClient({
    url: graphqlWsUrl(),
    connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
    lazy: true,
    keepAlive: 15_000,
    // Reconnect after the network drops, for as long as the page is open (randomised exponential
    // back-off is graphql-ws's default). A refused token is the subscription link's to handle.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !isAuthClose(event),
  });
}

/**
 * One client per signed-in user, for as long as the session lasts: every request reads the token
 * of the moment (renewed ahead of expiry, or first when it is about to expire), a request the
 * gateway refuses (UNAUTHENTICATED, HTTP 401) is sent once more after a renewal, and the reminder
 * subscription moves to a socket with the renewed token before the old one's expires (and
 * reconnects with a renewed token if the gateway closes it with 4401 first).
 */
export function createAppClient(renewal: SessionRenewal): AppClient {
  const tokenOf = new WeakMap<Client, string | null>();
  const ws = createTokenClients(sessionStore, (token) => {
    const client = createWsClient(token);
    tokenOf.set(client, token);
    return client;
  });

  const auth = new SetContextLink(async (prev) => {
    const token = await renewal.freshToken();
    return {
      sentToken: token,
      headers: {
        ...(prev.headers as Record<string, string> | undefined),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    };
  });
  const retryAfterRenewal = new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext() as { sentToken?: string | null; renewed?: boolean };
    if (!isUnauthenticated(error) || context.renewed) return;
    operation.setContext({ renewed: true });
    // No session left (renewal refused): the store shows sign-in; the request fails as it did.
    return from(renewal.rejected(context.sentToken ?? null)).pipe(
      mergeMap((token) => (token ? forward(operation) : throwError(() => error))),
    );
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
    renewingSubscriptionLink(ws, async (refused) => (await renewal.rejected(tokenOf.get(refused) ?? null)) !== null),
    ApolloLink.from([retryAfterRenewal, auth, persisted, http]),
  );

  const apollo = new ApolloClient({
    link: transport,
    cache: createCache(),
  });
  return {
    apollo,
    ws,
    dispose() {
      apollo.stop();
      ws.dispose();
    },
  };
}

let current: { userId: string; client: AppClient } | null = null;

/**
 * The signed-in user's client, read with `useSyncExternalStore(sessionStore.subscribe, sessionClient)`:
 * the same client while the same user stays signed in (a renewed token changes nothing), a new
 * one for another user; the previous one is disposed when the session ends. It lives beside the
 * session store, not in React state, so a remount (StrictMode) never disposes a client that is
 * still shown.
 */
export function sessionClient(): AppClient | null {
  const userId = sessionStore.get().session?.user.id ?? null;
  if ((current?.userId ?? null) !== userId) {
    current?.client.dispose();
    current = userId ? { userId, client: createAppClient(sessionRenewal) } : null;
  }
  return current?.client ?? null;
}
