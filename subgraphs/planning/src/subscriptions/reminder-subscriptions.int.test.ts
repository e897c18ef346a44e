import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { Kafka, logLevel } from 'kafkajs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '@taskwire/platform/events';
import { createEventProducer } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import {
  createTestDatabase,
  eventually,
  GatewayTestWebSocket,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
  uniqueSuffix,
} from '../../../../test/support.js';
import { planningConfigSchema } from '../env.js';
import { startPlanningService, type PlanningService } from '../service.js';
import { attachReminderSubscriptions, type ReminderSubscriptions } from './attach.js';

describe('planning reminderDue over graphql-ws (private topic)', () => {
  const topic = `reminder-events-subs-${uniqueSuffix()}`;
  const kafka = new Kafka({ clientId: 'planning-subs-test', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
  const producer = createEventProducer(kafka);
  const registry = createMetricsRegistry('planning-subs-test');
  const httpServer = http.createServer();
  let service: PlanningService;
  let subscriptions: ReminderSubscriptions;
  let url = '';

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    await producer.connect();
    service = await startPlanningService(
      planningConfigSchema.parse({
        PORT: '0',
        OPS_PORT: '0',
        GATEWAY_SECRET: testGatewaySecret,
        DATABASE_URL: await createTestDatabase('planning_subs'),
        JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
        LOG_LEVEL: 'error',
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        OUTBOX_RELAY: 'false',
      }),
    );
    // A second endpoint on the same subgraph server, fed from the private topic.
    subscriptions = await attachReminderSubscriptions({
      httpServer,
      server: service.server,
      kafkaBrokers: testKafkaBrokers(),
      logger: createLogger('planning-subs-test', 'silent'),
      registry,
      topic,
      maxSubscriptionsPerUser: 100,
    });
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', () => r()));
    url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
    await eventually(() => (subscriptions.ready() ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the feed to join its group',
    });
  }, 60_000);
  afterAll(async () => {
    await subscriptions?.stop();
    await new Promise<void>((r) => httpServer.close(() => r()));
    await service?.stop();
    await producer.disconnect();
  });

  async function due(userId: string, taskId: string): Promise<string> {
    const firingId = randomUUID();
    const firedAt = new Date().toISOString();
    const { envelope: event } = buildEvent('reminder.due', {
      topic,
      actor: null,
      subject: taskId,
      userId,
      data: {
        firingId,
        taskId,
        firedAt,
        lateMs: 0,
        reminder: {
          id: randomUUID(),
          taskId,
          remindAt: firedAt,
          offsetMinutes: null,
          state: 'FIRED',
          firedAt,
          snoozedUntil: null,
        },
      },
    });
    await producer.send({ topic, acks: -1, messages: [{ key: userId, value: JSON.stringify(event) }] });
    return firingId;
  }

  async function tag(userId: string, taskId: string, name: string) {
    const id = randomUUID();
    await sql`insert into tag (id, user_id, name) values (${id}, ${userId}, ${name})`.execute(service.db);
    await sql`insert into task_tag (task_id, tag_id, user_id) values (${taskId}, ${id}, ${userId})`.execute(service.db);
  }

  it('refuses a connection without a valid token (4403)', async () => {
    const code = await new Promise<number>((resolve, reject) => {
      const socket = new GatewayTestWebSocket(url, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      socket.on('close', (c) => resolve(c));
      socket.on('error', reject);
    });
    expect(code).toBe(4403);
  });

  it("streams each user's own reminders, with Task.tags read fresh per event, and frees the subscription at once on close", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const taskId = randomUUID();
    const got: Record<string, any[]> = { a: [], b: [] };
    const clients = await Promise.all(
      (
        [
          ['a', a],
          ['b', b],
        ] as const
      ).map(async ([name, user]) => {
        const client = createClient({
          url,
          webSocketImpl: GatewayTestWebSocket,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${await tokenFor(user)}` },
        });
        client.subscribe(
          { query: 'subscription { reminderDue { id reminder { state } task { id tags { name } } } }' },
          {
            next: (r) => void got[name]!.push(r),
            error: (e) => void got[name]!.push({ error: e }),
            complete: () => undefined,
          },
        );
        return client;
      }),
    );
    const open = async () =>
      Number(/planning_reminder_subscriptions\{[^}]*\} (\d+)/.exec(await registry.metrics())?.[1] ?? -1);
    await eventually(async () => ((await open()) === 2 ? true : undefined), { what: 'two subscriptions' });

    await tag(a, taskId, 'home');
    const f1 = await due(a, taskId);
    await eventually(() => (got.a!.length === 1 ? true : undefined), { what: 'the first reminder' });
    expect(got.a![0]).toEqual({
      data: { reminderDue: { id: f1, reminder: { state: 'FIRED' }, task: { id: taskId, tags: [{ name: 'home' }] } } },
    });

    await tag(a, taskId, 'work');
    const f2 = await due(a, taskId);
    await eventually(() => (got.a!.length === 2 ? true : undefined), { what: 'the second reminder' });
    expect(got.a![1].data.reminderDue.id).toBe(f2);
    expect(got.a![1].data.reminderDue.task.tags.map((t: { name: string }) => t.name).sort()).toEqual(['home', 'work']);

    // B's own reminder reaches B; by then A's two would have too, had they been routed to B.
    const fb = await due(b, randomUUID());
    await eventually(() => (got.b!.length === 1 ? true : undefined), { what: "B's reminder" });
    expect(got.b![0].data.reminderDue.id).toBe(fb);

    await Promise.all(clients.map(async (c) => c.dispose()));
    await eventually(async () => ((await open()) === 0 ? true : undefined), { what: 'no subscriptions left' });
  });
});
