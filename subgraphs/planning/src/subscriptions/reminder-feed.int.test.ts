import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { startTcpProxy, type TcpProxy } from '../../../../test/faults/proxy.js';
import { eventually, testKafkaBrokers, uniqueSuffix, warningsLogger } from '../../../../test/support.js';
import { createReminderFeed } from './reminder-feed.js';
import { createReminderHub, type ReminderNotificationModel } from './reminder-hub.js';

const suffix = uniqueSuffix();
const topic = `reminder-feed-${suffix}`;
const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `reminder-feed-${suffix}` });
const admin = kafka.admin();
const producer = createEventProducer(kafka);

const due = (firingId: string, userId: string) =>
  buildEvent('reminder.due', {
    actor: null,
    subject: 't1',
    userId,
    topic,
    data: {
      firingId,
      taskId: 't1',
      firedAt: new Date().toISOString(),
      lateMs: 0,
      reminder: {
        id: 'r1',
        taskId: 't1',
        remindAt: new Date().toISOString(),
        offsetMinutes: null,
        state: 'FIRED',
        firedAt: new Date().toISOString(),
        snoozedUntil: null,
      },
    },
  });

async function publish(firingId: string, userId: string): Promise<void> {
  const event = due(firingId, userId);
  await producer.send({ topic, acks: -1, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
}

describe('the reminder feed', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    await producer.connect();
    proxy = await startTcpProxy(Number(testKafkaBrokers()[0]!.split(':').at(-1)));
  });
  afterAll(async () => {
    await proxy?.close();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('replaces its consumer when a request times out on a connection that went silent, and delivers what follows', async () => {
    // Every connection through the proxy; stalling the open ones models a connection a network
    // fault spoiled (platform/src/kafka.ts, onRequestTimeout).
    const hub = createReminderHub();
    const { logger, warnings } = warningsLogger('reminder-feed-test');
    const feed = createReminderFeed({
      brokers: [`127.0.0.1:${proxy.port}`],
      hub,
      logger,
      topic,
      kafka: {
        requestTimeout: 3_000,
        socketFactory: ({ onConnect }) => net.connect({ host: '127.0.0.1', port: proxy.port }, onConnect),
      },
    });
    const user = `user-${suffix}`;
    const received: string[] = [];
    const subscription = hub.subscribe(user);
    void (async () => {
      for await (const n of subscription as AsyncIterable<ReminderNotificationModel>) received.push(n.id);
    })();
    try {
      // The feed reads from the latest offset once it has its partitions: publish until one gets through.
      let n = 0;
      const deliveredOne = (prefix: string, timeoutMs: number, what: string) =>
        eventually(
          async () => {
            await publish(`${prefix}-${++n}`, user);
            return received.some((id) => id.startsWith(`${prefix}-`)) || undefined;
          },
          { timeoutMs, intervalMs: 1_000, what },
        );
      await feed.start();
      await deliveredOne('before', 20_000, 'a firing before the stall');

      proxy.stallOpenConnections();
      await deliveredOne('after', 40_000, 'a firing after the stall, read by the replacement consumer');
      expect(warnings.some((w) => w.includes('replacing its consumer'))).toBe(true);
      await eventually(() => feed.ready() || undefined, { what: 'ready again' });
    } finally {
      await feed.stop();
      hub.closeAll();
    }
  }, 90_000);
});
