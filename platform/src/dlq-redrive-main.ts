// `npm run dlq:redrive -- --topic task-events.dlq [--consumer audit-writer] [--dry-run]`
// Moves a dead-letter topic's messages back to their original topics (platform/src/dlq-redrive.ts).
// KAFKA_BROKERS as for every Taskwire process.
// Unlike the services' main.ts files this tool does not import '@taskwire/platform/tracing-start':
// the kafkajs instrumentation would write its own send span's `traceparent` over each message's
// header, so a redriven event would leave the trace of the request that caused it. Without it the
// headers go back unchanged (cleanedHeaders keeps them) and the consumer continues that trace.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { envFields, loadConfigOrExit } from './config.js';
import { redriveDeadLetters } from './dlq-redrive.js';
import { createKafka } from './kafka.js';
import { createLogger } from './logger.js';

const { values } = parseArgs({
  options: {
    topic: { type: 'string' },
    consumer: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
if (!values.topic?.endsWith('.dlq')) {
  process.stderr.write('usage: npm run dlq:redrive -- --topic <topic>.dlq [--consumer <group>] [--dry-run]\n');
  process.exit(2);
}
const config = loadConfigOrExit(
  z.object({ KAFKA_BROKERS: envFields.kafkaBrokers, LOG_LEVEL: envFields.logLevel.default('warn') }),
  process.env,
);
const logger = createLogger('dlq-redrive', config.LOG_LEVEL);
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'dlq-redrive', logger });
const dryRun = values['dry-run'];
const result = await redriveDeadLetters({
  kafka,
  dlqTopic: values.topic,
  ...(values.consumer ? { consumer: values.consumer } : {}),
  dryRun,
  onMessage: (m) =>
    process.stdout.write(
      `${dryRun ? 'would move' : 'moved'} ${values.topic}[${m.partition}]@${m.offset} → ${m.topic} ` +
        `key=${m.key ?? '-'} event=${m.eventId ?? '-'} consumer=${m.consumer ?? '-'} kind=${m.errorKind ?? '-'}\n`,
    ),
});
process.stdout.write(
  `${dryRun ? 'dry run: would move' : 'moved'} ${result.moved.length} message(s)` +
    (result.passed > 0 ? `; passed over ${result.passed} of other consumers` : '') +
    '\n',
);
