// Starts PostgreSQL + Kafka for a state folder, prints READY, then waits to be killed.
import { startInfra } from '../src/infra.js';

const stateDir = process.argv[2];
if (!stateDir) throw new Error('usage: infra-process.ts <stateDir>');
const infra = await startInfra({ stateDir, fast: true, log: (l) => process.stdout.write(`${l}\n`) });
process.stdout.write(`READY ${infra.databaseUrl} ${infra.kafkaBrokers.join(',')}\n`);
setInterval(() => undefined, 1 << 30);
