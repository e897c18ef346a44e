import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { buildEvent } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { eventually, testKafkaBrokers, uniqueSuffix, warningsLogger } from '../../test/support.js';
import { startTcpProxy, type TcpProxy } from '../../test/faults/proxy.js';
import { createRevocationFeed, createRevocations } from './revocations.js';

const suffix = uniqueSuffix();
const topic = `revocations-${suffix}`;
const kafka: Kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `revocations-${suffix}` });
const admin = kafka.admin();

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
});
afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

async function publishDeletion(userId: string): Promise<void> {
  const at = new Date().toISOString();
  const user = {
    id: userId,
    email: `${userId}@example.com`,
    name: 'Gone',
    timeZone: 'UTC',
    createdAt: at,
    updatedAt: at,
  };
  const event = buildEvent('user.deleted', { actor: userId, subject: userId, userId, data: { user }, topic });
  const producer = createEventProducer(kafka);
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
  await producer.disconnect();
}

describe('the revocation feed', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    const [host, port] = testKafkaBrokers()[0]!.split(':');
    expect(host).toBe('127.0.0.1');
    proxy = await startTcpProxy(Number(port));
  });
  afterAll(() => proxy.close());

  it('started while Kafka cannot be reached, keeps trying and then learns of deletions, earlier ones included', async () => {
    const before = `user-before-${suffix}`;
    const after = `user-after-${suffix}`;
    await publishDeletion(before); // within the lookback: a restarted replica must still refuse it
    proxy.set({ kind: 'reset' }); // every connection to the broker is refused
    const revocations = createRevocations({ maxTokenTtlMs: 15 * 60_000 });
    const { logger, warnings } = warningsLogger('revocations-test');
    const feed = createRevocationFeed({
      brokers: [`127.0.0.1:${proxy.port}`],
      topic,
      lookbackMs: 15 * 60_000,
      revocations,
      logger,
      retryMs: { first: 200, max: 1_000 },
    });
    let outcome = 'pending';
    const started = feed.start().then(
      () => (outcome = 'started'),
      (error: Error) => (outcome = `failed: ${error.message}`),
    );
    try {
      // Two start-ups have failed, and the feed has neither given up nor claimed to be running.
      await eventually(
        () => warnings.filter((w) => w.includes('could not start')).length >= 2 || outcome !== 'pending' || undefined,
        { timeoutMs: 60_000, what: 'two failed start-ups' },
      );
      expect(outcome).toBe('pending');
      expect(revocations.isRevoked(before)).toBe(false);

      proxy.set({ kind: 'pass' });
      await started;
      expect(outcome).toBe('started');
      await eventually(() => revocations.isRevoked(before) || undefined, { what: 'the earlier deletion' });
      await publishDeletion(after);
      await eventually(() => revocations.isRevoked(after) || undefined, { what: 'a deletion after the start' });
    } finally {
      await feed.stop();
    }
  }, 90_000);

  it('replaces its consumer when a request times out on a connection that went silent, and learns of later deletions', async () => {
    // Every connection through the proxy; stalling the open ones models a connection a network
    // fault spoiled (platform/src/kafka.ts, onRequestTimeout).
    proxy.set({ kind: 'pass' });
    const revocations = createRevocations({ maxTokenTtlMs: 15 * 60_000 });
    const { logger, warnings } = warningsLogger('revocations-test');
    const feed = createRevocationFeed({
      brokers: [`127.0.0.1:${proxy.port}`],
      topic,
      lookbackMs: 60_000,
      revocations,
      logger,
      retryMs: { first: 200, max: 1_000 },
      kafka: {
        requestTimeout: 3_000,
        socketFactory: ({ onConnect }) => net.connect({ host: '127.0.0.1', port: proxy.port }, onConnect),
      },
    });
    try {
      await feed.start();
      const first = `user-stall-1-${suffix}`;
      await publishDeletion(first);
      await eventually(() => revocations.isRevoked(first) || undefined, { what: 'a deletion before the stall' });

      proxy.stallOpenConnections();
      const second = `user-stall-2-${suffix}`;
      await publishDeletion(second);
      await eventually(() => revocations.isRevoked(second) || undefined, {
        timeoutMs: 30_000,
        what: 'a deletion after the stall, read by the replacement consumer',
      });
      expect(warnings.some((w) => w.includes('replacing its consumer'))).toBe(true);
    } finally {
      await feed.stop();
    }
  }, 90_000);

  it('stop ends the retries of a feed that never reached Kafka', async () => {
    proxy.set({ kind: 'reset' });
    const feed = createRevocationFeed({
      brokers: [`127.0.0.1:${proxy.port}`],
      topic,
      lookbackMs: 60_000,
      revocations: createRevocations({ maxTokenTtlMs: 60_000 }),
      logger: createLogger('revocations-test', 'fatal'),
      retryMs: { first: 200, max: 500 },
    });
    const started = feed.start();
    await new Promise((r) => setTimeout(r, 1_000));
    await feed.stop();
    await expect(started).resolves.toBeUndefined();
    proxy.set({ kind: 'pass' });
  }, 60_000);
});
