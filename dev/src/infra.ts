import path from 'node:path';
import { freePort } from './free-port.js';
import { startKafkaBroker, createTopics, taskwireTopics, type KafkaBrokerHandle } from './kafka.js';
import { postgresBinaryProblem, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './postgres.js';

export interface Infra {
  databaseUrl: string;
  kafkaBrokers: string[];
  /** True for each part this process started (false when taken from the environment). */
  started: { postgres: boolean; kafka: boolean };
  /** Stops what this process started: Kafka first, PostgreSQL last. */
  stop(): Promise<void>;
}

export interface InfraOptions {
  /** Folder for pg/ and kafka/ state. */
  stateDir: string;
  /** Existing servers to use instead of starting them. */
  databaseUrl?: string;
  kafkaBrokers?: string;
  postgresPort?: number;
  kafkaPort?: number;
  kafkaControllerPort?: number;
  fast?: boolean;
  log?: (line: string) => void;
}

/**
 * Brings up PostgreSQL and Kafka for the local stack and for tests: the same code for both.
 * With `databaseUrl` / `kafkaBrokers` given, uses those servers and starts neither.
 * @throws Error naming the cause (and the fix where there is one) when either does not start;
 *   whatever had started by then is stopped first.
 */
export async function startInfra(options: InfraOptions): Promise<Infra> {
  // Checked before anything starts, so that this failure leaves nothing running.
  const problem = options.databaseUrl ? null : postgresBinaryProblem();
  if (problem) throw new Error(problem);
  let postgres: EmbeddedPostgresHandle | undefined;
  let kafka: KafkaBrokerHandle | undefined;
  const [pgPort, kPort, cPort] = await Promise.all([
    options.postgresPort ?? freePort(),
    options.kafkaPort ?? freePort(),
    options.kafkaControllerPort ?? freePort(),
  ]);
  try {
    const pgPromise = options.databaseUrl
      ? Promise.resolve(undefined)
      : startEmbeddedPostgres({
          dataDir: path.join(options.stateDir, 'pg'),
          port: pgPort,
          fast: options.fast,
          log: options.log,
        });
    const kafkaPromise = options.kafkaBrokers
      ? Promise.resolve(undefined)
      : startKafkaBroker({
          dataDir: path.join(options.stateDir, 'kafka'),
          port: kPort,
          controllerPort: cPort,
          log: options.log,
        });
    const [pgResult, kafkaResult] = await Promise.allSettled([pgPromise, kafkaPromise]);
    if (pgResult.status === 'fulfilled') postgres = pgResult.value;
    if (kafkaResult.status === 'fulfilled') kafka = kafkaResult.value;
    if (pgResult.status === 'rejected') throw pgResult.reason;
    if (kafkaResult.status === 'rejected') throw kafkaResult.reason;
  } catch (error) {
    await kafka?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    throw error;
  }
  const kafkaBrokers =
    kafka?.brokers ??
    (options.kafkaBrokers ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  if (!kafka) await createTopics(kafkaBrokers, taskwireTopics);
  return {
    databaseUrl: postgres?.url ?? (options.databaseUrl as string),
    kafkaBrokers,
    started: { postgres: postgres !== undefined, kafka: kafka !== undefined },
    stop: async () => {
      await kafka?.stop();
      await postgres?.stop();
    },
  };
}
