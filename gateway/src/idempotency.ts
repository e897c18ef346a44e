import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import {
  idempotencyKeyHeader,
  idempotencyKeyInput,
  idempotentReplayedHeader,
  requestFingerprint,
} from '@taskwire/platform/idempotency-key';
import type { GatewayContext } from './context.js';

/** What the gateway keeps of a request's Idempotency-Key while its plan runs. */
export interface GatewayIdempotency {
  /** Set for a mutation with a valid key: forwarded to every subgraph call of its plan. */
  forward: { key: string; fingerprint: string } | null;
  /** Per keyed subgraph call answered: whether the subgraph replayed its stored result. */
  replays: boolean[];
}

/** HTTP status of the idempotency refusals subgraphs answer (IETF draft: 422 and 409). */
const refusalStatus: Record<string, number> = { IDEMPOTENCY_KEY_REUSED: 422, IDEMPOTENCY_KEY_IN_USE: 409 };

/**
 * The gateway's half of idempotent mutations (docs/api.md "Idempotent mutations"): on a
 * mutation, validates the `Idempotency-Key` header (BAD_USER_INPUT, 400) and fingerprints the
 * request (document, operation name, variables) for the subgraphs, which store and replay;
 * queries ignore the header. The answer carries `Idempotent-Replayed: true` when every keyed
 * subgraph call was replayed, and 422 / 409 for a reused key / a key in flight.
 */
export function idempotencyPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const header = rc.request.http?.headers.get(idempotencyKeyHeader);
          if (header === undefined || rc.operation?.operation !== OperationTypeNode.MUTATION) return;
          const state = rc.contextValue.idempotency;
          if (!state) return;
          state.forward = {
            key: idempotencyKeyInput(header),
            fingerprint: requestFingerprint({
              query: rc.source,
              operationName: rc.request.operationName,
              variables: rc.request.variables,
            }),
          };
        },
        async willSendResponse(rc) {
          const state = rc.contextValue.idempotency;
          if (!state?.forward) return;
          const { body, http } = rc.response;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const status = refusalStatus[String(error.extensions?.code)];
            if (status) http.status = status;
          }
          if (state.replays.length > 0 && state.replays.every(Boolean)) http.headers.set(idempotentReplayedHeader, 'true');
        },
      };
    },
  };
}
