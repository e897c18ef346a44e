import { ApolloLink, CombinedGraphQLErrors } from '@apollo/client';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { Observable } from 'rxjs';

/**
 * graphql-ws close codes that mean "this token is not accepted": 4401 when the gateway ends a
 * connection whose token expired, 4403 when it refuses one at connect
 * (gateway/src/subscriptions/connections.ts).
 */
export const authCloseCodes: ReadonlySet<number> = new Set([4401, 4403]);

export function isAuthClose(event: unknown): event is { code: number; reason: string } {
  return (
    typeof event === 'object' &&
    event !== null &&
    'code' in event &&
    authCloseCodes.has((event as { code: number }).code)
  );
}

/** Refusals in a row, with a renewal between each, after which the session is given up. */
const maxAuthClosesInARow = 3;

/**
 * A terminating link for subscriptions over graphql-ws that outlives access tokens: when the
 * gateway closes the connection for the token (graphql-ws treats 4401 as fatal and ends every
 * subscription on it), it asks `renew` for a new token and subscribes again at once (the client's
 * connectionParams read the renewed token), so the subscriber sees no error. Other errors end the
 * subscription as Apollo's GraphQLWsLink would.
 *
 * `renew` answers whether a session remains after renewing; false ends the subscription (the
 * app shows sign-in then).
 */
export function renewingSubscriptionLink(ws: Client, renew: () => Promise<boolean>): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const { query, variables, operationName, extensions } = operation;
        let unsubscribe: (() => void) | null = null;
        let ended = false;
        let authClosesInARow = 0;
        const offConnected = ws.on('connected', () => {
          authClosesInARow = 0;
        });
        const subscribe = () => {
          unsubscribe = ws.subscribe(
            { query: print(query), variables, operationName, extensions },
            {
              next: (value) => observer.next(value as ApolloLink.Result),
              complete: () => observer.complete(),
              error: (error) => {
                if (ended) return;
                if (isAuthClose(error) && ++authClosesInARow <= maxAuthClosesInARow) {
                  renew().then(
                    (signedIn) => {
                      if (ended) return;
                      if (signedIn) subscribe();
                      else observer.error(new Error(`Socket closed with event ${error.code} ${error.reason}`));
                    },
                    (renewError: unknown) => {
                      if (!ended) observer.error(renewError);
                    },
                  );
                  return;
                }
                observer.error(asError(error));
              },
            },
          );
        };
        subscribe();
        return () => {
          ended = true;
          offConnected();
          unsubscribe?.();
        };
      }),
  );
}

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const close = error as { code: number; reason?: string };
    return new Error(`Socket closed with event ${close.code} ${close.reason ?? ''}`.trim());
  }
  return new CombinedGraphQLErrors({
    errors: Array.isArray(error) ? error : [error],
  } as ConstructorParameters<typeof CombinedGraphQLErrors>[0]);
}
