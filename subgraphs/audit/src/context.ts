import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { requireUser, type RequestContext } from '@taskwire/platform/subgraph-server';
import type { AuditDB } from './db/database.js';
import type { AuditEntryWithKey, AuditScan } from './modules/audit/audit.repository.js';
import { findTaskHistories } from './modules/audit/audit.repository.js';

export interface HistoryKey extends AuditScan {
  taskId: string;
  /** Rows wanted (page size + 1 to learn whether more follow in the scan direction). */
  limit: number;
}

export interface AuditContext extends RequestContext {
  /** Connects as the read-only role. */
  db: Kysely<AuditDB>;
  loaders: {
    /** Task.history for many tasks of one response in one query per (limit, scan). */
    history: DataLoader<HistoryKey, AuditEntryWithKey[], string>;
  };
}

/** The page arguments of a history key: keys that share them are read in one query. */
function groupOf(key: HistoryKey): string {
  return [
    key.limit,
    key.from?.occurredAt ?? '',
    key.from?.id ?? '',
    key.backward ? 'b' : 'f',
    key.inclusive ? 'i' : '',
  ].join('|');
}

export function createAuditContext(base: RequestContext, db: Kysely<AuditDB>): AuditContext {
  const history = new DataLoader<HistoryKey, AuditEntryWithKey[], string>(
    async (keys) => {
      // Usually one group (same page arguments for every task in a response).
      const groups = new Map<string, HistoryKey[]>();
      for (const key of keys) {
        const g = groupOf(key);
        (groups.get(g) ?? groups.set(g, []).get(g)!).push(key);
      }
      const results = new Map<string, AuditEntryWithKey[]>();
      await Promise.all(
        [...groups.entries()].map(async ([g, group]) => {
          const first = group[0]!;
          // Only what the signed-in user may read: nothing of a task outside their projects.
          const byTask = await findTaskHistories(
            db,
            requireUser(base),
            [...new Set(group.map((k) => k.taskId))],
            first,
            first.limit,
          );
          for (const key of group) results.set(`${g}|${key.taskId}`, byTask.get(key.taskId) ?? []);
        }),
      );
      return keys.map((key) => results.get(`${groupOf(key)}|${key.taskId}`) ?? []);
    },
    { cacheKeyFn: (key) => `${groupOf(key)}|${key.taskId}` },
  );
  return { ...base, db, loaders: { history } };
}
