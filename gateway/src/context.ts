import type { BaseContext } from '@apollo/server';
import type { GatewayIdempotency } from './idempotency.js';

/** Per-request state of the gateway (also what the data sources forward). */
export interface GatewayContext extends BaseContext {
  /** The verified user, or null without a token. */
  user: { id: string } | null;
  /** The verified bearer token, forwarded to subgraphs (they verify it again). */
  token: string | null;
  requestId: string;
  traceparent: string | null;
  clientAddress: string;
  /** Filled in while the operation runs, for the access log line (Apollo copies the context, not this). */
  access?: { operation: string | null };
  /** The Idempotency-Key of a mutation, filled in by idempotency.ts (shared, like `access`). */
  idempotency?: GatewayIdempotency;
}
