import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
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

/** The subgraph that issues refresh tokens: the only one that sees the refresh cookie. */
const sessionSubgraph = 'accounts';

/**
 * Calls one subgraph with Node's built-in fetch (faster than make-fetch-happen here),
 * sending the gateway secret and forwarding the verified token, request id, trace context and
 * client address (and, to accounts only, the refresh cookie; its answer may replace it).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    metrics: GatewayMetrics,
    private readonly gatewaySecret: string,
  ) {
    super({
      url,
      fetcher: (async (input: string, init: RequestInit) => {
        const end = metrics.subgraphFetchDuration.startTimer({ subgraph: name });
        try {
          const response = await fetch(input, init);
          end({ outcome: response.ok ? 'ok' : `http_${response.status}` });
          // Subgraphs answer UNAUTHENTICATED (401) and TOO_MANY_REQUESTS (429) as GraphQL
          // bodies; keep them as GraphQL errors instead of the data source's generic
          // "401: Unauthorized", so their codes and messages reach the client.
          if (!response.ok && (response.headers.get('content-type') ?? '').includes('json')) {
            const text = await response.text();
            if (/"errors"\s*:/.test(text)) {
              return new Response(text, { status: 200, headers: response.headers });
            }
            return new Response(text, {
              status: response.status,
              statusText: response.statusText,
              headers: response.headers,
            });
          }
          return response;
        } catch (error) {
          end({ outcome: 'network_error' });
          throw error;
        }
      }) as never,
    });
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
    if (context.userAgent) headers.set(clientUserAgentHeader, context.userAgent);
    if (this.name === sessionSubgraph && context.refreshCookie) {
      if (context.refreshCookie.incoming) headers.set(refreshTokenHeader, context.refreshCookie.incoming);
      if (context.refreshCookie.wantsCookie) headers.set(refreshTokenDeliveryHeader, 'cookie');
    }
  }

  override didReceiveResponse(
    options: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0],
  ) {
    const { response, context } = options;
    if (this.name === sessionSubgraph && context.refreshCookie) {
      const instruction = parseRefreshCookieInstruction(response.http?.headers.get(setRefreshCookieHeader));
      if (instruction) context.refreshCookie.apply(instruction);
    }
    return response;
  }
}
