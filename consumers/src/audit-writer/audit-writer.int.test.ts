import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import type { Kysely } from 'kysely';
import { buildEvent, type EventEnvelope } from '@taskwire/platform/events';
import { rawEnvelope } from '@taskwire/platform/events/testing';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createAuditDatabase, type AuditDB, insertAuditEntries } from '@taskwire/audit';
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
import { applyAuditRetention } from './retention.js';
import { caughtUp, createPrivateTopics, deleteTopics, publish, taskSnapshot, titleUpdate } from './testing.js';

const suffix = uniqueSuffix();
const topic = `audit-writer-test-${suffix}`;
let url: string;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let owner: Kysely<AuditDB>;
let service: AuditService;
const writers: AuditWriter[] = [];

function writerConfig(group: string) {
  return auditWriterConfigSchema.parse({
    PORT: '0',
    DATABASE_URL: url,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    LOG_LEVEL: 'silent',
    AUDIT_WRITER_TOPIC: topic,
    AUDIT_WRITER_GROUP: group,
  });
}

async function startWriter(group: string): Promise<AuditWriter> {
  const writer = createAuditWriter(writerConfig(group), { logger: createLogger('audit-writer-test', 'silent') });
  writers.push(writer);
  await writer.start();
  return writer;
}

async function count(where: { userId?: string; taskId?: string } = {}): Promise<number> {
  let q = owner.selectFrom('audit_entries').select((eb) => eb.fn.countAll<string>().as('n'));
  if (where.userId) q = q.where('user_id', '=', where.userId);
  if (where.taskId) q = q.where('task_id', '=', where.taskId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const group1 = `audit-writer-${suffix}`;

beforeAll(async () => {
  url = await createTestDatabase('auditw');
  await migrateAudit(url);
  owner = createAuditDatabase({ url, maxConnections: 2 });
  kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `audit-writer-test-${suffix}` });
  admin = kafka.admin();
  await admin.connect();
  await createPrivateTopics(admin, topic, 3);
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
  await startWriter(group1);
});

afterAll(async () => {
  await Promise.all(writers.map((w) => w.stop()));
  await service?.stop();
  await producer?.disconnect();
  if (admin) {
    await deleteTopics(admin, topic);
    await admin.disconnect();
  }
  await owner?.destroy();
});

const userA = `user-a-${suffix}`;
const userB = `user-b-${suffix}`;
const taskId = randomUUID();
const t0 = Date.parse('2026-11-20T09:00:00.000Z');
const time = (s: number) => new Date(t0 + s * 1000);

function lifecycle(): EventEnvelope[] {
  const base = {
    topic,
    actor: userA,
    subject: taskId,
    userId: userA,
    correlationId: 'req-1',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  };
  const created = taskSnapshot(taskId, userA, {
    title: 'Draft',
    priority: 'LOW',
    createdAt: time(0).toISOString(),
    updatedAt: time(0).toISOString(),
  });
  const updated = { ...created, title: 'Final', priority: 'HIGH' as const, updatedAt: time(1).toISOString() };
  const reminder = {
    id: randomUUID(),
    taskId,
    remindAt: '2026-12-01T08:00:00.000Z',
    offsetMinutes: null,
    state: 'SCHEDULED' as const,
    firedAt: null,
    snoozedUntil: null,
  };
  const completed = { ...updated, status: 'COMPLETED' as const, completedAt: time(4).toISOString() };
  return [
    buildEvent('task.created', {
      ...base,
      occurredAt: time(0),
      data: { task: created, predecessorId: null, skippedOccurrences: 0 },
    }).envelope,
    buildEvent('task.updated', {
      ...base,
      occurredAt: time(1),
      data: {
        task: updated,
        changes: [
          { field: 'title', old: 'Draft', new: 'Final' },
          { field: 'priority', old: 'LOW', new: 'HIGH' },
        ],
      },
    }).envelope,
    buildEvent('task.tagged', {
      ...base,
      occurredAt: time(2),
      data: { taskId, tag: { id: randomUUID(), name: 'work', color: '#ff0000' } },
    }).envelope,
    buildEvent('reminder.added', { ...base, occurredAt: time(3), data: { reminder } }).envelope,
    buildEvent('task.completed', { ...base, occurredAt: time(4), data: { task: completed } }).envelope,
    buildEvent('task.reopened', {
      ...base,
      occurredAt: time(5),
      data: { task: { ...updated, updatedAt: time(5).toISOString() }, previousCompletedAt: time(4).toISOString() },
    }).envelope,
    buildEvent('task.deleted', {
      ...base,
      occurredAt: time(6),
      data: { task: { ...updated, updatedAt: time(5).toISOString() } },
    }).envelope,
  ];
}

const historyQuery = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Task {
        id
        history(first: 50) {
          edges {
            node {
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
          type
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
    }
  }
`;

const j = (v: unknown) => JSON.stringify(v);
let events: EventEnvelope[] = [];

describe('audit-writer', () => {
  it('writes one entry per event of a task lifecycle, newest first, with old and new values', async () => {
    events = lifecycle();
    await publish(producer, topic, events);
    const token = await tokenFor(userA);
    const history = await eventually(
      async () => {
        const res: any = await graphqlRequest(
          service.url,
          historyQuery,
          { representations: [{ __typename: 'Task', id: taskId }] },
          token,
        );
        const edges = res.data?._entities?.[0]?.history.edges;
        return edges?.length === 7 ? edges.map((e: any) => e.node) : undefined;
      },
      { timeoutMs: 20_000, what: '7 history entries' },
    );
    expect(history.map((n: any) => n.type)).toEqual([
      'task.deleted',
      'task.reopened',
      'task.completed',
      'reminder.added',
      'task.tagged',
      'task.updated',
      'task.created',
    ]);
    expect(history.map((n: any) => n.eventId)).toEqual([...events].reverse().map((e) => e.id));
    expect(history.every((n: any) => n.actor?.id === userA && n.task.id === taskId)).toBe(true);
    const [deleted, reopened, completed, reminder, tagged, updated, created] = history;
    expect(deleted.changes).toEqual([]);
    expect(reopened.changes).toEqual([
      { field: 'status', oldValue: j('COMPLETED'), newValue: j('OPEN') },
      { field: 'completedAt', oldValue: j(time(4).toISOString()), newValue: null },
    ]);
    expect(completed.changes).toEqual([
      { field: 'status', oldValue: j('OPEN'), newValue: j('COMPLETED') },
      { field: 'completedAt', oldValue: null, newValue: j(time(4).toISOString()) },
    ]);
    expect(reminder.changes).toEqual([
      { field: 'remindAt', oldValue: null, newValue: j('2026-12-01T08:00:00.000Z') },
      { field: 'state', oldValue: null, newValue: j('SCHEDULED') },
    ]);
    expect(tagged.changes).toEqual([{ field: 'tags', oldValue: null, newValue: j('work') }]);
    expect(updated.changes).toEqual([
      { field: 'title', oldValue: j('Draft'), newValue: j('Final') },
      { field: 'priority', oldValue: j('LOW'), newValue: j('HIGH') },
    ]);
    expect(created.changes).toContainEqual({ field: 'title', oldValue: null, newValue: j('Draft') });
    expect(created.changes).toContainEqual({ field: 'priority', oldValue: null, newValue: j('LOW') });
    expect(created.changes.every((c: any) => c.oldValue === null && c.newValue !== null)).toBe(true);

    // auditLog after deletion shows the same entries.
    const log: any = await graphqlRequest(service.url, auditLogQuery, { filter: { taskId } }, token);
    expect(log.data.auditLog.edges.map((e: any) => e.node.eventId)).toEqual(history.map((n: any) => n.eventId));
    // Tracing columns are stored.
    const row = await owner
      .selectFrom('audit_entries')
      .selectAll()
      .where('event_id', '=', events[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      correlation_id: 'req-1',
      traceparent: events[0]!.traceparent,
      user_id: userA,
      actor_id: userA,
    });
  });

  it('adds no row when the same events are delivered again (republished, and replayed by a new group)', async () => {
    expect(await count({ taskId })).toBe(7);
    await publish(producer, topic, events); // the relay re-sending after a crash
    await eventually(async () => ((await caughtUp(admin, group1, topic)) ? true : undefined), {
      what: `${group1} caught up`,
    });
    const group2 = `audit-writer-replay-${suffix}`;
    await startWriter(group2); // new group: reads the topic from the beginning
    await eventually(async () => ((await caughtUp(admin, group2, topic)) ? true : undefined), {
      what: `${group2} caught up`,
    });
    expect(await count({ taskId })).toBe(7);
    expect(
      Number(
        (
          await owner
            .selectFrom('processed_events')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('consumer', '=', group2)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThanOrEqual(7);
  });

  it('dead-letters undecodable, unknown-version and off-contract events with the reason, skips unknown types, and keeps writing later ones', async () => {
    const poisonTask = randomUUID();
    const unknownVersion = { ...titleUpdate(poisonTask, userA, 0), version: 2 };
    const offContract = rawEnvelope({
      type: 'task.updated',
      subject: poisonTask,
      userId: userA,
      data: { changes: 'title' },
    });
    // A type added by a newer producer: skipped and committed past, not dead-lettered.
    const newType = rawEnvelope({ type: 'task.exploded', subject: poisonTask, userId: userA });
    await producer.send({ topic, acks: -1, messages: [{ key: poisonTask, value: '{"not": "an envelope"' }] });
    await publish(producer, topic, [unknownVersion, offContract, newType]);
    const later = [titleUpdate(poisonTask, userA, 1), titleUpdate(poisonTask, userA, 2)];
    await publish(producer, topic, later);
    await eventually(async () => ((await count({ taskId: poisonTask })) === 2 ? true : undefined), {
      what: 'later events written',
    });
    const dlq: Array<{ value: string; error: string; kind: string; consumer: string }> = [];
    const consumer: Consumer = kafka.consumer({ groupId: `audit-dlq-reader-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        dlq.push({
          value: message.value?.toString() ?? '',
          error: message.headers?.['x-error']?.toString() ?? '',
          kind: message.headers?.['x-error-kind']?.toString() ?? '',
          consumer: message.headers?.['x-consumer']?.toString() ?? '',
        });
      },
    });
    try {
      // Both writer groups dead-letter what they cannot write.
      await eventually(() => (dlq.filter((m) => m.consumer === group1).length >= 3 ? true : undefined), {
        timeoutMs: 30_000,
        what: 'three dead letters from the writer',
      });
    } finally {
      await consumer.disconnect();
    }
    const mine = dlq.filter((m) => m.consumer === group1);
    expect(mine).toHaveLength(3);
    const undecodable = mine.find((m) => m.value === '{"not": "an envelope"');
    expect(undecodable).toMatchObject({ kind: 'undecodable', error: expect.stringMatching(/not JSON/) });
    expect(mine.find((m) => m.value.includes(unknownVersion.id))).toMatchObject({
      kind: 'unknown-version',
      error: expect.stringMatching(/task.updated version 2 is not supported/),
    });
    expect(mine.find((m) => m.value.includes(offContract.id))).toMatchObject({
      kind: 'invalid-payload',
      error: expect.stringMatching(/changes/),
    });
    expect(mine.some((m) => m.value.includes(newType.id))).toBe(false);
    expect(
      await owner
        .selectFrom('audit_entries')
        .select('id')
        .where('event_id', 'in', [unknownVersion.id, offContract.id, newType.id])
        .execute(),
    ).toEqual([]);
  });

  it("never shows user A's entries to user B", async () => {
    const tokenB = await tokenFor(userB);
    const taskOfB = randomUUID();
    await publish(producer, topic, [titleUpdate(taskOfB, userB, 1)]);
    await eventually(async () => ((await count({ userId: userB })) === 1 ? true : undefined), { what: "B's entry" });
    const all: any = await graphqlRequest(service.url, auditLogQuery, {}, tokenB);
    expect(all.data.auditLog.edges.map((e: any) => e.node.task.id)).toEqual([taskOfB]);
    const byTask: any = await graphqlRequest(service.url, auditLogQuery, { filter: { taskId } }, tokenB);
    expect(byTask.data.auditLog.edges).toEqual([]);
    const history: any = await graphqlRequest(
      service.url,
      historyQuery,
      { representations: [{ __typename: 'Task', id: taskId }] },
      tokenB,
    );
    expect(history.data._entities[0].history.edges).toEqual([]);
  });
});

describe('retention', () => {
  it('deletes rows older than N days in batches, never rows of the last N days', async () => {
    const days = 30;
    const now = new Date();
    const retTask = randomUUID();
    const at = (d: number, i: number) => new Date(now.getTime() - d * 86_400_000 - i * 1000).toISOString();
    const row = (occurredAt: string) => ({
      eventId: randomUUID(),
      type: 'task.updated',
      actorId: userA,
      userId: userA,
      taskId: retTask,
      occurredAt,
      correlationId: null,
      traceparent: null,
      changes: [],
    });
    const recent = Array.from({ length: 5 }, (_, i) => row(at(days - 1, i)));
    const old = Array.from({ length: 7 }, (_, i) => row(at(days + 1, i)));
    await insertAuditEntries(owner, [...recent, ...old]);
    const before = await count();
    expect(await applyAuditRetention(owner, { retentionDays: days, now, batchSize: 3 })).toBe(7);
    const left = await owner.selectFrom('audit_entries').select('event_id').where('task_id', '=', retTask).execute();
    expect(left.map((r) => r.event_id).sort()).toEqual(recent.map((r) => r.eventId).sort());
    expect(await count()).toBe(before - 7);
    expect(await applyAuditRetention(owner, { retentionDays: days, now, batchSize: 3 })).toBe(0);
    // The writer role may not delete, so retention cannot run as it.
    const writerDb = createAuditDatabase({ url, role: 'taskwire_audit_writer', maxConnections: 1 });
    try {
      await expect(applyAuditRetention(writerDb, { retentionDays: 1, now })).rejects.toThrow(/permission denied/);
    } finally {
      await writerDb.destroy();
    }
  });
});
