// A consumer-runner as its own process, so tests can SIGKILL it mid-batch.
// env: DATABASE_URL, CONSUMER_SCHEMA, KAFKA_BROKERS, GROUP, TOPIC, HANDLE_DELAY_MS, COMMIT_INTERVAL_MS
// Effect: one row in <schema>.effects per applied event (no unique key there on purpose,
// so a duplicated effect would show up as an extra row).
import { sql } from 'kysely';
import { createConsumerRunner } from '../src/consumer-runner.js';
import { createDatabase } from '../src/database.js';
import { createKafka } from '../src/kafka.js';
import { createLogger } from '../src/logger.js';

const env = process.env;
const group = env.GROUP!;
const logger = createLogger(group, env.LOG_LEVEL ?? 'warn');
const kafka = createKafka({
  brokers: (env.KAFKA_BROKERS ?? '').split(','),
  clientId: `${group}-${process.pid}`,
  logger,
});
const db = createDatabase<any>({ url: env.DATABASE_URL!, schema: env.CONSUMER_SCHEMA! });
const delayMs = Number(env.HANDLE_DELAY_MS ?? 0);

const runner = createConsumerRunner({
  name: group,
  topics: [env.TOPIC!],
  kafka,
  db,
  logger,
  commitIntervalMs: Number(env.COMMIT_INTERVAL_MS ?? 1000),
  sessionTimeoutMs: 6000, // the broker's minimum: a killed member leaves the group sooner
  // The test sends `task.tagged` events whose tag name is the sequence number.
  types: ['task.tagged'],
  handle: async (trx, event) => {
    const seq = Number(event.data.tag.name);
    await sql`insert into effects (event_id, key, seq) values (${event.id}, ${event.subject}, ${seq})`.execute(trx);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  },
});

await runner.start();
process.stdout.write(`consumer ${group} started\n`);
const shutdown = async () => {
  await runner.stop();
  await db.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
