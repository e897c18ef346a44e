import type DataLoader from 'dataloader';
import type { RequestContext } from '@taskwire/platform/subgraph-server';
import type { UserRow } from './db/database.js';

export interface AccountsContext extends RequestContext {
  /** Users by id (batched; used by `me` and `User.__resolveReference`). */
  usersById: DataLoader<string, UserRow | null>;
  /**
   * The client's address as the gateway saw it (last `x-forwarded-for` hop), else the TCP
   * peer. Set per request by a plugin; keys the per-address sign-in limit.
   */
  clientAddress: string;
}
