import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, eventually, killProcess, testKafkaBrokers, uniqueSuffix } from '../../test/support.js';
import { createConsumerRunner } from './consumer-runner.js';
import { createDatabase } from './database.js';
import { createInboxTable } from './inbox.js';
import { createKafka } from './kafka.js';
import { createLogger } from './logger.js';
import { createMetricsRegistry } from './metrics.js';
import { createOutboxTable, enqueueEvents } from './outbox.js';
import { buildEvent } from './events/index.js';
import { createOutboxRelay, eventHeaders } from './outbox-relay.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const relayScript = path.join(root, 'platform/test-fixtures/relay-process.ts');

const totalChanges = 10_000;
const keyCount = 300;
const writerConcurrency = 8;

describe('outbox relay end to end', () => {
  const suffix = uniqueSuffix();
  const topic = `outbox-e2e-${suffix}`;
  const sourceSchema = 'relay_source';
  const sinkSchema = 'relay_sink';
  const logger = createLogger('outbox-e2e', 'warn');
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `outbox-e2e-${suffix}`, logger });
  const children = new Set<ChildProcess>();
  const cleanups: Array<() => Promise<unknown>> = [];

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  function spawnRelay(databaseUrl: string, name: string): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', relayScript], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        OUTBOX_SCHEMA: sourceSchema,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        RELAY_NAME: name,
        POLL_INTERVAL_MS: '300',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  it('publishes 10,000 committed changes through relay crashes; the inbox consumer applies each once, in order per key', async () => {
    const databaseUrl = await createTestDatabase('outbox');
    const source = createDatabase<any>({
      url: databaseUrl,
      schema: sourceSchema,
      maxConnections: writerConcurrency + 2,
    });
    const sink = createDatabase<any>({ url: databaseUrl, schema: sinkSchema });
    cleanups.push(
      () => source.destroy(),
      () => sink.destroy(),
    );
    await sql`create schema ${sql.id(sourceSchema)}`.execute(source);
    await sql`create schema ${sql.id(sinkSchema)}`.execute(source);
    await createOutboxTable(source);
    await sql`create table counters (key text primary key, seq int not null)`.execute(source);
    await sql`create table changes (id bigserial primary key, key text not null, seq int not null)`.execute(source);
    await createInboxTable(sink);
    await sql`create table effects (applied bigserial primary key, event_id uuid not null, key text not null, seq int not null)`.execute(
      sink,
    );

    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(async () => {
      await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
      await admin.disconnect();
    });
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 6, replicationFactor: 1 },
        { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });

    // The consumer checks order as it applies: per key, seq must be last + 1.
    const lastSeq = new Map<string, number>();
    const orderViolations: string[] = [];
    const runner = createConsumerRunner({
      name: `outbox-e2e-${suffix}`,
      topics: [topic],
      kafka,
      db: sink,
      logger,
      sessionTimeoutMs: 10_000,
      types: ['task.tagged'],
      handle: async (trx, event) => {
        const key = event.subject;
        const seq = Number(event.data.tag.name);
        await sql`insert into effects (event_id, key, seq) values (${event.id}, ${key}, ${seq})`.execute(trx);
        const expected = (lastSeq.get(key) ?? 0) + 1;
        if (seq !== expected) orderViolations.push(`${key}: got ${seq}, expected ${expected}`);
        lastSeq.set(key, seq);
      },
    });
    await runner.start();
    cleanups.push(() => runner.stop());

    // Writers: each change is its own transaction (domain row + outbox event). Bumping the
    // key's counter row locks it, so the changes of one key commit in id order.
    let next = 0;
    const writeOne = async (db: Kysely<any>, i: number) => {
      const key = `k${(i * 7919) % keyCount}`;
      await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ seq: number }>`insert into counters (key, seq) values (${key}, 1)
          on conflict (key) do update set seq = counters.seq + 1 returning seq`.execute(trx);
        const seq = rows[0]!.seq;
        await sql`insert into changes (key, seq) values (${key}, ${seq})`.execute(trx);
        await enqueueEvents(trx, sourceSchema, [
          // A contract event carrying the change's sequence number as its tag name.
          buildEvent('task.tagged', {
            topic,
            actor: null,
            subject: key,
            userId: 'u1',
            data: { taskId: key, tag: { id: 't', name: String(seq), color: null } },
          }),
        ]);
      });
    };
    const writers = Promise.all(
      Array.from({ length: writerConcurrency }, async () => {
        while (next < totalChanges) await writeOne(source, next++);
      }),
    );

    const publishedCount = async () => {
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from outbox where published_at is not null`.execute(source);
      return Number(rows[0]!.n);
    };
    const waitPublished = (atLeast: number, what: string) =>
      eventually(async () => ((await publishedCount()) >= Math.min(atLeast, totalChanges) ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 20,
        what,
      });
    // The relay's lock has one bigint key (objsubid 1); the writers' outbox key locks have two.
    const leaderName = async () => {
      const { rows } = await sql<{
        name: string;
      }>`select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objsubid = 1
          and l.database = (select oid from pg_database where datname = current_database())`.execute(source);
      return rows[0]?.name;
    };

    const kills: string[] = [];
    // 1st and 2nd relay: killed mid-stream.
    for (const name of ['relay-1', 'relay-2']) {
      const relay = spawnRelay(databaseUrl, name);
      const before = await publishedCount();
      await waitPublished(before + 1500, `${name} to publish`);
      await killProcess(relay);
      kills.push(`${name} at ${await publishedCount()} published`);
    }
    // Two relays at once: one publishes, the other stands by; kill the publisher, the other takes over.
    const pair = new Map([
      ['relay-3', spawnRelay(databaseUrl, 'relay-3')],
      ['relay-4', spawnRelay(databaseUrl, 'relay-4')],
    ]);
    let before = await publishedCount();
    await waitPublished(before + 1000, 'one of the pair to publish');
    const first = await eventually(leaderName, { what: 'a relay holding the lock' });
    await killProcess(pair.get(first)!);
    kills.push(`${first} (leader of two) at ${await publishedCount()} published`);
    const second = first === 'relay-3' ? 'relay-4' : 'relay-3';
    before = await publishedCount();
    await waitPublished(before + 1000, `${second} to take over`);
    expect(await leaderName()).toBe(second);
    await killProcess(pair.get(second)!);
    kills.push(`${second} (took over) at ${await publishedCount()} published`);

    // The last relay drains the rest.
    const last = spawnRelay(databaseUrl, 'relay-5');
    await writers;
    await waitPublished(totalChanges, 'every change to be published');
    await eventually(
      async () => {
        const { rows } = await sql<{ n: string }>`select count(*) as n from effects`.execute(sink);
        return Number(rows[0]!.n) >= totalChanges ? true : undefined;
      },
      { timeoutMs: 60_000, what: 'the consumer to apply every event' },
    );
    last.kill('SIGTERM');
    await new Promise((r) => last.once('exit', r));

    const ends = await admin.fetchTopicOffsets(topic);
    const messagesInKafka = ends.reduce((sum, e) => sum + Number(e.high), 0);
    const counts = (
      await sql<{ effects: string; distinct_events: string; inbox: string; unpublished: string }>`select
        (select count(*) from relay_sink.effects) as effects,
        (select count(distinct event_id) from relay_sink.effects) as distinct_events,
        (select count(*) from relay_sink.processed_events) as inbox,
        (select count(*) from relay_source.outbox where published_at is null) as unpublished`.execute(source)
    ).rows[0]!;
    // Per key, the applied order (serial `applied`) is exactly 1..n.
    const { rows: keyOrder } = await sql<{ bad: string }>`select count(*) as bad from (
        select seq, row_number() over (partition by key order by applied) as expected from relay_sink.effects) t
        where seq <> expected`.execute(source);

    console.log(
      `outbox e2e: changes committed ${totalChanges} over ${keyCount} keys; relays SIGKILLed ${kills.length} (${kills.join('; ')}); ` +
        `messages in Kafka incl. duplicates ${messagesInKafka} (duplicates ${messagesInKafka - totalChanges}); ` +
        `effects applied ${counts.effects} (distinct events ${counts.distinct_events}); inbox rows ${counts.inbox}; unpublished ${counts.unpublished}; ` +
        `order violations ${orderViolations.length + Number(keyOrder[0]!.bad)}`,
    );
    expect(kills.length).toBeGreaterThanOrEqual(4);
    expect(messagesInKafka).toBeGreaterThanOrEqual(totalChanges);
    expect(Number(counts.unpublished)).toBe(0);
    expect(Number(counts.effects)).toBe(totalChanges);
    expect(Number(counts.distinct_events)).toBe(totalChanges);
    expect(Number(counts.inbox)).toBe(totalChanges);
    expect(orderViolations).toEqual([]);
    expect(Number(keyOrder[0]!.bad)).toBe(0);
  });

  it('publishes a late-committing lower id, retries a failed publish, and reports metrics', async () => {
    const databaseUrl = await createTestDatabase('relay');
    const gapSchema = 'relay_gap';
    const db = createDatabase<any>({ url: databaseUrl, schema: gapSchema });
    cleanups.push(() => db.destroy());
    await sql`create schema ${sql.id(gapSchema)}`.execute(db);
    await createOutboxTable(db);
    const gapTopic = `outbox-gap-${suffix}`;
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(async () => {
      await admin.deleteTopics({ topics: [gapTopic] }).catch(() => undefined);
      await admin.disconnect();
    });

    // Few client retries, so a publish to the missing topic fails fast.
    const impatient = createKafka({
      brokers: testKafkaBrokers(),
      clientId: `relay-gap-${suffix}`,
      retry: { initialRetryTime: 50, retries: 1 },
    });
    const registry = createMetricsRegistry('relay-test');
    const relay = createOutboxRelay({
      databaseUrl,
      schema: gapSchema,
      kafka: impatient,
      logger: createLogger('relay-gap', 'fatal'),
      registry,
      pollIntervalMs: 200,
      initialBackoffMs: 50,
      maxBackoffMs: 200,
    });
    await relay.start();
    cleanups.push(() => relay.stop());
    await eventually(() => (relay.ready() ? true : undefined), { what: 'relay ready' });
    const metric = async (name: string) =>
      (await registry.getMetricsAsJSON()).find((m) => m.name === name)?.values[0]?.value ?? 0;
    const unpublished = async () =>
      (
        await sql<{
          id: string;
          published: boolean;
        }>`select id, published_at is not null as published from outbox order by id`.execute(db)
      ).rows;
    const event = (n: number) =>
      buildEvent('task.tagged', {
        topic: gapTopic,
        actor: null,
        subject: `s${n}`,
        userId: 'u1',
        data: { taskId: `s${n}`, tag: { id: 't', name: String(n), color: null } },
      });

    // The topic does not exist yet: the publish fails, the row stays for a retry.
    await db.transaction().execute((trx) => enqueueEvents(trx, gapSchema, [event(0)]));
    await eventually(async () => ((await metric('outbox_relay_errors_total')) >= 2 ? true : undefined), {
      what: 'failed publish rounds',
    });
    expect((await unpublished()).map((r) => r.published)).toEqual([false]);
    // Kafka refuses: the backlog and its age are still measured, and the age grows.
    expect(await metric('outbox_backlog_rows')).toBe(1);
    const lagWhileFailing = await metric('outbox_lag_seconds');
    expect(lagWhileFailing).toBeGreaterThan(0);
    await eventually(async () => ((await metric('outbox_lag_seconds')) > lagWhileFailing + 0.3 ? true : undefined), {
      what: 'the outbox lag to grow while publishing fails',
    });
    await admin.createTopics({
      topics: [{ topic: gapTopic, numPartitions: 2, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await eventually(async () => ((await unpublished()).every((r) => r.published) ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the retried publish',
    });

    // Transaction A takes the lower id but commits after B (higher id) was published.
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((r) => (releaseA = r));
    let aEnqueued!: () => void;
    const aHasId = new Promise<void>((r) => (aEnqueued = r));
    const txA = db.transaction().execute(async (trx) => {
      await enqueueEvents(trx, gapSchema, [event(1)]);
      aEnqueued();
      await aMayCommit;
    });
    cleanups.push(async () => releaseA()); // never leave A open (db.destroy would wait for it)
    await aHasId;
    await db.transaction().execute((trx) => enqueueEvents(trx, gapSchema, [event(2)]));
    await eventually(
      async () => {
        const rows = await unpublished(); // A's row is not visible yet
        return rows.length === 2 && rows[1]!.published ? true : undefined;
      },
      { what: 'the higher id to be published' },
    );
    expect(await metric('outbox_lag_seconds')).toBe(0); // A's row is invisible until it commits
    releaseA();
    await txA;
    await eventually(
      async () => {
        const rows = await unpublished();
        return rows.length === 3 && rows.every((r) => r.published) ? true : undefined;
      },
      { what: 'the late lower id to be published' },
    );
    const ids = (await unpublished()).map((r) => BigInt(r.id));
    expect(ids[1]! < ids[2]!).toBe(true);

    // What reached Kafka: all three events, with their type and id headers.
    const reader = kafka.consumer({ groupId: `relay-gap-reader-${suffix}`, maxWaitTimeInMs: 500 });
    const received: Array<{ n: number; type?: string; id?: string; eventId: string }> = [];
    await reader.connect();
    await reader.subscribe({ topics: [gapTopic], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const body = JSON.parse(message.value!.toString());
        received.push({
          n: Number(body.data.tag.name),
          eventId: body.id,
          type: message.headers?.[eventHeaders.type]?.toString(),
          id: message.headers?.[eventHeaders.id]?.toString(),
        });
      },
    });
    await eventually(() => (received.length >= 3 ? true : undefined), { what: 'three messages' }).finally(() =>
      reader.disconnect(),
    );
    expect(received.map((r) => r.n).sort()).toEqual([0, 1, 2]);
    expect(received.every((r) => r.type === 'task.tagged' && r.id === r.eventId)).toBe(true);
    expect(await metric('outbox_published_total')).toBe(3);
    await eventually(async () => ((await metric('outbox_backlog_rows')) === 0 ? true : undefined), {
      what: 'an empty backlog',
    });
    expect(await metric('outbox_lag_seconds')).toBe(0);
    await relay.stop();
    expect(relay.ready()).toBe(false);
  });
});
