import { ApolloLink, CombinedGraphQLErrors } from '@apollo/client';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { Observable } from 'rxjs';
import type { TokenClients } from './token-clients';

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
 * A terminating link for subscriptions over graphql-ws that outlives access tokens
 * (`token-clients.ts` gives one client per token):
 *
 * - when the token is renewed, the subscription starts again on the new token's client and the
 *   old one stays until the gateway ends it at its token's expiry (4401), so the two overlap and
 *   no event falls between (a subscriber sees an event of the overlap twice: ReminderCenter
 *   shows a firing once by its id);
 * - when the gateway closes or refuses the token of the subscription in use (4401, 4403 — e.g. the
 *   page slept past the renewal), it asks `renew` for a new token and subscribes again at once
 *   (graphql-ws treats 4401 as fatal and would end the subscription).
 *
 * `renew(client)` gets the client whose token was refused and answers whether a session remains;
 * false ends the subscription (the app shows sign-in then). Other errors end it as Apollo's
 * GraphQLWsLink would.
 */
export function renewingSubscriptionLink(
  clients: Pick<TokenClients, 'current' | 'onRenewed'>,
  renew: (refused: Client) => Promise<boolean>,
): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const { query, variables, operationName, extensions } = operation;
        const payload = { query: print(query), variables, operationName, extensions };
        let ended = false;
        let authClosesInARow = 0;
        let active: { client: Client; stop: () => void } | null = null;
        const retired = new Set<() => void>();

        const start = (client: Client) => {
          const offConnected = client.on('connected', () => {
            authClosesInARow = 0;
          });
          const self = {
            client,
            stop: () => {
              offConnected();
              unsubscribe();
            },
          };
          const unsubscribe = client.subscribe(payload, {
            next: (value) => observer.next(value as ApolloLink.Result),
            complete: () => {
              if (active === self) observer.complete();
            },
            error: (error) => {
              offConnected();
              // A retired subscription ending (its token expired) is the plan.
              if (active !== self) retired.delete(self.stop);
              if (ended || active !== self) return;
              if (isAuthClose(error) && ++authClosesInARow <= maxAuthClosesInARow) {
                renew(client).then(
                  (signedIn) => {
                    if (ended || active !== self) return;
                    if (signedIn) active = start(clients.current());
                    else observer.error(asError(error));
                  },
                  (renewError: unknown) => {
                    if (!ended && active === self) observer.error(renewError);
                  },
                );
                return;
              }
              observer.error(asError(error));
            },
          });
          return self;
        };

        active = start(clients.current());
        const offRenewed = clients.onRenewed(() => {
          if (ended || !active) return;
          const next = clients.current();
          if (next === active.client) return;
          // Make before break: the old one ends by itself at its token's expiry (4401).
          retired.add(active.stop);
          active = start(next);
        });
        return () => {
          ended = true;
          offRenewed();
          active?.stop();
          for (const stop of retired) stop();
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
