import type { BaseContext } from '@apollo/server';
import type { RefreshCookieInstruction } from '@taskwire/platform/refresh-cookie';

/** Per-request state of the gateway (also what the data sources forward). */
export interface GatewayContext extends BaseContext {
  /** The verified user, or null without a token. */
  user: { id: string } | null;
  /** The verified bearer token, forwarded to subgraphs (they verify it again). */
  token: string | null;
  requestId: string;
  traceparent: string | null;
  clientAddress: string;
  /** The client's User-Agent (forwarded for the list of sessions). */
  userAgent?: string | null;
  /**
   * The browser's refresh cookie and the means to replace it (HTTP requests only): forwarded to
   * accounts, whose answer may set or clear it (platform/src/refresh-cookie.ts).
   */
  refreshCookie?: {
    incoming: string | null;
    /** The client sent `x-refresh-token-delivery: cookie`. */
    wantsCookie: boolean;
    apply(instruction: RefreshCookieInstruction): void;
  };
  /** Filled in while the operation runs, for the access log line (Apollo copies the context, not this). */
  access?: { operation: string | null };
}
