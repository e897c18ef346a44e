// A relay as its own process, so tests can SIGKILL it mid-publish.
// env: DATABASE_URL, OUTBOX_SCHEMA, KAFKA_BROKERS, RELAY_NAME, LOG_LEVEL (default warn)
import { createKafka } from '../src/kafka.js';
import { createLogger } from '../src/logger.js';
import { createOutboxRelay } from '../src/outbox-relay.js';

const env = process.env;
const name = env.RELAY_NAME ?? `relay-${process.pid}`;
const logger = createLogger(name, env.LOG_LEVEL ?? 'warn');
const kafka = createKafka({ brokers: (env.KAFKA_BROKERS ?? '').split(','), clientId: name, logger });
const relay = createOutboxRelay({
  databaseUrl: env.DATABASE_URL!,
  schema: env.OUTBOX_SCHEMA!,
  kafka,
  logger,
  name,
  pollIntervalMs: Number(env.POLL_INTERVAL_MS ?? 500),
});

await relay.start();
process.stdout.write(`relay ${name} started\n`);
const shutdown = async () => {
  await relay.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
