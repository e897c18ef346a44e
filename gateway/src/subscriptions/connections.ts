import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { msUntilExpiry, type ConnectionAuth } from './auth.js';
import type { TerminationReason } from './metrics.js';

/**
 * Close codes the gateway's graphql-ws endpoint uses (docs/subscriptions.md):
 * 4403 Forbidden — the connection carried no valid `connectionParams.authorization` (refused at connect);
 * 4401 token expired — the connection's token expired (or its account was deleted): every subscription on it ends; reconnect with a fresh token;
 * 1012 Service Restart — the gateway is shutting down: reconnect (to another replica);
 * 4429 too many messages — the client sent messages faster than the flood guard allows.
 */
export const subscriptionCloseCodes = {
  forbidden: 4403,
  tokenExpired: 4401,
  serviceRestart: 1012,
  tooManyMessages: 4429,
} as const;

export type ConnectionExtra = {
  auth?: ConnectionAuth;
  expiryTimer?: NodeJS.Timeout;
  /** The connection's key in the per-connection message rate limiter. */
  rateKey?: string;
  /** Set before the gateway closes the socket itself. */
  closeReason?: TerminationReason;
};
export type ConnectionContext = Context<Record<string, unknown>, Extra & Partial<ConnectionExtra>>;

/** The authenticated client connections of one gateway process. */
export interface ConnectionRegistry {
  /** Keeps the connection until its socket closes, and closes it with 4401 when its token expires. */
  track(connection: ConnectionContext, auth: ConnectionAuth): void;
  /** Closes every connection with 1012 (gateway shutdown). */
  closeAll(): void;
  /** Closes the user's connections with 4401, as on expiry (their account was deleted). */
  closeUser(userId: string): void;
  size(): number;
}

export function createConnectionRegistry(): ConnectionRegistry {
  const connections = new Set<ConnectionContext>();
  const closeAs = (connection: ConnectionContext, reason: TerminationReason, code: number, text: string) => {
    connection.extra.closeReason = reason;
    connection.extra.socket.close(code, text);
  };
  return {
    track(connection, auth) {
      connection.extra.auth = auth;
      connection.extra.expiryTimer = setTimeout(
        () => closeAs(connection, 'token_expired', subscriptionCloseCodes.tokenExpired, 'token expired'),
        msUntilExpiry(auth),
      );
      connections.add(connection);
      connection.extra.socket.once('close', () => {
        clearTimeout(connection.extra.expiryTimer);
        connections.delete(connection);
      });
    },
    closeAll() {
      for (const connection of [...connections])
        closeAs(connection, 'shutdown', subscriptionCloseCodes.serviceRestart, 'service restart');
    },
    closeUser(userId) {
      for (const connection of [...connections])
        if (connection.extra.auth?.userId === userId)
          closeAs(connection, 'token_expired', subscriptionCloseCodes.tokenExpired, 'account deleted');
    },
    size: () => connections.size,
  };
}

/**
 * Why a client's subscription ended, for gateway_subscription_terminations_total: what ended
 * its queue, or for a queue the client ended, why its connection closed.
 */
export function terminationReason(queueEnd: string, connection: ConnectionContext): TerminationReason {
  if (queueEnd !== 'client') return queueEnd as TerminationReason;
  if (connection.extra.closeReason) return connection.extra.closeReason;
  return connection.extra.socket.readyState === connection.extra.socket.OPEN ? 'client_complete' : 'client_disconnect';
}
