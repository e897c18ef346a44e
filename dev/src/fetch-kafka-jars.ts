import { ensureKafkaJars, PrerequisiteError } from './kafka.js';

// `npm run kafka:jars`: fetch the broker jars ahead of time (used by .ci/run).
try {
  const dir = ensureKafkaJars();
  process.stdout.write(`Kafka jars ready in ${dir}\n`);
} catch (error) {
  if (error instanceof PrerequisiteError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
