import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, testKafkaBrokers, uniqueSuffix } from '../../test/support.js';
import { createEventProducer, createKafka } from './kafka.js';

// kafkajs 2.2.4 is unmaintained and predates Kafka 4 (KIP-896 removed old protocol
// versions): this proves produce (acks=all), group consumption, offset commits and a
// rebalance work against the real broker the stack runs.
describe('kafkajs 2.2.4 against the Kafka 4 broker', () => {
  const suffix = uniqueSuffix();
  const topic = `kafka-check-${suffix}`;
  const groupId = `kafka-check-${suffix}`;
  const kafka: Kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `kafka-check-${suffix}` });
  const consumers: Consumer[] = [];

  afterAll(async () => {
    for (const c of consumers) await c.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('produces with acks=all, consumes in a group, commits, and survives a second member joining', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });

    const producer = createEventProducer(kafka);
    await producer.connect();
    let produced = 0;
    const produce = async (count: number) => {
      const messages = Array.from({ length: count }, () => {
        const n = produced++;
        return { key: `k${n % 30}`, value: `m${n}` };
      });
      const metadata = await producer.send({ topic, acks: -1, messages });
      expect(metadata.every((m) => m.errorCode === 0)).toBe(true);
    };

    const seen = new Map<string, number>(); // value → times consumed
    const byMember = { a: 0, b: 0 };
    const assignments: Record<string, number[]> = {};
    const startMember = async (member: 'a' | 'b') => {
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 500,
        maxWaitTimeInMs: 500,
        allowAutoTopicCreation: false,
      });
      consumers.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        assignments[member] = e.payload.memberAssignment[topic] ?? [];
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const value = message.value!.toString();
          seen.set(value, (seen.get(value) ?? 0) + 1);
          byMember[member] += 1;
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
      return consumer;
    };

    await produce(150);
    await startMember('a');
    await eventually(() => (seen.size === 150 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'member a to consume the first 150',
    });
    expect(assignments.a).toHaveLength(3);

    // The second member joins while messages keep arriving: the group rebalances.
    const joining = startMember('b');
    for (let i = 0; i < 10; i++) {
      await produce(15);
      await new Promise((r) => setTimeout(r, 100));
    }
    await joining;
    await eventually(
      () => (assignments.b && assignments.b.length > 0 && assignments.a!.length < 3 ? true : undefined),
      {
        timeoutMs: 30_000,
        what: 'the rebalance to split the partitions',
      },
    );
    await produce(150);
    await eventually(() => (seen.size === 450 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'all 450 messages consumed',
    });
    expect(byMember.b).toBeGreaterThan(0);

    // Every committed offset is the partition's end: nothing consumed is left uncommitted.
    await eventually(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const byPartition = new Map(committed!.partitions.map((p) => [p.partition, p.offset]));
        return ends.every((e) => byPartition.get(e.partition) === e.high) ? true : undefined;
      },
      { timeoutMs: 15_000, what: 'committed offsets to reach the high watermarks' },
    );
    const ends = await admin.fetchTopicOffsets(topic);
    expect(ends.reduce((sum, e) => sum + Number(e.high), 0)).toBe(450);
    const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
    console.log(
      `kafkajs check: produced 450, consumed distinct ${seen.size}, redelivered ${duplicates}, member a ${byMember.a}, member b ${byMember.b}, assignments a=${JSON.stringify(assignments.a)} b=${JSON.stringify(assignments.b)}`,
    );
    await producer.disconnect();
    await admin.disconnect();
  });
});
