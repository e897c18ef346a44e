import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import {
  createTestDatabase,
  graphqlRequest,
  testGatewaySecret,
  testKeys,
  tokenFor,
  uniqueSuffix,
} from '../../../../../test/support.js';
import { auditReaderRole, auditWriterRole, createAuditDatabase, type AuditDB } from '../../db/database.js';
import { migrateAudit, startAuditService, type AuditService } from '../../service.js';
import { insertAuditEntries, type NewAuditEntry } from './audit.repository.js';

let url: string;
let service: AuditService;
let owner: Kysely<AuditDB>;
let writer: Kysely<AuditDB>;
let reader: Kysely<AuditDB>;
const userA = `user-a-${uniqueSuffix()}`;
const userB = `user-b-${uniqueSuffix()}`;
const task1 = randomUUID();
const task2 = randomUUID();
const taskB = randomUUID();

function entry(userId: string, taskId: string, type: string, occurredAt: string, field = 'title'): NewAuditEntry {
  return {
    eventId: randomUUID(),
    type,
    actorId: userId,
    userId,
    taskId,
    occurredAt,
    correlationId: null,
    traceparent: null,
    changes: [{ field, old: null, new: `${type}@${occurredAt}` }],
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();

beforeAll(async () => {
  url = await createTestDatabase('audit');
  await migrateAudit(url);
  await migrateAudit(url); // idempotent
  owner = createAuditDatabase({ url, maxConnections: 2 });
  writer = createAuditDatabase({ url, role: auditWriterRole, maxConnections: 2 });
  reader = createAuditDatabase({ url, role: auditReaderRole, maxConnections: 2 });
  // A: 10 entries on task1 (minutes 0..9), 3 on task2 (minutes 20..22, one at the same minute as another); B: 2 on taskB.
  const rows: NewAuditEntry[] = [];
  for (let m = 0; m < 10; m++) rows.push(entry(userA, task1, m % 2 === 0 ? 'task.updated' : 'task.tagged', at(m)));
  rows.push(
    entry(userA, task2, 'task.created', at(20)),
    entry(userA, task2, 'task.updated', at(21)),
    entry(userA, task2, 'task.completed', at(21)),
  );
  rows.push(entry(userB, taskB, 'task.created', at(5)), entry(userB, task1, 'task.updated', at(6)));
  await writer.transaction().execute((trx) => insertAuditEntries(trx, rows));
  service = await startAuditService({
    PORT: 0,
    OPS_PORT: 0,
    BIND_HOST: '127.0.0.1',
    GATEWAY_SECRET: [testGatewaySecret],
    MAX_BODY_BYTES: 262_144,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
    JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
  });
});

afterAll(async () => {
  await service?.stop();
  await Promise.all([owner?.destroy(), writer?.destroy(), reader?.destroy()]);
});

const auditLogQuery = /* GraphQL */ `
  query ($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          eventId
          type
          occurredAt
          actor {
            id
          }
          task {
            id
          }
          changes {
            field
            oldValue
            newValue
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const historyQuery = /* GraphQL */ `
  query ($representations: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $representations) {
      ... on Task {
        id
        history(first: $first, after: $after) {
          edges {
            node {
              type
              occurredAt
              changes {
                newValue
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

describe('append-only roles', () => {
  it('the reader can only SELECT; the writer can only INSERT', async () => {
    const one = await owner.selectFrom('audit_entries').select('id').executeTakeFirstOrThrow();
    await expect(sql`select count(*) from audit_entries`.execute(reader)).resolves.toBeDefined();
    for (const [who, db] of [
      ['reader', reader],
      ['writer', writer],
    ] as const) {
      await expect(
        sql`update audit_entries set type = 'x' where id = ${one.id}`.execute(db),
        `${who} update`,
      ).rejects.toThrow(/permission denied/);
      await expect(sql`delete from audit_entries where id = ${one.id}`.execute(db), `${who} delete`).rejects.toThrow(
        /permission denied/,
      );
      await expect(sql`truncate audit_entries`.execute(db), `${who} truncate`).rejects.toThrow(/permission denied/);
    }
    await expect(insertAuditEntries(reader, [entry(userA, task1, 'task.updated', at(30))])).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`select type, changes from audit_entries`.execute(writer)).rejects.toThrow(/permission denied/);
    const { rows } = await sql<{ current_user: string }>`select current_user`.execute(reader);
    expect(rows[0]!.current_user).toBe(auditReaderRole);
  });

  it('a second insert of the same event id adds no row', async () => {
    const e = entry(userB, taskB, 'task.deleted', at(50));
    expect(await insertAuditEntries(writer, [e, e])).toBe(1);
    expect(await insertAuditEntries(writer, [e])).toBe(0);
  });
});

describe('Query.auditLog', () => {
  it('requires a signed-in user', async () => {
    const res = await graphqlRequest(service.url, auditLogQuery, {});
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("pages through the user's own entries newest first", async () => {
    const token = await tokenFor(userA);
    const seen: Array<{ occurredAt: string; type: string; task: { id: string } }> = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await graphqlRequest(service.url, auditLogQuery, { first: 4, after }, token);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.auditLog.edges.map((e: any) => e.node));
      after = res.data.auditLog.pageInfo.endCursor;
      if (!res.data.auditLog.pageInfo.hasNextPage) break;
    }
    expect(seen).toHaveLength(13);
    expect(seen.every((n) => n.task.id === task1 || n.task.id === task2)).toBe(true);
    // Newest first; the two entries at the same minute in insertion order reversed.
    expect(seen.slice(0, 3).map((n) => n.type)).toEqual(['task.completed', 'task.updated', 'task.created']);
    const times = seen.map((n) => n.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by task, types and time range', async () => {
    const token = await tokenFor(userA);
    const byTask: any = await graphqlRequest(service.url, auditLogQuery, { filter: { taskId: task2 } }, token);
    expect(byTask.data.auditLog.edges.map((e: any) => e.node.type)).toEqual([
      'task.completed',
      'task.updated',
      'task.created',
    ]);
    const byType: any = await graphqlRequest(
      service.url,
      auditLogQuery,
      { filter: { taskId: task1, types: ['task.tagged'] } },
      token,
    );
    expect(byType.data.auditLog.edges).toHaveLength(5);
    const range: any = await graphqlRequest(
      service.url,
      auditLogQuery,
      { filter: { since: at(3), until: at(6) } },
      token,
    );
    expect(range.data.auditLog.edges.map((e: any) => e.node.occurredAt)).toEqual([at(5), at(4), at(3)]);
    const node = range.data.auditLog.edges[0].node;
    expect(node.actor).toEqual({ id: userA });
    expect(node.changes).toEqual([
      { field: 'title', oldValue: null, newValue: JSON.stringify(`task.tagged@${at(5)}`) },
    ]);
  });

  it('rejects bad arguments naming the field', async () => {
    const token = await tokenFor(userA);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: 1000 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'bm9wZQ' }, 'after'],
      [{ filter: { since: 'yesterday' } }, 'filter.since'],
      [{ filter: { since: '2027-02-30T09:00:00Z' } }, 'filter.since'],
      [{ filter: { until: '2027-02-30T09:00:00Z' } }, 'filter.until'],
      [{ filter: { since: '2026-01-01' } }, 'filter.since'],
      [{ after: Buffer.from('2027-02-30T09:00:00.000000Z|1').toString('base64url') }, 'after'],
      [{ filter: { since: at(9), until: at(1) } }, 'filter.until'],
    ];
    for (const [variables, field] of cases) {
      const res = await graphqlRequest(service.url, auditLogQuery, variables, token);
      expect(res.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('Task.history', () => {
  it('is batched per task, newest first, with cursor pagination', async () => {
    const token = await tokenFor(userA);
    const reps = [
      { __typename: 'Task', id: task1 },
      { __typename: 'Task', id: task2 },
    ];
    const res: any = await graphqlRequest(service.url, historyQuery, { representations: reps, first: 3 }, token);
    expect(res.errors).toBeUndefined();
    const [h1, h2] = res.data._entities;
    expect(h1.history.edges.map((e: any) => e.node.occurredAt)).toEqual([at(9), at(8), at(7)]);
    expect(h1.history.pageInfo.hasNextPage).toBe(true);
    expect(h2.history.edges).toHaveLength(3);
    expect(h2.history.pageInfo.hasNextPage).toBe(false);
    const next: any = await graphqlRequest(
      service.url,
      historyQuery,
      { representations: [reps[0]], first: 50, after: h1.history.pageInfo.endCursor },
      token,
    );
    expect(next.data._entities[0].history.edges.map((e: any) => e.node.occurredAt)).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map(at),
    );
  });
});

describe('isolation', () => {
  it("user B cannot read A's entries by any query", async () => {
    const token = await tokenFor(userB);
    const all: any = await graphqlRequest(service.url, auditLogQuery, { first: 200 }, token);
    expect(all.data.auditLog.edges.every((e: any) => e.node.task.id === taskB || e.node.task.id === task1)).toBe(true);
    // B's only entry on task1 is B's own (B's row for that id), none of A's 10.
    const onA: any = await graphqlRequest(service.url, auditLogQuery, { filter: { taskId: task2 } }, token);
    expect(onA.data.auditLog.edges).toEqual([]);
    const hist: any = await graphqlRequest(
      service.url,
      historyQuery,
      { representations: [{ __typename: 'Task', id: task2 }] },
      token,
    );
    expect(hist.data._entities[0].history.edges).toEqual([]);
    const unauth = await graphqlRequest(service.url, historyQuery, {
      representations: [{ __typename: 'Task', id: task2 }],
    });
    expect(unauth.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A's cursor does not open A's rows to B.
    const aPage: any = await graphqlRequest(service.url, auditLogQuery, { first: 1 }, await tokenFor(userA));
    const withCursor: any = await graphqlRequest(
      service.url,
      auditLogQuery,
      { after: aPage.data.auditLog.pageInfo.endCursor, filter: { taskId: task2 } },
      token,
    );
    expect(withCursor.data.auditLog.edges).toEqual([]);
  });
});

describe('backward paging (last/before), PageInfo and kind', () => {
  const pagedLog = /* GraphQL */ `
    query ($filter: AuditFilter, $first: Int, $after: String, $last: Int, $before: String) {
      auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
        edges {
          cursor
          node {
            id
            type
            kind
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
    }
  `;
  const pagedHistory = /* GraphQL */ `
    query ($representations: [_Any!]!, $first: Int, $after: String, $last: Int, $before: String) {
      _entities(representations: $representations) {
        ... on Task {
          history(first: $first, after: $after, last: $last, before: $before) {
            edges {
              node {
                occurredAt
              }
            }
            pageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
          }
        }
      }
    }
  `;

  it('reads the log backward in the same newest-first order, with honest flags both ways', async () => {
    const token = await tokenFor(userA);
    const all: any = await graphqlRequest(service.url, pagedLog, { first: 200 }, token);
    const ids: string[] = all.data.auditLog.edges.map((e: any) => e.node.id);
    expect(ids).toHaveLength(13);
    expect(all.data.auditLog.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const pages: string[][] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await graphqlRequest(service.url, pagedLog, { last: 4, before }, token);
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo } = res.data.auditLog;
      pages.unshift(edges.map((e: any) => e.node.id));
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      expect(pageInfo.hasNextPage).toBe(before !== null);
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(pages.flat()).toEqual(ids);
    // Forward from a cursor: the entries before it exist, so hasPreviousPage is true.
    const second: any = await graphqlRequest(
      service.url,
      pagedLog,
      { first: 4, after: all.data.auditLog.edges[3].cursor },
      token,
    );
    expect(second.data.auditLog.edges.map((e: any) => e.node.id)).toEqual(ids.slice(4, 8));
    expect(second.data.auditLog.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    // A filter applies to the flags too: nothing newer than task2's newest entry.
    const filtered: any = await graphqlRequest(
      service.url,
      pagedLog,
      { filter: { taskId: task2 }, last: 1, before: all.data.auditLog.edges[1].cursor },
      token,
    );
    expect(filtered.data.auditLog.edges.map((e: any) => e.node.type)).toEqual(['task.completed']);
    expect(filtered.data.auditLog.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('pages a task history backward and refuses mixing directions', async () => {
    const token = await tokenFor(userA);
    const reps = [{ __typename: 'Task', id: task1 }];
    const oldest: any = await graphqlRequest(service.url, pagedHistory, { representations: reps, last: 3 }, token);
    expect(oldest.errors).toBeUndefined();
    const history = oldest.data._entities[0].history;
    expect(history.edges.map((e: any) => e.node.occurredAt)).toEqual([at(2), at(1), at(0)]);
    expect(history.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const newer: any = await graphqlRequest(
      service.url,
      pagedHistory,
      { representations: reps, last: 3, before: history.pageInfo.startCursor },
      token,
    );
    expect(newer.data._entities[0].history.edges.map((e: any) => e.node.occurredAt)).toEqual([at(5), at(4), at(3)]);
    expect(newer.data._entities[0].history.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const mixed: any = await graphqlRequest(
      service.url,
      pagedLog,
      { after: history.pageInfo.endCursor, last: 2 },
      token,
    );
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const forged: any = await graphqlRequest(service.url, pagedLog, { before: 'bm9wZQ' }, token);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
  });

  it('answers kind as the enum of the event type, beside the deprecated type string', async () => {
    const token = await tokenFor(userA);
    const res: any = await graphqlRequest(service.url, pagedLog, { filter: { taskId: task2 } }, token);
    expect(res.data.auditLog.edges.map((e: any) => [e.node.type, e.node.kind])).toEqual([
      ['task.completed', 'TASK_COMPLETED'],
      ['task.updated', 'TASK_UPDATED'],
      ['task.created', 'TASK_CREATED'],
    ]);
    const byKind: any = await graphqlRequest(
      service.url,
      pagedLog,
      { filter: { kinds: ['TASK_CREATED', 'TASK_COMPLETED'] } },
      token,
    );
    expect(byKind.data.auditLog.edges.map((e: any) => e.node.kind)).toEqual(['TASK_COMPLETED', 'TASK_CREATED']);
    const both: any = await graphqlRequest(
      service.url,
      pagedLog,
      { filter: { kinds: ['TASK_CREATED'], types: ['task.updated', 'task.created'] } },
      token,
    );
    expect(both.data.auditLog.edges.map((e: any) => e.node.kind)).toEqual(['TASK_CREATED']);
    const unknown: any = await graphqlRequest(service.url, pagedLog, { filter: { kinds: ['TASK_EXPLODED'] } }, token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
