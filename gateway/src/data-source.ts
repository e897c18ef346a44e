import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleAll, type CircuitBreakerPolicy } from 'cockatiel';
import { parse } from 'graphql';
import {
  idempotencyFingerprintHeader,
  idempotencyKeyHeader,
  idempotentReplayedHeader,
} from '@taskwire/platform/idempotency-key';
import { clientAddressHeader, clientUserAgentHeader, gatewaySecretHeader } from '@taskwire/platform/gateway-secret';
import {
  parseRefreshCookieInstruction,
  refreshTokenDeliveryHeader,
  refreshTokenHeader,
  setRefreshCookieHeader,
} from '@taskwire/platform/refresh-cookie';
import { activeTraceparent } from '@taskwire/platform/trace-context';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';
import { failedFetchErrors, SubgraphHttpStatusError, subgraphFailureCode } from './subgraph-failure.js';

/** How long one call may take and when a subgraph's circuit opens (gateway/src/env.ts). */
export interface SubgraphCallPolicy {
  /** Each call (connect, request, whole response body) is aborted after this long. */
  timeoutMs: number;
  /** Consecutive failed calls (unreachable, timed out, 502/503/504) that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit refuses calls before one probe call is let through. */
  breakerHalfOpenAfterMs: number;
}

/** Statuses of a proxy or load balancer in front of a subgraph that say it is not there. */
const unavailableStatuses = new Set([502, 503, 504]);

const circuitStateLabel: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.Open]: 1,
  [CircuitState.HalfOpen]: 2,
  [CircuitState.Isolated]: 1,
};

/** The subgraph that issues refresh tokens: the only one that sees the refresh cookie. */
const sessionSubgraph = 'accounts';

/**
 * Calls one subgraph with Node's built-in fetch (faster than make-fetch-happen here),
 * sending the gateway secret and forwarding the verified token, request id, trace context and
 * client address (and, to accounts only, the refresh cookie; its answer may replace it).
 *
 * Every call has a timeout and goes through this subgraph's circuit breaker (cockatiel). A call
 * that fails that way (unreachable, timed out, circuit open) does not fail the operation: the
 * fields this fetch was to resolve are answered null with a coded error at each of their paths
 * (subgraph-failure.ts), and the rest of the plan runs. `gateway_subgraph_up` and
 * `gateway_subgraph_circuit_state` report each subgraph's health.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** This subgraph's circuit breaker (exposed for tests and metrics). */
  readonly breaker: CircuitBreakerPolicy;

  constructor(
    private readonly name: string,
    url: string,
    metrics: GatewayMetrics,
    private readonly gatewaySecret: string,
    policy: SubgraphCallPolicy,
  ) {
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: policy.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(policy.breakerFailures),
    });
    metrics.subgraphUp.set({ subgraph: name }, 1);
    metrics.subgraphCircuitState.set({ subgraph: name }, 0);
    breaker.onStateChange((state) => metrics.subgraphCircuitState.set({ subgraph: name }, circuitStateLabel[state]));
    breaker.onSuccess(() => metrics.subgraphUp.set({ subgraph: name }, 1));
    breaker.onFailure(() => metrics.subgraphUp.set({ subgraph: name }, 0));
    breaker.onBreak(() => metrics.subgraphUp.set({ subgraph: name }, 0));
    super({
      url,
      fetcher: (async (input: string, init: RequestInit) => {
        const end = metrics.subgraphFetchDuration.startTimer({ subgraph: name });
        try {
          const response = await breaker.execute(() => fetchWhole(input, init, policy.timeoutMs));
          end({ outcome: response.ok ? 'ok' : `http_${response.status}` });
          return response;
        } catch (error) {
          const code = subgraphFailureCode(error);
          end({
            outcome:
              code === 'REQUEST_TIMEOUT'
                ? 'timeout'
                : code === 'SUBGRAPH_CIRCUIT_BREAKER_REJECTED'
                  ? 'circuit_open'
                  : 'network_error',
          });
          throw error;
        }
      }) as never,
    });
    this.breaker = breaker;
  }

  /**
   * A failed call becomes a GraphQL response with an error at each field the fetch was to
   * resolve (subgraph-failure.ts), so @apollo/gateway answers the rest; any other error is
   * thrown as before (and masked as INTERNAL_SERVER_ERROR).
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      const code = subgraphFailureCode(error);
      // Health checks and schema loads (no incoming operation) keep failing as they did.
      if (!code || !('incomingRequestContext' in options)) throw error;
      const document = options.document ?? parse(options.request.query ?? '{ __typename }');
      return { errors: failedFetchErrors(code, document, options.request.variables) };
    }
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http!.headers;
    // Every call, health checks and schema loads included: subgraphs answer nobody else.
    headers.set(gatewaySecretHeader, this.gatewaySecret);
    // Health checks and schema loads carry no incoming request, so no GatewayContext to forward.
    if (!('incomingRequestContext' in options) || !('requestId' in options.context)) return;
    const { context } = options;
    if (context.token) headers.set('authorization', `Bearer ${context.token}`);
    headers.set('x-request-id', context.requestId);
    // Inside a traced request the fetch instrumentation sends the active span's context (the
    // client's trace continued); the client's own value only where no span is active.
    if (context.traceparent && !activeTraceparent()) headers.set('traceparent', context.traceparent);
    // Decided once, at the gateway (TRUSTED_PROXY_HOPS); subgraphs trust it only with the secret.
    headers.set(clientAddressHeader, context.clientAddress);
    // A mutation's validated key and the client request's fingerprint (idempotency.ts).
    const idempotency = context.idempotency?.forward;
    if (idempotency) {
      headers.set(idempotencyKeyHeader, idempotency.key);
      headers.set(idempotencyFingerprintHeader, idempotency.fingerprint);
    }
    if (context.userAgent) headers.set(clientUserAgentHeader, context.userAgent);
    if (this.name === sessionSubgraph && context.refreshCookie) {
      if (context.refreshCookie.incoming) headers.set(refreshTokenHeader, context.refreshCookie.incoming);
      if (context.refreshCookie.wantsCookie) headers.set(refreshTokenDeliveryHeader, 'cookie');
    }
  }

  /**
   * Notes whether a keyed subgraph call was answered from its stored result, and applies
   * accounts' instruction for the refresh cookie.
   */
  override didReceiveResponse(
    options: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0],
  ) {
    const { response, context } = options;
    const replayed = response.http?.headers.get(idempotentReplayedHeader);
    if (replayed != null) context.idempotency?.replays.push(replayed === 'true');
    if (this.name === sessionSubgraph && context.refreshCookie) {
      const instruction = parseRefreshCookieInstruction(response.http?.headers.get(setRefreshCookieHeader));
      if (instruction) context.refreshCookie.apply(instruction);
    }
    return response;
  }
}

/**
 * One call with its whole body read inside the timeout, so a subgraph that sends headers and
 * then stalls is a timeout too, and counts against the breaker. Subgraphs answer
 * UNAUTHENTICATED (401) and TOO_MANY_REQUESTS (429) as GraphQL bodies; those are kept as
 * GraphQL errors (status 200) instead of the data source's generic "401: Unauthorized", so their
 * codes and messages reach the client.
 */
async function fetchWhole(input: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(input, {
    ...init,
    signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
  });
  if (unavailableStatuses.has(response.status)) {
    await response.body?.cancel();
    throw new SubgraphHttpStatusError(response.status);
  }
  const text = await response.text();
  const graphqlBody =
    !response.ok && (response.headers.get('content-type') ?? '').includes('json') && /"errors"\s*:/.test(text);
  return new Response(text, {
    status: graphqlBody ? 200 : response.status,
    statusText: graphqlBody ? 'OK' : response.statusText,
    headers: response.headers,
  });
}
