import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IHeaders, Kafka, Producer } from 'kafkajs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../test/faults/proxy.js';
import { createTestDatabase, eventually, killProcess, testKafkaBrokers, uniqueSuffix } from '../../test/support.js';
import { createConsumerRunner, type ConsumerRunner } from './consumer-runner.js';
import { createDatabase } from './database.js';
import { buildEvent, type EventOf } from './events/index.js';
import { rawEnvelope } from './events/testing.js';
import { createInboxTable } from './inbox.js';
import { createEventProducer, createKafka } from './kafka.js';
import { createLogger } from './logger.js';
import { createMetricsRegistry } from './metrics.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consumerScript = path.join(root, 'platform/test-fixtures/consumer-process.ts');
const schema = 'runner_test';

/** A contract event carrying `seq` (as the tag's name): `task.tagged`, or `task.untagged` (the poison below). */
function envelope(type: 'task.tagged' | 'task.untagged', subject: string, seq: number) {
  const tag = { id: 't1', name: String(seq), color: null };
  return buildEvent(type, { actor: null, subject, userId: 'u1', data: { taskId: subject, tag } }).envelope;
}

const seqOf = (event: EventOf<'task.tagged' | 'task.untagged'>) => Number(event.data.tag.name);

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : Array.isArray(value) ? String(value[0]) : String(value);
}

describe('consumer runner', () => {
  const suffix = uniqueSuffix();
  const logger = createLogger('runner-test', 'fatal');
  const kafka: Kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `runner-test-${suffix}` });
  const admin = kafka.admin();
  let producer: Producer;
  let databaseUrl: string;
  let db: Kysely<any>;
  const topics: string[] = [];
  const runners: ConsumerRunner[] = [];
  const children = new Set<ChildProcess>();

  async function createTopic(name: string, partitions: number) {
    await admin.createTopics({
      topics: [
        { topic: name, numPartitions: partitions, replicationFactor: 1 },
        { topic: `${name}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });
    topics.push(name, `${name}.dlq`);
  }

  async function committedTotal(groupId: string, topic: string): Promise<number> {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return committed!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  }

  async function count(query: string): Promise<number> {
    const { rows } = await sql.raw<{ n: string }>(query).execute(db);
    return Number(rows[0]!.n);
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('runner');
    db = createDatabase<any>({ url: databaseUrl, schema });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await createInboxTable(db);
    // No unique key on event_id on purpose: a duplicated effect would be an extra row.
    await sql`create table effects (applied bigserial primary key, event_id uuid not null, key text not null, seq int)`.execute(
      db,
    );
    await admin.connect();
    producer = createEventProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const runner of runners) await runner.stop().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await db?.destroy();
  });

  async function readDeadLetters(topic: string, expected: number, consumerName: string) {
    const reader = kafka.consumer({ groupId: `dlq-reader-${uniqueSuffix()}`, maxWaitTimeInMs: 500 });
    const found: Array<{ key: string | null; value: string | null; headers: IHeaders | undefined }> = [];
    await reader.connect();
    await reader.subscribe({ topics: [`${topic}.dlq`], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        if (headerText(message.headers, 'x-consumer') !== consumerName) return;
        found.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: message.headers,
        });
      },
    });
    try {
      await eventually(() => (found.length >= expected ? true : undefined), {
        timeoutMs: 30_000,
        what: `${expected} dead letters`,
      });
    } finally {
      await reader.disconnect();
    }
    return found;
  }

  for (const mode of ['one by one', 'handleBatch'] as const) {
    it(`dead-letters a poison message and moves on (${mode})`, async () => {
      const topic = `runner-poison-${mode === 'handleBatch' ? 'b' : 'h'}-${suffix}`;
      await createTopic(topic, 1);
      const ok1 = envelope('task.tagged', 'a', 1);
      const poison = envelope('task.untagged', 'a', 2);
      // A type this consumer does not handle: skipped, not dead-lettered.
      const ignored = buildEvent('reminder.acknowledged', {
        actor: null,
        subject: 'a',
        userId: 'u1',
        data: { reminderId: 'r', firingId: 'f', taskId: 'a', acknowledgedAt: new Date().toISOString() },
      }).envelope;
      const ok2 = envelope('task.tagged', 'a', 4);
      const newerVersion = { ...envelope('task.tagged', 'a', 5), version: 2 };
      const offContract = rawEnvelope({ type: 'task.tagged', subject: 'a', userId: 'u1', data: { taskId: 'a' } });
      const ok3 = envelope('task.tagged', 'a', 7);
      await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: 'a', value: JSON.stringify(ok1) },
          { key: 'a', value: '{"id": not json' },
          { key: 'a', value: JSON.stringify(poison) },
          { key: 'a', value: JSON.stringify(ignored) },
          { key: 'a', value: JSON.stringify(ok2) },
          { key: 'a', value: JSON.stringify(newerVersion) },
          { key: 'a', value: JSON.stringify(offContract) },
          { key: 'a', value: JSON.stringify(ok3) },
        ],
      });

      const name = `runner-poison-${mode === 'handleBatch' ? 'b' : 'h'}-${suffix}`;
      const registry = createMetricsRegistry('runner-test');
      let batchCalls = 0;
      const insert = async (trx: any, e: EventOf<'task.tagged' | 'task.untagged'>) => {
        if (e.type === 'task.untagged') throw new Error('poison: this handler always fails');
        await sql`insert into effects (event_id, key, seq) values (${e.id}, ${name}, ${seqOf(e)})`.execute(trx);
      };
      const runner = createConsumerRunner<any, 'task.tagged' | 'task.untagged'>({
        name,
        topics: [topic],
        kafka,
        db,
        logger,
        registry,
        types: ['task.tagged', 'task.untagged'],
        maxAttempts: 3,
        retryBaseDelayMs: 20,
        handle: (trx, event) => insert(trx, event),
        ...(mode === 'handleBatch'
          ? {
              handleBatch: async (trx, events) => {
                batchCalls += 1;
                for (const { event } of events) await insert(trx, event);
              },
            }
          : {}),
      });
      runners.push(runner);
      await runner.start();
      await eventually(() => (runner.ready() ? true : undefined), { what: 'runner to join its group' });

      await eventually(async () => ((await committedTotal(name, topic)) === 8 ? true : undefined), {
        timeoutMs: 30_000,
        what: 'offset 8 committed',
      });
      const { rows } = await sql<{
        event_id: string;
        seq: number;
      }>`select event_id, seq from effects where key = ${name} order by applied`.execute(db);
      expect(rows.map((r) => r.event_id)).toEqual([ok1.id, ok2.id, ok3.id]);

      const dead = await readDeadLetters(topic, 4, name);
      expect(dead).toHaveLength(4);
      // One by one, dead letters follow the offsets; with handleBatch the parse failures of a
      // chunk go first. Either way each is identified by its reason.
      const byKind = (kind: string) => dead.find((d) => headerText(d.headers, 'x-error-kind') === kind);
      const [badJson, failing, unknownVersion, invalid] = [
        byKind('undecodable'),
        byKind('handler-failed'),
        byKind('unknown-version'),
        byKind('invalid-payload'),
      ];
      expect(badJson!.value).toBe('{"id": not json');
      expect(badJson!.key).toBe('a');
      expect(headerText(badJson!.headers, 'x-error')).toMatch(/not JSON/);
      expect(headerText(badJson!.headers, 'x-attempts')).toBe('1');
      expect(headerText(badJson!.headers, 'x-original-topic')).toBe(topic);
      expect(headerText(badJson!.headers, 'x-original-partition')).toBe('0');
      expect(headerText(badJson!.headers, 'x-original-offset')).toBe('1');
      expect(JSON.parse(failing!.value!).id).toBe(poison.id);
      expect(headerText(failing!.headers, 'x-error')).toMatch(/poison: this handler always fails/);
      expect(headerText(failing!.headers, 'x-attempts')).toBe('3');
      expect(headerText(failing!.headers, 'x-original-offset')).toBe('2');
      expect(JSON.parse(unknownVersion!.value!).id).toBe(newerVersion.id);
      expect(headerText(unknownVersion!.headers, 'x-error')).toMatch(/task.tagged version 2 is not supported/);
      expect(headerText(unknownVersion!.headers, 'x-attempts')).toBe('1');
      expect(JSON.parse(invalid!.value!).id).toBe(offContract.id);
      expect(headerText(invalid!.headers, 'x-error')).toMatch(/tag/);

      const metrics = await registry.getMetricsAsJSON();
      const value = (metric: string) => metrics.find((m) => m.name === metric)?.values.reduce((s, v) => s + v.value, 0);
      expect(value('consumer_events_dead_lettered_total')).toBe(4);
      const deadByKind = Object.fromEntries(
        metrics
          .find((m) => m.name === 'consumer_events_dead_lettered_total')!
          .values.map((v) => [v.labels.kind, v.value]),
      );
      expect(deadByKind).toEqual({ undecodable: 1, 'handler-failed': 1, 'unknown-version': 1, 'invalid-payload': 1 });
      expect(value('consumer_retries_total')).toBe(2);
      expect(value('consumer_events_processed_total')).toBe(3);
      expect(value('consumer_events_skipped_total')).toBe(1);
      if (mode === 'handleBatch') expect(batchCalls).toBeGreaterThanOrEqual(1);
      await runner.stop();
      expect(runner.ready()).toBe(false);
    });
  }

  it('measures lag on a timer: it grows while the handler is stuck and returns to 0 after', async () => {
    const topic = `runner-lag-${suffix}`;
    await createTopic(topic, 1);
    const registry = createMetricsRegistry('runner-test');
    let release!: () => void;
    const stuck = new Promise<void>((r) => (release = r));
    const runner = createConsumerRunner<any, 'task.tagged'>({
      name: `runner-lag-${suffix}`,
      topics: [topic],
      kafka,
      db,
      logger,
      registry,
      types: ['task.tagged'],
      lagIntervalMs: 100,
      handle: () => stuck,
    });
    runners.push(runner);
    const lag = async () =>
      (await registry.getMetricsAsJSON())
        .find((m) => m.name === 'consumer_lag_messages')
        ?.values.find((v) => v.labels.topic === topic)?.value;
    const send = (from: number, n: number) =>
      producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: n }, (_, i) => ({
          key: 'k',
          value: JSON.stringify(envelope('task.tagged', 'k', from + i)),
        })),
      });
    await send(0, 3);
    await runner.start();
    await eventually(async () => ((await lag()) === 3 ? true : undefined), { what: 'a lag of 3' });
    await send(3, 4); // the handler is still stuck on the first message: no batch ends
    await eventually(async () => ((await lag()) === 7 ? true : undefined), { what: 'the lag to grow to 7' });
    release();
    await eventually(async () => ((await lag()) === 0 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the lag to return to 0',
    });
    await runner.stop();
  });

  it('re-processes after a SIGKILL mid-batch without duplicating effects', async () => {
    const topic = `runner-kill-${suffix}`;
    const group = `runner-kill-${suffix}`;
    const total = 1500;
    await createTopic(topic, 3);
    const messages = Array.from({ length: total }, (_, i) => {
      const key = `k${i % 20}`;
      return { key, value: JSON.stringify(envelope('task.tagged', key, i)) };
    });
    for (let i = 0; i < total; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });

    const spawnConsumer = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', consumerScript], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          CONSUMER_SCHEMA: schema,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
          GROUP: group,
          TOPIC: topic,
          HANDLE_DELAY_MS: '3',
          COMMIT_INTERVAL_MS: '5000',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[consumer] ${chunk.toString()}`));
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    };
    const effects = () => count(`select count(*) as n from effects where key like 'k%'`);

    const first = spawnConsumer();
    await eventually(async () => ((await effects()) >= 300 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the first consumer to apply 300',
    });
    await killProcess(first);
    const appliedAtKill = await effects();
    const committedAtKill = await committedTotal(group, topic);

    const second = spawnConsumer();
    await eventually(async () => ((await committedTotal(group, topic)) === total ? true : undefined), {
      timeoutMs: 60_000,
      what: 'every offset committed',
    });
    const exitCode = new Promise((r) => second.once('exit', (code) => r(code)));
    second.kill('SIGTERM');
    expect(await exitCode).toBe(0);

    const applied = await effects();
    const distinct = await count(`select count(distinct event_id) as n from effects where key like 'k%'`);
    const inbox = await count(`select count(*) as n from processed_events where consumer = '${group}'`);
    console.log(
      `consumer kill: ${total} messages; at SIGKILL ${appliedAtKill} applied, ${committedAtKill} committed ` +
        `(${appliedAtKill - committedAtKill} redelivered to the restarted consumer); after restart: effects ${applied}, distinct ${distinct}, inbox ${inbox}`,
    );
    expect(committedAtKill).toBeLessThan(appliedAtKill); // so the restart really saw redeliveries
    expect(applied).toBe(total);
    expect(distinct).toBe(total);
    expect(inbox).toBe(total);
  });

  it('replaces its kafkajs consumer when a request times out on a connection that went silent', async () => {
    // Every connection of this runner's client goes through a proxy; stalling the open ones
    // models a half-open connection after a network fault. kafkajs alone keeps retrying on it
    // until its retries are spent, then crashes and reconnects (25 s here; over a minute with
    // the default 30 s request timeout); the runner replaces the consumer at the first timeout.
    const port = testKafkaBrokers()[0]!.split(':').at(-1);
    const proxy = await startTcpProxy(Number(port));
    const throughProxy = createKafka({
      brokers: [`127.0.0.1:${proxy.port}`],
      clientId: `runner-stall-${suffix}`,
      requestTimeout: 3_000,
      socketFactory: ({ onConnect }) => net.connect({ host: '127.0.0.1', port: proxy.port }, onConnect),
    });
    const topic = `runner-stall-${suffix}`;
    await createTopic(topic, 1);
    const name = `runner-stall-${suffix}`;
    const registry = createMetricsRegistry('runner-test');
    const runner = createConsumerRunner<any, 'task.tagged'>({
      name,
      topics: [topic],
      kafka: throughProxy,
      db,
      logger,
      registry,
      types: ['task.tagged'],
      sessionTimeoutMs: 10_000,
      maxWaitTimeMs: 250,
      handle: async (trx, event) => {
        await sql`insert into effects (event_id, key, seq) values (${event.id}, ${name}, ${seqOf(event)})`.execute(trx);
      },
    });
    runners.push(runner);
    const applied = () => count(`select count(*) as n from effects where key = '${name}'`);
    try {
      await runner.start();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'a', value: JSON.stringify(envelope('task.tagged', 'a', 1)) }],
      });
      await eventually(async () => ((await applied()) === 1 ? true : undefined), { what: 'the first event applied' });

      proxy.stallOpenConnections();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'a', value: JSON.stringify(envelope('task.tagged', 'a', 2)) }],
      });
      // A request timeout (3 s) + a bounded stop (5 s) + the stalled member's session (10 s) + a join.
      await eventually(async () => ((await applied()) === 2 ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the event sent after the stall applied by a replacement consumer',
      });
      await eventually(() => (runner.ready() ? true : undefined), { what: 'ready again' });
      expect(await applied()).toBe(2);
      const replaced = (await registry.getMetricsAsJSON()).find((m) => m.name === 'consumer_replacements_total');
      expect(replaced?.values.filter((v) => v.labels.consumer === name).length).toBeGreaterThanOrEqual(1);
    } finally {
      await runner.stop();
      await proxy.close();
    }
  }, 90_000);
});
