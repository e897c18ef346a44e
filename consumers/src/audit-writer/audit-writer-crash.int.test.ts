import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Admin, Producer } from 'kafkajs';
import type { Kysely } from 'kysely';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { createAuditDatabase, type AuditDB } from '@taskwire/audit';
import { migrateAudit } from '@taskwire/audit/migrate';
import {
  createTestDatabase,
  eventually,
  killProcess,
  spawnService,
  testKafkaBrokers,
  uniqueSuffix,
} from '../../../test/support.js';
import { caughtUp, createPrivateTopics, deleteTopics, publish, titleUpdate } from './testing.js';

const suffix = uniqueSuffix();
const topic = `audit-writer-crash-${suffix}`;
const group = `audit-writer-crash-${suffix}`;
const total = 20_000;
let url: string;
let admin: Admin;
let producer: Producer;
let owner: Kysely<AuditDB>;
const children: ChildProcess[] = [];

/** Runs the real entry point (consumers/src/audit-writer/main.ts) as its own process; resolves when /readyz is 200. */
async function spawnWriter(): Promise<ChildProcess> {
  const child = await spawnService({
    entry: 'consumers/src/audit-writer/main.ts',
    name: 'audit-writer',
    env: {
      DATABASE_URL: url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      LOG_LEVEL: 'warn',
      AUDIT_WRITER_TOPIC: topic,
      AUDIT_WRITER_GROUP: group,
      // The killed member holds its partitions until the session times out.
      AUDIT_WRITER_SESSION_TIMEOUT_MS: '6000',
    },
  });
  children.push(child);
  return child;
}

async function rows(): Promise<{ n: number; distinct: number }> {
  const r = await owner
    .selectFrom('audit_entries')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('event_id').distinct().as('distinct')])
    .executeTakeFirstOrThrow();
  return { n: Number(r.n), distinct: Number(r.distinct) };
}

beforeAll(async () => {
  url = await createTestDatabase('auditcrash');
  await migrateAudit(url);
  owner = createAuditDatabase({ url, maxConnections: 2 });
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `audit-crash-${suffix}` });
  admin = kafka.admin();
  await admin.connect();
  await createPrivateTopics(admin, topic, 6);
  producer = createEventProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await Promise.all(children.map((child) => killProcess(child)));
  await producer?.disconnect();
  if (admin) {
    await deleteTopics(admin, topic);
    await admin.disconnect();
  }
  await owner?.destroy();
});

it(
  'writes exactly 20,000 rows for 20,000 events although the writer is SIGKILLed mid-burst',
  { timeout: 170_000 },
  async () => {
    const tasks = Array.from({ length: 400 }, () => randomUUID());
    const events = Array.from({ length: total }, (_, i) =>
      titleUpdate(tasks[i % tasks.length]!, 'user-crash', Math.floor(i / tasks.length) + 1),
    );

    const started = Date.now();
    const starting = spawnWriter();
    // The burst: publish while the writer starts and consumes; kill it once it has written a part.
    const publishing = publish(producer, topic, events, 500);
    const first = await starting;
    const atKill = await eventually(
      async () => {
        const { n } = await rows();
        return n >= 3_000 ? n : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 20, what: 'the writer to write 3,000 rows' },
    );
    await killProcess(first);
    expect(first.signalCode).toBe('SIGKILL');
    await publishing;
    const killedAt = Date.now();
    const afterKill = await rows();
    expect(atKill).toBeLessThan(total);
    expect(afterKill.n).toBeLessThan(total); // killed during the burst, not after it

    await spawnWriter();
    await eventually(
      async () => ((await rows()).n >= total && (await caughtUp(admin, group, topic)) ? true : undefined),
      {
        timeoutMs: 120_000,
        intervalMs: 200,
        what: `${total} rows and the group caught up`,
      },
    );
    console.log(
      `crash test: killed at ${atKill} rows after ${killedAt - started} ms; restart to ${total} rows in ${Date.now() - killedAt} ms`,
    );
    expect(await rows()).toEqual({ n: total, distinct: total });
    // Every published event is there, none twice.
    const ids = new Set(events.map((e) => e.id));
    const stored = await owner.selectFrom('audit_entries').select('event_id').execute();
    expect(stored.every((r) => ids.has(r.event_id))).toBe(true);
  },
);
