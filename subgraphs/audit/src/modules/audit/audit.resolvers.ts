import { auditEntryKind, auditedEventTypes, isAuditedEventType } from '@taskwire/platform/events';
import { badUserInput } from '@taskwire/platform/errors';
import { instantInput, textInput } from '@taskwire/platform/input';
import { readPageRequest, toPage, type PageRequest } from '@taskwire/platform/paging';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { Resolvers } from '../../generated/graphql.js';
import { decodeCursor, encodeCursor, pageSizes, type AuditPosition } from './audit.cursor.js';
import { toFieldChange } from './audit.mapper.js';
import { findAuditLog, type AuditEntryWithKey, type AuditScan } from './audit.repository.js';

/** Builds a connection from up to `size + 1` rows in scan order. */
function toConnection(
  request: PageRequest<AuditPosition>,
  rows: AuditEntryWithKey[],
  existsBehind: (scan: AuditScan) => Promise<boolean>,
) {
  return toPage(
    request,
    rows,
    (row) => encodeCursor({ occurredAt: row.position_at, id: row.id }),
    (from) => existsBehind({ from, backward: request.direction === 'forward', inclusive: true }),
  );
}

/** The scan a page request starts with. */
function scanOf(request: PageRequest<AuditPosition>): AuditScan {
  return { from: request.from, backward: request.direction === 'backward' };
}

/** The event types an entry may have under the `types` and `kinds` filters (null: any). */
function typesOf(types: string[] | undefined, kinds: readonly string[] | undefined): string[] | null {
  const ofKinds = kinds ? auditedEventTypes.filter((type) => kinds.includes(auditEntryKind(type))) : undefined;
  if (types && ofKinds) return types.filter((type) => (ofKinds as readonly string[]).includes(type));
  return types ?? (ofKinds ? [...ofKinds] : null);
}

/** The kind of a stored entry; the audit writer stores only audited types, so another is a fault. */
function kindOf(type: string) {
  if (!isAuditedEventType(type)) throw new Error(`audit entry of an event type that is not audited: ${type}`);
  return auditEntryKind(type);
}

/** An optional RFC 3339 filter bound; absent stays null. */
function optionalInstant(value: string | null | undefined, field: string): Date | null {
  return value == null ? null : instantInput(value, field);
}

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: async (_parent, { filter, ...paging }, ctx) => {
      const userId = requireUser(ctx);
      const request = readPageRequest(paging, pageSizes, decodeCursor);
      const since = optionalInstant(filter?.since, 'filter.since');
      const until = optionalInstant(filter?.until, 'filter.until');
      if (since && until && since > until) {
        throw badUserInput('filter.until', `expected until (${filter!.until}) not before since (${filter!.since})`);
      }
      const logFilter = {
        taskId: filter?.taskId != null ? textInput(filter.taskId, 'filter.taskId') : null,
        types: typesOf(
          filter?.types?.map((type, i) => textInput(type, `filter.types[${i}]`)),
          filter?.kinds ?? undefined,
        ),
        since,
        until,
      };
      const rows = await findAuditLog(ctx.db, userId, logFilter, scanOf(request), request.size + 1);
      return toConnection(
        request,
        rows,
        async (scan) => (await findAuditLog(ctx.db, userId, logFilter, scan, 1)).length > 0,
      );
    },
  },
  Task: {
    // The audit subgraph knows a task only by id; its history is what the signed-in user may
    // read (members of its project, from the membership projection), so a task outside their
    // projects (or an unknown one) resolves with an empty history rather than revealing
    // anything — and a task created a moment ago is not nulled out.
    __resolveReference: (ref) => ({ id: ref.id }),
    history: async (task, paging, ctx) => {
      requireUser(ctx);
      const request = readPageRequest(paging, pageSizes, decodeCursor);
      const rows = await ctx.loaders.history.load({ taskId: task.id, limit: request.size + 1, ...scanOf(request) });
      return toConnection(
        request,
        rows,
        async (scan) => (await ctx.loaders.history.load({ taskId: task.id, limit: 1, ...scan })).length > 0,
      );
    },
  },
  AuditConnection: {
    edges: (c) => c.edges,
    pageInfo: (c) => c.pageInfo,
  },
  PageInfo: {
    hasNextPage: (p) => p.hasNextPage(),
    hasPreviousPage: (p) => p.hasPreviousPage(),
    startCursor: (p) => p.startCursor,
    endCursor: (p) => p.endCursor,
  },
  AuditEntry: {
    id: (row) => row.id,
    eventId: (row) => row.event_id,
    type: (row) => row.type,
    kind: (row) => kindOf(row.type),
    occurredAt: (row) => row.occurred_at.toISOString(),
    // An erased actor's id is gone from the row; null either way, actorDeleted tells them apart.
    actor: (row) => (row.actor_id && !row.actor_deleted ? { __typename: 'User', id: row.actor_id } : null),
    actorDeleted: (row) => row.actor_deleted,
    task: (row) => ({ id: row.task_id }),
    changes: (row) => row.changes.map(toFieldChange),
  },
};
