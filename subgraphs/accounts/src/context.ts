import type DataLoader from 'dataloader';
import type { RequestContext } from '@taskwire/platform/subgraph-server';
import type { UserRow } from './db/database.js';

export interface AccountsContext extends RequestContext {
  /** Users by id (batched; used by `me` and `User.__resolveReference`). */
  usersById: DataLoader<string, UserRow | null>;
}
