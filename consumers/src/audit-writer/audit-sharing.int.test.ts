/**
 * Shared history (docs/api.md "Projects"): the audit-writer keeps its own membership projection
 * from `project-events` and each task's project from `task-events`, and the audit subgraph shows
 * a task's history to the current members of its project, with who did each change. A deleted
 * account's changes stay for the other members, without its id anywhere in the audit schema.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { sql, type Kysely } from 'kysely';
import { buildEvent, type EventEnvelope } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createAuditDatabase, type AuditDB } from '@taskwire/audit';
import { migrateAudit } from '@taskwire/audit/migrate';
import { startAuditService, type AuditService } from '@taskwire/audit/server';
import {
  createTestDatabase,
  eventually,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
  uniqueSuffix,
} from '../../../test/support.js';
import { createAuditWriter, type AuditWriter } from './consumer.js';
import { auditWriterConfigSchema } from './env.js';
import { caughtUp, createPrivateTopics, deleteTopics, publish, taskSnapshot } from './testing.js';

const suffix = uniqueSuffix();
const taskTopic = `audit-sharing-tasks-${suffix}`;
const projectTopic = `audit-sharing-projects-${suffix}`;
const userTopic = `audit-sharing-users-${suffix}`;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let owner: Kysely<AuditDB>;
let service: AuditService;
let writer: AuditWriter;

// Real user ids are uuids: the erasure check below searches every audit row for one.
const ownerId = randomUUID();
const editorId = randomUUID();
const viewerId = randomUUID();
const removedId = randomUUID();
const outsiderId = randomUUID();
const projectId = randomUUID();
const editorsOwnProject = randomUUID();
const task = randomUUID();
const removedMembersTask = randomUUID();
const editorsOwnTask = randomUUID();
const group = `audit-sharing-${suffix}`;
const t0 = Date.now() - 60_000;
const at = (s: number) => new Date(t0 + s * 1000);

beforeAll(async () => {
  const url = await createTestDatabase('auditshare');
  await migrateAudit(url);
  owner = createAuditDatabase({ url, maxConnections: 2 });
  kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `audit-sharing-test-${suffix}` });
  admin = kafka.admin();
  await admin.connect();
  for (const topic of [taskTopic, projectTopic, userTopic]) await createPrivateTopics(admin, topic, 2);
  producer = createEventProducer(kafka);
  await producer.connect();
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
  const config = auditWriterConfigSchema.parse({
    PORT: '0',
    DATABASE_URL: url,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    LOG_LEVEL: 'silent',
    AUDIT_WRITER_TOPIC: taskTopic,
    PROJECT_EVENTS_TOPIC: projectTopic,
    USER_EVENTS_TOPIC: userTopic,
    AUDIT_WRITER_GROUP: group,
  });
  writer = createAuditWriter(config, { logger: createLogger('audit-sharing-test', 'silent') });
  await writer.start();
});

afterAll(async () => {
  await writer?.stop();
  await service?.stop();
  await producer?.disconnect();
  if (admin) {
    for (const topic of [taskTopic, projectTopic, userTopic]) await deleteTopics(admin, topic);
    await admin.disconnect();
  }
  await owner?.destroy();
});

function project(id: string, ownerOf: string, isInbox = false) {
  const time = at(0).toISOString();
  return {
    id,
    ownerId: ownerOf,
    name: 'Launch',
    color: null,
    archived: false,
    isInbox,
    createdAt: time,
    updatedAt: time,
  };
}

function member(userId: string, role: 'OWNER' | 'EDITOR' | 'VIEWER') {
  return { userId, role, joinedAt: at(1).toISOString() };
}

/** The owner creates the project and shares it with an editor, a viewer and a member removed later. */
function sharing(): EventEnvelope[] {
  const p = project(projectId, ownerId);
  const origin = { actor: ownerId, subject: projectId, userId: ownerId, topic: projectTopic };
  return [
    buildEvent('project.created', { ...origin, occurredAt: at(0), data: { project: p } }).envelope,
    ...(
      [
        [editorId, 'EDITOR'],
        [viewerId, 'VIEWER'],
        [removedId, 'VIEWER'],
      ] as const
    ).map(
      ([userId, role]) =>
        buildEvent('member.added', { ...origin, occurredAt: at(1), data: { project: p, member: member(userId, role) } })
          .envelope,
    ),
    // The editor's project of their own, shared with nobody: deleted with the account.
    buildEvent('project.created', {
      actor: editorId,
      subject: editorsOwnProject,
      userId: editorId,
      topic: projectTopic,
      occurredAt: at(0),
      data: { project: project(editorsOwnProject, editorId) },
    }).envelope,
  ];
}

/** A created task's event by `actor` (its creator and owner) in `inProject`. */
function created(taskId: string, actor: string, inProject: string, s: number): EventEnvelope {
  const snapshot = taskSnapshot(taskId, actor, { projectId: inProject, createdBy: actor, assigneeId: null });
  return buildEvent('task.created', {
    actor,
    subject: taskId,
    userId: actor,
    topic: taskTopic,
    occurredAt: at(s),
    data: { task: snapshot, predecessorId: null, skippedOccurrences: 0 },
  }).envelope;
}

/** The editor creates the task, the owner assigns it to them, the editor renames it; tags are personal. */
function work(): EventEnvelope[] {
  const base = { subject: task, userId: editorId, topic: taskTopic };
  const snapshot = taskSnapshot(task, editorId, { projectId, createdBy: editorId, assigneeId: editorId });
  const tag = (userId: string) => ({ taskId: task, tag: { id: randomUUID(), name: `tag of ${userId}`, color: null } });
  return [
    created(task, editorId, projectId, 2),
    buildEvent('task.updated', {
      ...base,
      actor: ownerId,
      occurredAt: at(3),
      data: { task: snapshot, changes: [{ field: 'assigneeId', old: null, new: editorId }] },
    }).envelope,
    buildEvent('task.updated', {
      ...base,
      actor: editorId,
      occurredAt: at(4),
      data: { task: { ...snapshot, title: 'Ship it' }, changes: [{ field: 'title', old: 'Task', new: 'Ship it' }] },
    }).envelope,
    buildEvent('task.tagged', { ...base, actor: editorId, occurredAt: at(5), data: tag(editorId) }).envelope,
    buildEvent('task.tagged', { ...base, userId: viewerId, actor: viewerId, occurredAt: at(6), data: tag(viewerId) })
      .envelope,
    created(removedMembersTask, removedId, projectId, 7),
    created(editorsOwnTask, editorId, editorsOwnProject, 8),
  ];
}

const historyQuery = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Task {
        history(first: 50) {
          edges {
            node {
              eventId
              type
              actor {
                id
              }
              actorDeleted
              changes {
                field
                oldValue
                newValue
              }
            }
          }
        }
      }
    }
  }
`;
const auditLogQuery = /* GraphQL */ `
  query ($filter: AuditFilter) {
    auditLog(filter: $filter, first: 200) {
      edges {
        node {
          eventId
          task {
            id
          }
        }
      }
    }
  }
`;

interface Entry {
  eventId: string;
  type: string;
  actor: { id: string } | null;
  actorDeleted: boolean;
  changes: Array<{ field: string; oldValue: string | null; newValue: string | null }>;
}

async function historyOf(taskId: string, userId: string): Promise<Entry[]> {
  const res = await graphqlRequest(
    service.url,
    historyQuery,
    { representations: [{ __typename: 'Task', id: taskId }] },
    await tokenFor(userId),
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data._entities[0].history.edges.map((e: { node: Entry }) => e.node);
}

async function auditLogOf(userId: string, filter: Record<string, unknown> | null = null): Promise<string[]> {
  const res = await graphqlRequest(service.url, auditLogQuery, { filter }, await tokenFor(userId));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.auditLog.edges.map((e: { node: { eventId: string } }) => e.node.eventId);
}

/** Polls a user's history of a task until it has `n` entries. */
function historyOfLength(taskId: string, userId: string, n: number): Promise<Entry[]> {
  return eventually(
    async () => {
      const entries = await historyOf(taskId, userId);
      return entries.length === n ? entries : undefined;
    },
    { timeoutMs: 30_000, what: `${n} entries of ${taskId} for ${userId}` },
  );
}

const typesOf = (entries: Entry[]) => entries.map((e) => e.type);
const j = (v: unknown) => JSON.stringify(v);
let events: EventEnvelope[] = [];

describe('shared history', () => {
  it("shows a project task's history to every member, with the editor as actor; tags stay personal", async () => {
    await publish(producer, projectTopic, sharing());
    events = work();
    await publish(producer, taskTopic, events);

    // The viewer: the three changes to the task, by the editor and the owner, and their own tag.
    const ofViewer = await historyOfLength(task, viewerId, 4);
    expect(typesOf(ofViewer)).toEqual(['task.tagged', 'task.updated', 'task.updated', 'task.created']);
    expect(ofViewer.map((e) => e.actor?.id)).toEqual([viewerId, editorId, ownerId, editorId]);
    expect(ofViewer.every((e) => e.actorDeleted === false)).toBe(true);
    expect(ofViewer[0]!.changes).toEqual([{ field: 'tags', oldValue: null, newValue: j(`tag of ${viewerId}`) }]);
    expect(ofViewer[1]!.changes).toEqual([{ field: 'title', oldValue: j('Task'), newValue: j('Ship it') }]);

    // The owner sees the same changes, and the editor's tag is theirs alone.
    expect(typesOf(await historyOf(task, ownerId))).toEqual(['task.updated', 'task.updated', 'task.created']);
    expect(typesOf(await historyOfLength(task, editorId, 4))).toEqual([
      'task.tagged',
      'task.updated',
      'task.updated',
      'task.created',
    ]);
    // auditLog with taskId gives the same entries; without it, the tasks of every project of the user.
    expect(await auditLogOf(viewerId, { taskId: task })).toEqual(ofViewer.map((e) => e.eventId));
    // Three changes of the task, and the creation of the (later removed) member's task.
    const ownersLog = await eventually(async () => {
      const log = await auditLogOf(ownerId);
      return log.length === 4 ? log : undefined;
    });
    expect(ownersLog.slice(1)).toEqual(ofViewer.slice(1).map((e) => e.eventId));
    expect(ownersLog[0]).toBe(events[5]!.id);
  });

  it('shows nothing to an outsider or to a member once removed, not even their own task', async () => {
    expect(await historyOf(task, outsiderId)).toEqual([]);
    expect(await auditLogOf(outsiderId, { taskId: task })).toEqual([]);
    expect(await auditLogOf(outsiderId)).toEqual([]);

    // Before the removal the member reads the task and the one they created.
    await historyOfLength(removedMembersTask, removedId, 1);
    expect(await historyOf(task, removedId)).toHaveLength(3);
    const p = project(projectId, ownerId);
    await publish(producer, projectTopic, [
      buildEvent('member.removed', {
        actor: ownerId,
        subject: projectId,
        userId: ownerId,
        topic: projectTopic,
        occurredAt: at(9),
        data: { project: p, member: member(removedId, 'VIEWER'), reason: 'removed' },
      }).envelope,
    ]);
    await historyOfLength(task, removedId, 0);
    expect(await historyOf(removedMembersTask, removedId)).toEqual([]);
    expect(await auditLogOf(removedId)).toEqual([]);
    // The others still read the task the removed member created.
    expect(await historyOf(removedMembersTask, viewerId)).toHaveLength(1);
  });

  it("keeps a deleted editor's changes for the owner, anonymised, and no audit row names them", async () => {
    const user = {
      id: editorId,
      email: 'editor@example.com',
      name: 'Ed',
      timeZone: 'UTC',
      createdAt: at(0).toISOString(),
      updatedAt: at(0).toISOString(),
    };
    await publish(producer, userTopic, [
      buildEvent('user.deleted', {
        actor: editorId,
        subject: editorId,
        userId: editorId,
        topic: userTopic,
        data: { user },
      }).envelope,
    ]);
    await eventually(
      async () =>
        (await owner.selectFrom('erased_user').select('user_id').where('user_id', '=', editorId).executeTakeFirst()) &&
        true,
      { timeoutMs: 30_000, what: "the editor's erasure" },
    );
    // Told after the erasure, as the tasks subgraph does: the editor leaves the project, and an
    // edit of theirs still in flight arrives. Neither may bring their id back.
    const p = project(projectId, ownerId);
    const inFlight = buildEvent('task.updated', {
      actor: editorId,
      subject: task,
      userId: editorId,
      topic: taskTopic,
      occurredAt: at(10),
      data: {
        task: taskSnapshot(task, editorId, { projectId, createdBy: editorId, assigneeId: editorId, title: 'Shipped' }),
        changes: [{ field: 'title', old: 'Ship it', new: 'Shipped' }],
      },
    }).envelope;
    await publish(producer, projectTopic, [
      buildEvent('member.removed', {
        actor: null,
        subject: projectId,
        userId: ownerId,
        topic: projectTopic,
        occurredAt: at(11),
        data: { project: p, member: member(editorId, 'EDITOR'), reason: 'account-deleted' },
      }).envelope,
    ]);
    await publish(producer, taskTopic, [inFlight]);

    const ofOwner = await historyOfLength(task, ownerId, 4);
    expect(ofOwner.map((e) => e.eventId)).toEqual([inFlight.id, events[2]!.id, events[1]!.id, events[0]!.id]);
    expect(ofOwner.map((e) => [e.actor?.id ?? null, e.actorDeleted])).toEqual([
      [null, true],
      [null, true],
      [ownerId, false],
      [null, true],
    ]);
    // The ids the changes carried (assignee, creator, owner) are gone; the rest stays.
    expect(ofOwner[2]!.changes).toEqual([{ field: 'assigneeId', oldValue: null, newValue: null }]);
    const creation = ofOwner[3]!.changes;
    expect(creation).toContainEqual({ field: 'title', oldValue: null, newValue: j('Task') });
    expect(creation.filter((c) => ['userId', 'createdBy'].includes(c.field))).toEqual([
      { field: 'userId', oldValue: null, newValue: null },
      { field: 'createdBy', oldValue: null, newValue: null },
    ]);
    // The viewer reads the same and their own tag; the editor's tag went with them.
    expect(typesOf(await historyOf(task, viewerId))).toEqual([
      'task.updated',
      'task.tagged',
      'task.updated',
      'task.updated',
      'task.created',
    ]);

    // The task of the editor's unshared project went with the account, and, once every group has
    // read everything, the audit schema holds the editor's id nowhere but in the tombstone.
    for (const [groupId, topic] of [
      [group, taskTopic],
      [`${group}-projects`, projectTopic],
      [`${group}-erasure`, userTopic],
    ] as const) {
      await eventually(async () => ((await caughtUp(admin, groupId, topic)) ? true : undefined), {
        what: `${groupId} caught up`,
      });
    }
    await eventually(async () => ((await rowsMentioning(editorId))['audit_entries'] === undefined ? true : undefined), {
      what: 'no entry naming the editor',
    });
    expect(
      await owner.selectFrom('audit_entries').select('id').where('task_id', '=', editorsOwnTask).execute(),
    ).toEqual([]);
    expect(await rowsMentioning(editorId)).toEqual({ erased_user: 1 });
  });
});

/** Per table of the audit schema (the connection's own), how many rows contain `id` anywhere (the row as text). */
async function rowsMentioning(id: string): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(owner);
  expect(tables.map((t) => t.name)).toEqual(
    expect.arrayContaining(['audit_entries', 'project_member', 'task_project']),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(name)} t where t::text like ${'%' + id + '%'}`.execute(owner);
    if (Number(rows[0]!.n) > 0) counts[name] = Number(rows[0]!.n);
  }
  return counts;
}
