/**
 * The fault suite's own Taskwire: its own PostgreSQL and Kafka broker (dev/src/postgres.ts,
 * dev/src/kafka.ts, the code `npm start` uses), each behind a TCP proxy the suite controls,
 * and every service of dev/src/services.ts as its own process, spawned as dev/src/start.ts
 * spawns them, on free ports. The suite kills and restarts these at will; nothing here is
 * shared with the int/e2e servers of test/global-setup.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { generateKeyPairPem, type KeyPairPem } from '@taskwire/platform/auth';
import { freePort, processAlive } from '@taskwire/dev/free-port';
import { startKafkaBroker, type KafkaBrokerHandle } from '@taskwire/dev/kafka';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@taskwire/dev/postgres';
import { repoRoot } from '@taskwire/dev/paths';
import { services, type ServiceSpec } from '@taskwire/dev/services';
import { startSmtpSink, type SinkMessage } from '@taskwire/dev/smtp-sink';
import { startTcpProxy, type TcpProxy } from './proxy.js';

export type ServiceName =
  | 'accounts'
  | 'tasks'
  | 'planning'
  | 'audit'
  | 'scheduler'
  | 'audit-writer'
  | 'recurrence'
  | 'planning-sync'
  | 'notifier'
  | 'gateway';

export interface RunningService {
  name: ServiceName;
  child: ChildProcess;
  port: number;
  opsPort: number;
}

export interface Cluster {
  gatewayUrl: string;
  /** Direct URL of the database (not through the proxy): the checker's. */
  directDatabaseUrl: string;
  /** Brokers as every client sees them (the proxy). */
  kafkaBrokers: string[];
  pgProxy: TcpProxy;
  kafkaProxy: TcpProxy;
  mails: SinkMessage[];
  /** SIGKILLs (or signals) the service's process and waits for it to exit. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts the service again (same ports) and waits until it is ready. */
  start(name: ServiceName): Promise<void>;
  /** A second member of a consumer's group (its own port), ready; the caller stops it. */
  startExtra(name: ServiceName): Promise<RunningService>;
  stopExtra(extra: RunningService, signal?: NodeJS.Signals): Promise<void>;
  killKafka(): Promise<void>;
  startKafka(): Promise<void>;
  /** `immediate` shutdown (SIGQUIT to the postmaster): no checkpoint, crash recovery at the next start. */
  stopPostgresImmediate(): Promise<void>;
  startPostgres(): Promise<void>;
  /** True when every service process is running. */
  allRunning(): boolean;
  /** Resolves when every service answers /readyz (after a fault, before checking). */
  waitAllReady(timeoutMs?: number): Promise<void>;
  /** Services that exited on their own and were restarted by the supervisor. */
  restarts: Array<{ name: ServiceName; at: number }>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  dir: string;
  log: (line: string) => void;
}

const specOf = (name: ServiceName): ServiceSpec => services.find((s) => s.name === name)!;

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { dir, log } = options;
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const [pgPort, kafkaPort, controllerPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const pgProxy = await startTcpProxy(pgPort);
  const kafkaProxy = await startTcpProxy(kafkaPort);
  const cleanups: Array<() => Promise<unknown>> = [() => pgProxy.close(), () => kafkaProxy.close()];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    let pg: EmbeddedPostgresHandle | undefined;
    const startPg = async () => {
      pg = await startEmbeddedPostgres({
        dataDir: path.join(dir, 'pg'),
        port: pgPort,
        // PostgreSQL's durable defaults: the suite checks that an acknowledged commit survives an
        // immediate shutdown, which `synchronous_commit=off` (the test tiers' fast mode) would
        // not promise (a commit acknowledged before its WAL is written is lost by SIGQUIT).
        fast: false,
        log: (l) => log(`[postgres] ${l}`),
      });
    };
    let kafka: KafkaBrokerHandle | undefined;
    const startBroker = async () => {
      kafka = await startKafkaBroker({
        dataDir: path.join(dir, 'kafka'),
        port: kafkaPort,
        controllerPort,
        advertisedPort: kafkaProxy.port,
        heapMb: 512,
        log: (l) => log(`[kafka] ${l}`),
      });
    };
    await Promise.all([startPg(), startBroker()]);
    cleanups.push(async () => {
      await kafka?.stop();
      await pg?.stop();
    });
    const directDatabaseUrl = pg!.url;
    const proxiedUrl = new URL(directDatabaseUrl);
    proxiedUrl.port = String(pgProxy.port);
    const kafkaBrokers = [`127.0.0.1:${kafkaProxy.port}`];

    const mails: SinkMessage[] = [];
    const smtpPort = await freePort();
    const sink = await startSmtpSink(smtpPort, (m) => mails.push(m));
    cleanups.push(() => sink.stop());

    const keys: KeyPairPem = await generateKeyPairPem();
    const ports = new Map<ServiceName, { port: number; opsPort: number }>();
    for (const s of services) {
      const port = await freePort();
      ports.set(s.name as ServiceName, { port, opsPort: s.opsPort ? await freePort() : port });
    }
    const restarts: Array<{ name: ServiceName; at: number }> = [];
    const url = (name: ServiceName) => `http://127.0.0.1:${ports.get(name)!.port}/graphql`;
    const env: Record<string, string> = {
      DATABASE_URL: proxiedUrl.toString(),
      KAFKA_BROKERS: kafkaBrokers.join(','),
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      GATEWAY_SECRET: randomBytes(24).toString('hex'),
      JWKS_URL: `http://127.0.0.1:${ports.get('accounts')!.port}/.well-known/jwks.json`,
      ACCOUNTS_URL: url('accounts'),
      TASKS_URL: url('tasks'),
      PLANNING_URL: url('planning'),
      AUDIT_URL: url('audit'),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      // Every fired reminder is e-mailed at once (no client acknowledges): one mail per firing.
      REMINDER_EMAIL_GRACE_SECONDS: '0',
      // A SIGKILLed member's partitions wait for its session to expire: 10 s instead of 30 s
      // keeps the suite inside its CI budget (the figures in docs/reliability.md are with these).
      AUDIT_WRITER_SESSION_TIMEOUT_MS: '10000',
      RECURRENCE_SESSION_TIMEOUT_MS: '10000',
      NOTIFIER_SESSION_TIMEOUT_MS: '10000',
      // A mail claimed by a notifier that was killed is sent again after this lease (docs/notifier.md).
      NOTIFIER_SEND_LEASE_SECONDS: '5',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_BURST: '100000',
      NODE_ENV: 'development',
    };

    for (const spec of services.filter((s) => s.schema)) {
      const migrate = path.join(path.dirname(spec.entry), 'migrate.ts');
      const result = spawnSync(process.execPath, ['--import', 'tsx', migrate], {
        cwd: repoRoot,
        env: { ...process.env, ...env, DATABASE_URL: directDatabaseUrl },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`migrating ${spec.schema} failed:\n${result.stdout}${result.stderr}`);
    }

    const logs = new Map<string, WriteStream>();
    const logOf = (name: string) => {
      let s = logs.get(name);
      if (!s) {
        s = createWriteStream(path.join(dir, 'logs', `${name}.log`), { flags: 'a' });
        logs.set(name, s);
      }
      return s;
    };
    cleanups.push(async () => {
      for (const s of logs.values()) s.end();
    });

    const spawnService = (name: ServiceName, port: number, opsPort: number): RunningService => {
      const spec = specOf(name);
      const extra: Record<string, string> = { PORT: String(port) };
      if (spec.opsPort) extra.OPS_PORT = String(opsPort);
      if (name === 'accounts') extra.JWT_PRIVATE_KEY = keys.privateKeyPem;
      const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
        cwd: repoRoot,
        env: { ...process.env, OTEL_SERVICE_NAME: name, ...env, ...extra },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const out = logOf(`${name}-${port}`);
      out.write(`--- started pid ${child.pid} at ${new Date().toISOString()}\n`);
      child.stdout?.pipe(out, { end: false });
      child.stderr?.pipe(out, { end: false });
      return { name, child, port, opsPort };
    };

    const waitReady = async (r: RunningService, timeoutMs = 600_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (r.child.exitCode !== null || r.child.signalCode !== null) {
          const text = readFileSync(path.join(dir, 'logs', `${r.name}-${r.port}.log`), 'utf8');
          throw new Error(`${r.name} exited during start-up:\n${text.slice(-3000)}`);
        }
        const res = await fetch(`http://127.0.0.1:${r.opsPort}/readyz`).catch(() => undefined);
        if (res?.ok) return;
        if (Date.now() > deadline) throw new Error(`${r.name} was not ready on :${r.opsPort} within ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, 200));
      }
    };

    const exited = (c: ChildProcess) =>
      new Promise<void>((resolve) => {
        if (c.exitCode !== null || c.signalCode !== null) resolve();
        else c.once('exit', () => resolve());
      });
    const signal = async (c: ChildProcess, sig: NodeJS.Signals) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const done = exited(c);
      c.kill(sig);
      const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    };

    const running = new Map<ServiceName, RunningService>();
    // Like a pod's restartPolicy: a service that exits on its own (it lost its database for too
    // long, say) is started again after a second, unless a scenario is holding it down.
    const heldDown = new Set<ServiceName>();
    let stopping = false;
    const supervise = (r: RunningService) => {
      r.child.once('exit', (code, sig) => {
        if (stopping || heldDown.has(r.name) || running.get(r.name) !== r) return;
        log(`${r.name} exited on its own (code ${code}, signal ${sig}); restarting it`);
        restarts.push({ name: r.name, at: Date.now() });
        setTimeout(() => {
          if (stopping || heldDown.has(r.name) || running.get(r.name) !== r) return;
          const p = ports.get(r.name)!;
          const next = spawnService(r.name, p.port, p.opsPort);
          running.set(r.name, next);
          supervise(next);
        }, 1_000);
      });
    };
    const order = [...services.filter((s) => s.kind !== 'gateway'), ...services.filter((s) => s.kind === 'gateway')];
    cleanups.push(async () => {
      stopping = true;
      await Promise.all([...running.values()].map((r) => signal(r.child, 'SIGTERM')));
    });
    for (const spec of order) {
      const name = spec.name as ServiceName;
      const p = ports.get(name)!;
      const r = spawnService(name, p.port, p.opsPort);
      running.set(name, r);
      supervise(r);
    }
    for (const r of running.values()) await waitReady(r);
    log(
      `cluster up: gateway ${url('gateway')}, PostgreSQL :${pgPort} (proxy :${pgProxy.port}), Kafka :${kafkaPort} (proxy :${kafkaProxy.port})`,
    );

    return {
      gatewayUrl: url('gateway'),
      directDatabaseUrl,
      kafkaBrokers,
      pgProxy,
      kafkaProxy,
      mails,
      async kill(name, sig = 'SIGKILL') {
        heldDown.add(name);
        const r = running.get(name);
        if (r) await signal(r.child, sig);
      },
      async start(name) {
        heldDown.delete(name);
        const r = running.get(name);
        if (r && r.child.exitCode === null && r.child.signalCode === null) return waitReady(r);
        const p = ports.get(name)!;
        const next = spawnService(name, p.port, p.opsPort);
        running.set(name, next);
        supervise(next);
        await waitReady(next);
      },
      async waitAllReady(timeoutMs = 180_000) {
        const deadline = Date.now() + timeoutMs;
        for (const name of running.keys()) {
          // The supervisor may replace a process meanwhile: always ask about the current one.
          for (;;) {
            const r = running.get(name)!;
            const ok = await waitReady(r, Math.max(1_000, deadline - Date.now())).then(
              () => true,
              (error: unknown) => {
                if (Date.now() > deadline) throw error;
                return false;
              },
            );
            if (ok) break;
            await new Promise((res) => setTimeout(res, 1_000));
          }
        }
      },
      restarts,
      async startExtra(name) {
        const port = await freePort();
        const extra = spawnService(name, port, port);
        await waitReady(extra);
        return extra;
      },
      async stopExtra(extra, sig = 'SIGTERM') {
        await signal(extra.child, sig);
      },
      async killKafka() {
        if (!kafka) return;
        const pid = kafka.pid;
        process.kill(pid, 'SIGKILL');
        while (processAlive(pid)) await new Promise((r) => setTimeout(r, 50));
        kafka = undefined;
      },
      async startKafka() {
        // After a SIGKILL the broker recovers its logs first; on a loaded machine that can
        // outlast startKafkaBroker's 90 s wait for the port, which then stops it: try again.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await startBroker();
            return;
          } catch (error) {
            if (attempt >= 3) throw error;
            log(`Kafka did not come back (${(error as Error).message}); starting it again`);
          }
        }
      },
      async stopPostgresImmediate() {
        const pidFile = path.join(dir, 'pg', 'postmaster.pid');
        const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
        process.kill(pid, 'SIGQUIT');
        while (processAlive(pid)) await new Promise((r) => setTimeout(r, 50));
        pg = undefined;
      },
      startPostgres: startPg,
      allRunning: () => [...running.values()].every((r) => r.child.exitCode === null && r.child.signalCode === null),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
