import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { allTopics, deadLetterTopic } from '@taskwire/platform/events';
import { processAlive, stopPid, waitForPort } from './free-port.js';
import { repoRoot, stateDir } from './paths.js';

/** Broker version; must match `kafka.version` in dev/pom.xml. */
export const kafkaVersion = '4.1.1';

/** Every topic of the event contract (schema/EVENTS.md) with 6 partitions, and its dead-letter topic with 1. */
export const taskwireTopics: ReadonlyArray<{ topic: string; numPartitions: number }> = allTopics.flatMap((topic) => [
  { topic, numPartitions: 6 },
  { topic: deadLetterTopic(topic), numPartitions: 1 },
]);

export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/**
 * Checks that Java 17+ is installed (Kafka 4 refuses older runtimes).
 * @throws PrerequisiteError saying what to install or which variable to set.
 */
export function checkJava(): void {
  const result = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new PrerequisiteError(
      'Java 17 or newer is needed to run the local Kafka broker, and no `java` was found.\n' +
        '  Install it (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME,\n' +
        '  or point KAFKA_BROKERS at an existing Kafka and Taskwire will not start one.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) {
    throw new PrerequisiteError(
      `Kafka 4 needs Java 17 or newer; \`${javaBinary()}\` is Java ${major || 'of an unknown version'}.\n` +
        '  Set JAVA_HOME to a JDK 17+ or point KAFKA_BROKERS at an existing Kafka.',
    );
  }
}

/** Folder holding the broker's jars (fetched once by Maven). */
export function kafkaJarsDir(): string {
  return process.env.KAFKA_JARS_DIR ?? path.join(stateDir, 'kafka-jars', kafkaVersion);
}

/**
 * Makes sure the Kafka broker jars are present, fetching them once with Maven
 * (`mvn dependency:copy-dependencies` on dev/pom.xml) and printing its download progress.
 * @throws PrerequisiteError when Maven is missing or the download fails.
 */
export function ensureKafkaJars(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): string {
  const dir = kafkaJarsDir();
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return dir;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    throw new PrerequisiteError(
      `The Kafka ${kafkaVersion} broker jars are not in ${dir} yet, and Maven is needed to fetch them once.\n` +
        '  Install it (Debian: apt-get install maven), or set KAFKA_JARS_DIR to a folder with the jars,\n' +
        '  or point KAFKA_BROKERS at an existing Kafka.',
    );
  }
  log(`fetching the Apache Kafka ${kafkaVersion} broker jars with Maven into ${dir} (once)…`);
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(
    'mvn',
    // Batch mode prints one Downloading/Downloaded line per artifact: the progress people see.
    ['-B', '-f', path.join(repoRoot, 'dev', 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${dir}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) {
    throw new PrerequisiteError(`Maven could not fetch the Kafka jars (exit ${result.status}); see its output above.`);
  }
  const jars = readdirSync(dir).filter((f) => f.endsWith('.jar'));
  if (!jars.some((f) => f.startsWith(`kafka_2.13-${kafkaVersion}`))) {
    throw new PrerequisiteError(`Maven finished but ${dir} holds no kafka_2.13-${kafkaVersion}.jar`);
  }
  writeFileSync(marker, `${jars.length} jars\n`);
  log(`fetched ${jars.length} jars`);
  return dir;
}

/**
 * A KRaft cluster id as Kafka's own `Uuid.randomUuid()` makes it: 16 random bytes in base64url,
 * drawn again when the text would start with "-" (the storage tool's argument parser reads such
 * an id as an option; one draw in 64 did, and failed CI).
 */
export function newClusterId(draw: () => Buffer = () => randomBytes(16)): string {
  for (;;) {
    const id = draw().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export interface KafkaBrokerHandle {
  brokers: string[];
  pid: number;
  stop(): Promise<void>;
}

export interface StartKafkaOptions {
  dataDir: string;
  port: number;
  controllerPort: number;
  heapMb?: number;
  /**
   * Port clients are told to connect to (advertised.listeners), when it is not `port`: a TCP
   * proxy in front of the broker (the fault suite, test/faults/). Defaults to `port`.
   */
  advertisedPort?: number;
  log?: (line: string) => void;
}

/**
 * Starts a single-node Apache Kafka 4 broker in KRaft mode (broker + controller in one JVM)
 * from the Maven-fetched jars, formatting its storage on first use, and creates the topics.
 *
 * A broker left running by a killed earlier run (its pid file names a live process) is
 * stopped first. The JVM runs in its own process group, so Ctrl-C in a terminal reaches
 * the orchestrator, which stops services before the broker.
 * @throws PrerequisiteError when Java or the jars are missing; Error when the broker does not come up.
 */
export async function startKafkaBroker(options: StartKafkaOptions): Promise<KafkaBrokerHandle> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[kafka] ${line}\n`));
  checkJava();
  const jars = ensureKafkaJars(log);
  const { dataDir, port, controllerPort } = options;
  mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'broker.pid');
  if (existsSync(pidFile)) {
    const stale = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
    if (Number.isInteger(stale) && stale > 0 && processAlive(stale) && isKafkaProcess(stale)) {
      log(`found a Kafka broker (pid ${stale}) left running by an earlier run on ${dataDir}; stopping it`);
      await stopPid(stale, 20_000);
    }
    rmSync(pidFile, { force: true });
  }

  const logDir = path.join(dataDir, 'data');
  const configFile = path.join(dataDir, 'server.properties');
  writeFileSync(
    configFile,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${options.advertisedPort ?? port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${logDir}`,
      'num.partitions=3',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'log.retention.hours=168',
      '',
    ].join('\n'),
  );
  const log4j = path.join(dataDir, 'log4j2.properties');
  writeFileSync(
    log4j,
    [
      'status = warn',
      'appender.console.type = Console',
      'appender.console.name = STDOUT',
      'appender.console.layout.type = PatternLayout',
      'appender.console.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = warn',
      'rootLogger.appenderRef.stdout.ref = STDOUT',
      'logger.kafka.name = kafka.server.KafkaRaftServer',
      'logger.kafka.level = info',
      '',
    ].join('\n'),
  );
  const classpath = `${jars}/*`;
  const jvmArgs = [
    `-Xms${Math.min(256, options.heapMb ?? 768)}m`,
    `-Xmx${options.heapMb ?? 768}m`,
    '-XX:+UseG1GC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4j}`,
    '-cp',
    classpath,
  ];

  if (!existsSync(path.join(logDir, 'meta.properties'))) {
    const clusterId = newClusterId();
    log(`formatting KRaft storage in ${logDir} (cluster ${clusterId})`);
    const format = spawnSync(
      javaBinary(),
      [...jvmArgs, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', configFile],
      { encoding: 'utf8' },
    );
    if (format.status !== 0) {
      throw new Error(`formatting Kafka storage failed (exit ${format.status}):\n${format.stdout}\n${format.stderr}`);
    }
  }

  const outFd = openSync(path.join(dataDir, 'broker.log'), 'a');
  const child = spawn(javaBinary(), [...jvmArgs, 'kafka.Kafka', configFile], {
    detached: true,
    stdio: ['ignore', outFd, outFd],
  });
  closeSync(outFd);
  if (!child.pid) throw new Error('could not start java for the Kafka broker');
  const pid = child.pid;
  writeFileSync(pidFile, String(pid));
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = async () => {
    await stopPid(pid, 30_000);
    rmSync(pidFile, { force: true });
  };

  try {
    await Promise.race([
      waitForPort('127.0.0.1', port, 90_000),
      new Promise<never>((_, reject) => {
        child.once('exit', (code) =>
          reject(
            new Error(
              `the Kafka broker exited with code ${code} during start-up; see ${path.join(dataDir, 'broker.log')}`,
            ),
          ),
        );
      }),
    ]);
    await createTopics([`127.0.0.1:${port}`], taskwireTopics);
  } catch (error) {
    if (!exited) await stop();
    throw error;
  }
  log(`Kafka ${kafkaVersion} broker up on 127.0.0.1:${port} (pid ${pid})`);
  return { brokers: [`127.0.0.1:${options.advertisedPort ?? port}`], pid, stop };
}

function isKafkaProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return false;
  }
}

/** Creates topics that do not exist yet (idempotent), retrying while the broker finishes starting. */
export async function createTopics(
  brokers: string[],
  topics: ReadonlyArray<{ topic: string; numPartitions: number }>,
): Promise<void> {
  const kafka = new Kafka({ clientId: 'taskwire-dev', brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  const admin = kafka.admin();
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions, replicationFactor: 1 })),
        });
      }
      // Asking a group's offsets makes a fresh broker create and load __consumer_offsets now,
      // so consumers starting next do not crash on "the coordinator is loading".
      await admin.fetchOffsets({ groupId: 'taskwire-warmup', topics: [topics[0]!.topic] });
      await admin.disconnect();
      return;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
