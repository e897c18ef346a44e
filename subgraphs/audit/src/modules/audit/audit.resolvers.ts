import { badUserInput } from '@taskwire/platform/errors';
import { instantInput, textInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { AuditConnection, Resolvers, ResolversTypes } from '../../generated/graphql.js';
import { decodeCursor, encodeCursor, pageSize } from './audit.cursor.js';
import { toFieldChange } from './audit.mapper.js';
import { findAuditLog, type AuditEntryWithKey } from './audit.repository.js';

type Connection = ResolversTypes['AuditConnection'];

/** Builds a connection from up to `first + 1` rows (the extra one means hasNextPage). */
function toConnection(rows: AuditEntryWithKey[], first: number): Connection {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor({ occurredAt: row.position_at, id: row.id }), node: row }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  } satisfies Omit<AuditConnection, 'edges'> & { edges: unknown[] };
}

/** An optional RFC 3339 filter bound; absent stays null. */
function optionalInstant(value: string | null | undefined, field: string): Date | null {
  return value == null ? null : instantInput(value, field);
}

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: async (_parent, { filter, first, after }, ctx) => {
      const userId = requireUser(ctx);
      const n = pageSize(first, 'first');
      const position = after != null ? decodeCursor(after, 'after') : null;
      const since = optionalInstant(filter?.since, 'filter.since');
      const until = optionalInstant(filter?.until, 'filter.until');
      if (since && until && since > until) {
        throw badUserInput('filter.until', `expected until (${filter!.until}) not before since (${filter!.since})`);
      }
      const rows = await findAuditLog(
        ctx.db,
        userId,
        {
          taskId: filter?.taskId != null ? textInput(filter.taskId, 'filter.taskId') : null,
          types: filter?.types?.map((type, i) => textInput(type, `filter.types[${i}]`)) ?? null,
          since,
          until,
        },
        position,
        n + 1,
      );
      return toConnection(rows, n);
    },
  },
  Task: {
    // The audit subgraph knows a task only by id; its history is scoped by the signed-in
    // user, so another user's (or an unknown) task resolves with an empty history rather
    // than revealing anything — and a task created a moment ago is not nulled out.
    __resolveReference: (ref) => ({ id: ref.id }),
    history: async (task, { first, after }, ctx) => {
      requireUser(ctx);
      const n = pageSize(first, 'first');
      const position = after != null ? decodeCursor(after, 'after') : null;
      const rows = await ctx.loaders.history.load({ taskId: task.id, limit: n + 1, after: position });
      return toConnection(rows, n);
    },
  },
  AuditEntry: {
    id: (row) => row.id,
    eventId: (row) => row.event_id,
    type: (row) => row.type,
    occurredAt: (row) => row.occurred_at.toISOString(),
    actor: (row) => (row.actor_id ? { __typename: 'User', id: row.actor_id } : null),
    task: (row) => ({ id: row.task_id }),
    changes: (row) => row.changes.map(toFieldChange),
  },
};
