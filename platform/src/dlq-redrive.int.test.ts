import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Kafka, Producer } from 'kafkajs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, eventually, testKafkaBrokers, uniqueSuffix } from '../../test/support.js';
import { createConsumerRunner, type ConsumerRunner } from './consumer-runner.js';
import { createDatabase } from './database.js';
import { redriveDeadLetters } from './dlq-redrive.js';
import { buildEvent } from './events/index.js';
import { createInboxTable } from './inbox.js';
import { createEventProducer, createKafka } from './kafka.js';
import { createLogger } from './logger.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = 'redrive_test';

describe('dlq re-drive', () => {
  const suffix = uniqueSuffix();
  const topic = `redrive-${suffix}`;
  const group = `redrive-consumer-${suffix}`;
  const kafka: Kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `redrive-test-${suffix}` });
  const admin = kafka.admin();
  let producer: Producer;
  let db: Kysely<any>;
  let runner: ConsumerRunner | undefined;
  // The "bug": events tagged `broken` fail until it is fixed.
  let fixed = false;

  const tagged = (name: string) =>
    buildEvent('task.tagged', {
      topic,
      actor: null,
      subject: 'task-1',
      userId: 'u1',
      data: { taskId: 'task-1', tag: { id: 't', name, color: null } },
    });

  const effects = async () =>
    (await sql<{ event_id: string }>`select event_id from effects order by applied`.execute(db)).rows.map(
      (r) => r.event_id,
    );
  const committed = async (groupId: string, of: string) => {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [of] });
    return offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  };
  const highWatermark = async (of: string) =>
    (await admin.fetchTopicOffsets(of)).reduce((sum, p) => sum + Number(p.high), 0);

  beforeAll(async () => {
    db = createDatabase<any>({ url: await createTestDatabase('redrive'), schema });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await createInboxTable(db);
    await sql`create table effects (applied bigserial primary key, event_id uuid not null)`.execute(db);
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 1, replicationFactor: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });
    producer = createEventProducer(kafka);
    await producer.connect();
    runner = createConsumerRunner({
      name: group,
      topics: [topic],
      kafka,
      db,
      logger: createLogger('redrive-test', 'fatal'),
      types: ['task.tagged'],
      maxAttempts: 1,
      handle: async (trx, event) => {
        if (event.data.tag.name === 'broken' && !fixed) throw new Error('bug: cannot apply broken tags');
        await sql`insert into effects (event_id) values (${event.id})`.execute(trx);
      },
    });
    await runner.start();
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
    await producer?.disconnect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
    await db?.destroy();
  });

  it('moves a dead letter back once; the consumer applies it once; a re-run moves nothing', async () => {
    const [ok1, broken, ok2] = [tagged('a'), tagged('broken'), tagged('b')];
    await producer.send({
      topic,
      acks: -1,
      messages: [ok1, broken, ok2].map((e) => ({ key: e.key, value: JSON.stringify(e.envelope) })),
    });
    await eventually(async () => ((await committed(group, topic)) === 3 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the consumer past all three',
    });
    expect(await effects()).toEqual([ok1.envelope.id, ok2.envelope.id]);
    expect(await highWatermark(`${topic}.dlq`)).toBe(1);

    // The documented command, as a dry run: lists the message, moves nothing.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'platform/src/dlq-redrive-main.ts', '--topic', `${topic}.dlq`, '--dry-run'],
      { cwd: root, env: { ...process.env, KAFKA_BROKERS: testKafkaBrokers().join(',') } },
    );
    expect(stdout).toContain(`would move ${topic}.dlq[0]@0 → ${topic} key=task-1`);
    expect(stdout).toContain('dry run: would move 1 message(s)');
    expect(await highWatermark(topic)).toBe(3);

    // Filtered to another consumer: passes over it.
    const other = await redriveDeadLetters({ kafka, dlqTopic: `${topic}.dlq`, consumer: 'someone-else' });
    expect(other).toEqual({ moved: [], passed: 1 });

    fixed = true;
    const first = await redriveDeadLetters({ kafka, dlqTopic: `${topic}.dlq`, consumer: group });
    expect(first.moved).toEqual([
      {
        partition: 0,
        offset: '0',
        topic,
        key: 'task-1',
        consumer: group,
        errorKind: 'handler-failed',
        eventId: null,
      },
    ]);
    await eventually(async () => ((await effects()).length === 3 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the re-driven event applied',
    });
    expect(await effects()).toEqual([ok1.envelope.id, ok2.envelope.id, broken.envelope.id]);

    // Exactly once: the command remembers what it moved.
    const again = await redriveDeadLetters({ kafka, dlqTopic: `${topic}.dlq`, consumer: group });
    expect(again).toEqual({ moved: [], passed: 0 });
    expect(await highWatermark(topic)).toBe(4);

    // Back on the topic with its key and value, without the dead-letter headers.
    const reader = kafka.consumer({ groupId: `redrive-reader-${suffix}`, maxWaitTimeInMs: 200 });
    const seen: Array<{ offset: string; key?: string; value?: string; headers: string[] }> = [];
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        seen.push({
          offset: message.offset,
          key: message.key?.toString(),
          value: message.value?.toString(),
          headers: Object.keys(message.headers ?? {}),
        });
      },
    });
    await eventually(() => (seen.length >= 4 ? true : undefined), { what: 'four messages' }).finally(() =>
      reader.disconnect(),
    );
    expect(seen[3]).toEqual({ offset: '3', key: 'task-1', value: JSON.stringify(broken.envelope), headers: [] });
    // Applied once: the failed delivery rolled back together with its inbox claim.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await effects()).filter((id) => id === broken.envelope.id)).toHaveLength(1);
  });
});
