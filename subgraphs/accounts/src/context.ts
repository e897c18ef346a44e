import type DataLoader from 'dataloader';
import type { RefreshCookieInstruction } from '@taskwire/platform/refresh-cookie';
import type { RequestContext } from '@taskwire/platform/subgraph-server';
import type { UserRow } from './db/database.js';

/** The refresh cookie as the gateway relays it (platform/src/refresh-cookie.ts). */
export interface RefreshCookieExchange {
  /** The cookie's refresh token, when the client sent one. */
  incoming: string | null;
  /** The client asked for new refresh tokens in the cookie, not in the answer. */
  wantsCookie: boolean;
  /** Set by resolvers; sent back to the gateway as a response header. */
  outgoing: RefreshCookieInstruction | null;
}

export interface AccountsContext extends RequestContext {
  /** Users by id (batched; used by `me` and `User.__resolveReference`). */
  usersById: DataLoader<string, UserRow | null>;
  /** Whether the signed-in user may read a user's name and address (themselves or a co-member); batched. */
  mayReadUser: DataLoader<string, boolean>;
  refreshCookie: RefreshCookieExchange;
  /** The client's User-Agent as the gateway received it. */
  userAgent: string | null;
}
