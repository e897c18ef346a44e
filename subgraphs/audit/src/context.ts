import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { requireUser, type RequestContext } from '@taskwire/platform/subgraph-server';
import type { AuditDB } from './db/database.js';
import type { AuditPosition } from './modules/audit/audit.cursor.js';
import type { AuditEntryWithKey } from './modules/audit/audit.repository.js';
import { findTaskHistories } from './modules/audit/audit.repository.js';

export interface HistoryKey {
  taskId: string;
  /** Rows wanted (page size + 1 to learn hasNextPage). */
  limit: number;
  after: AuditPosition | null;
}

export interface AuditContext extends RequestContext {
  /** Connects as the read-only role. */
  db: Kysely<AuditDB>;
  loaders: {
    /** Task.history for many tasks of one response in one query per (limit, after). */
    history: DataLoader<HistoryKey, AuditEntryWithKey[], string>;
  };
}

export function createAuditContext(base: RequestContext, db: Kysely<AuditDB>): AuditContext {
  const history = new DataLoader<HistoryKey, AuditEntryWithKey[], string>(
    async (keys) => {
      // Usually one group (same page arguments for every task in a response).
      const groups = new Map<string, HistoryKey[]>();
      for (const key of keys) {
        const g = `${key.limit}|${key.after?.occurredAt ?? ''}|${key.after?.id ?? ''}`;
        (groups.get(g) ?? groups.set(g, []).get(g)!).push(key);
      }
      const results = new Map<string, AuditEntryWithKey[]>();
      await Promise.all(
        [...groups.entries()].map(async ([g, group]) => {
          const first = group[0]!;
          // Only the signed-in user's entries: another user's task has no history here.
          const byTask = await findTaskHistories(
            db,
            requireUser(base),
            [...new Set(group.map((k) => k.taskId))],
            first.after,
            first.limit,
          );
          for (const key of group) results.set(`${g}|${key.taskId}`, byTask.get(key.taskId) ?? []);
        }),
      );
      return keys.map(
        (key) => results.get(`${key.limit}|${key.after?.occurredAt ?? ''}|${key.after?.id ?? ''}|${key.taskId}`) ?? [],
      );
    },
    { cacheKeyFn: (key) => `${key.limit}|${key.after?.occurredAt ?? ''}|${key.after?.id ?? ''}|${key.taskId}` },
  );
  return { ...base, db, loaders: { history } };
}
