/**
 * `npm start`: the whole of Taskwire on one machine, no configuration.
 *
 * Starts embedded PostgreSQL and a Kafka 4 broker (unless DATABASE_URL / KAFKA_BROKERS name
 * existing servers), migrates every subgraph's schema, starts every service as its own
 * process, and serves everything on http://localhost:4000. Ctrl-C / SIGTERM stops it all in
 * order: gateway, workers and consumers, subgraphs, then Kafka, then PostgreSQL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { z } from 'zod';
import { ensureKeyFiles } from '@taskwire/platform/auth';
import { ensureGatewaySecretFile } from '@taskwire/platform/gateway-secret';
import { loadConfigOrExit } from '@taskwire/platform/config';
import { PrerequisiteError } from './kafka.js';
import { processAlive, stopPid } from './free-port.js';
import { startInfra, type Infra } from './infra.js';
import { repoRoot, stateDir } from './paths.js';
import { services, type ServiceSpec } from './services.js';
import { linksOf, startSmtpSink } from './smtp-sink.js';

/** An empty variable (`DATABASE_URL= npm start`) means the same as an unset one. */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

const config = loadConfigOrExit(
  z.preprocess(
    (env) => Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, unsetWhenEmpty(v)])),
    z.object({
      PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
      DATABASE_URL: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
        .optional(),
      KAFKA_BROKERS: z.string().optional(),
      SMTP_URL: z
        .string()
        .regex(/^smtps?:\/\//, 'expected smtp:// or smtps://')
        .optional(),
      REMINDER_EMAIL_GRACE_SECONDS: z.coerce.number().int().min(0).default(60),
      JWT_PRIVATE_KEY: z.string().optional(),
      JWT_PUBLIC_KEY: z.string().optional(),
      /** Checked by the services themselves (platform/src/gateway-secret.ts). */
      GATEWAY_SECRET: z.string().optional(),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      TASKWIRE_STATE_DIR: z.string().default(stateDir),
      TASKWIRE_PORT_BASE: z.coerce.number().int().min(1024).max(65_500).optional(),
    }),
  ),
);

const state = config.TASKWIRE_STATE_DIR;
const runDir = path.join(state, 'run');
const pidsFile = path.join(runDir, 'services.json');
const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  port: number;
  /** Where /healthz answers: the ops port of a subgraph or the gateway, else `port`. */
  opsPort: number;
  lines: string[];
  exited: boolean;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

const running: Running[] = [];
let infra: Infra | undefined;
let smtpSink: { stop(): Promise<void> } | undefined;
let stopping = false;

async function main(): Promise<void> {
  mkdirSync(runDir, { recursive: true });
  await stopLeftoverServices();

  // Ports: the gateway on PORT; the others on their defaults, shifted together when a port
  // base is given (so two stacks can run side by side, e.g. the e2e test of this command).
  // With a base B: services on B+1…B+14 (their default minus 4000), PostgreSQL B+20, Kafka
  // B+21 (controller B+22), SMTP sink B+25, the gateway's and subgraphs' ops servers B+30…B+34.
  const base = config.TASKWIRE_PORT_BASE;
  const shifted = (port: number) => (base === undefined ? port : base + port - 4000);
  const portOf = (spec: ServiceSpec) => (spec.name === 'gateway' ? config.PORT : shifted(spec.port));
  const infraPort = (fallback: number, offset: number) => (base === undefined ? fallback : base + offset);

  say('Starting PostgreSQL and Kafka…');
  infra = await startInfra({
    stateDir: state,
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    postgresPort: infraPort(54329, 20),
    kafkaPort: infraPort(19092, 21),
    kafkaControllerPort: infraPort(19093, 22),
    log: (line) => say(`  ${line}`),
  });
  say(
    `  PostgreSQL: ${infra.started.postgres ? 'embedded' : 'from DATABASE_URL'}; Kafka: ${infra.started.kafka ? 'local broker' : 'from KAFKA_BROKERS'} (${infra.kafkaBrokers.join(',')})`,
  );

  const keys =
    config.JWT_PRIVATE_KEY && config.JWT_PUBLIC_KEY
      ? { privateKeyPem: config.JWT_PRIVATE_KEY, publicKeyPem: config.JWT_PUBLIC_KEY }
      : await ensureKeyFiles(state);
  // Like the keys: generated into the state folder once, the same for every later run.
  const gatewaySecret = config.GATEWAY_SECRET ?? ensureGatewaySecretFile(state);

  let smtpUrl = config.SMTP_URL;
  if (!smtpUrl) {
    const sink = await startSmtpSink(infraPort(2525, 25), (m) => {
      const subject = /^Subject: (.*)$/m.exec(m.raw)?.[1] ?? '(no subject)';
      say(`[smtp-sink] mail to ${m.to.join(', ')}: ${subject}`);
      // Reset and verification links: following them is how a local account is verified.
      for (const link of linksOf(m.raw)) say(`[smtp-sink]   ${link}`);
    });
    smtpSink = sink;
    smtpUrl = `smtp://127.0.0.1:${sink.port}`;
    say(`  SMTP: local sink on ${smtpUrl} (mails are printed here)`);
  }

  const subgraphUrl = (name: string) => {
    const spec = services.find((s) => s.name === name)!;
    return `http://127.0.0.1:${portOf(spec)}/graphql`;
  };
  const accounts = services.find((s) => s.name === 'accounts')!;
  const env: Record<string, string> = {
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    LOG_LEVEL: config.LOG_LEVEL,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    GATEWAY_SECRET: gatewaySecret,
    JWKS_URL: `http://127.0.0.1:${portOf(accounts)}/.well-known/jwks.json`,
    ACCOUNTS_URL: subgraphUrl('accounts'),
    TASKS_URL: subgraphUrl('tasks'),
    PLANNING_URL: subgraphUrl('planning'),
    AUDIT_URL: subgraphUrl('audit'),
    SMTP_URL: smtpUrl,
    // Accounts' reset and verification links point at the web app served here.
    PUBLIC_URL: `http://localhost:${config.PORT}`,
    REMINDER_EMAIL_GRACE_SECONDS: String(config.REMINDER_EMAIL_GRACE_SECONDS),
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };

  say('Migrating schemas…');
  for (const spec of services.filter((s) => s.schema)) {
    const migrate = path.join(path.dirname(spec.entry), 'migrate.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', migrate], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`migrating ${spec.schema} failed:\n${result.stdout}${result.stderr}`);
    say(`  ${spec.schema}: up to date`);
  }

  buildWebAssets();

  say('Starting services…');
  const order = [...services.filter((s) => s.kind !== 'gateway'), ...services.filter((s) => s.kind === 'gateway')];
  for (const spec of order) {
    const extra: Record<string, string> = { PORT: String(portOf(spec)) };
    if (spec.opsPort) extra.OPS_PORT = String(shifted(spec.opsPort));
    if (spec.name === 'accounts') extra.JWT_PRIVATE_KEY = keys.privateKeyPem;
    running.push(startService(spec, { ...env, ...extra }));
  }
  writeFileSync(
    pidsFile,
    JSON.stringify(running.map((r) => ({ name: r.spec.name, pid: r.child.pid, entry: r.spec.entry }))),
  );

  for (const r of running) {
    await waitHealthy(r);
    say(`  ${r.spec.name.padEnd(14)} :${r.port}  healthy`);
  }
  say(`Taskwire is up: http://localhost:${config.PORT}`);
}

function buildWebAssets(): void {
  for (const ws of ['web', 'gateway']) {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, ws, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    const out =
      ws === 'web'
        ? path.join(repoRoot, 'web', 'dist', 'index.html')
        : path.join(repoRoot, 'gateway', 'playground', 'dist');
    if (!pkg.scripts?.build || existsSync(out)) continue;
    say(`Building ${ws} (once)…`);
    const result = spawnSync('npm', ['run', 'build', '-w', ws], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`building ${ws} failed:\n${result.stdout}${result.stderr}`);
  }
}

function startService(spec: ServiceSpec, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    cwd: repoRoot,
    // The service name of its spans (TRACES_FILE / OTEL_EXPORTER_OTLP_ENDPOINT: docs/operations.md).
    env: { ...process.env, OTEL_SERVICE_NAME: spec.name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: Ctrl-C reaches us, and we stop services in order
  });
  const entry: Running = {
    spec,
    child,
    port: Number(env.PORT),
    opsPort: Number(env.OPS_PORT ?? env.PORT),
    lines: [],
    exited: false,
  };
  const onLine = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      entry.lines.push(line);
      if (entry.lines.length > 50) entry.lines.shift();
      say(`[${spec.name}] ${formatLogLine(line)}`);
    }
  };
  child.stdout?.on('data', onLine);
  child.stderr?.on('data', onLine);
  child.once('exit', (code, signal) => {
    entry.exited = true;
    entry.exit = { code, signal };
    if (!stopping) warn(`[${spec.name}] exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return entry;
}

/** Shows pino JSON lines as `level message` for people; other lines as they are. */
function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const { level, msg, err } = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    const name = level === undefined ? '' : level >= 50 ? 'ERROR ' : level >= 40 ? 'WARN ' : '';
    return `${name}${msg ?? ''}${err?.message ? `: ${err.message}` : ''}`;
  } catch {
    return line;
  }
}

async function waitHealthy(r: Running): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (r.exited) throw new Error(`${r.spec.name} exited during start-up:\n${r.lines.slice(-20).join('\n')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${r.opsPort}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${r.spec.name} did not answer /healthz on :${r.opsPort} within 90 s`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** Services of an earlier run that was killed (SIGKILL) keep running: stop them first. */
async function stopLeftoverServices(): Promise<void> {
  if (!existsSync(pidsFile)) return;
  const leftovers = JSON.parse(readFileSync(pidsFile, 'utf8')) as Array<{ name: string; pid: number; entry: string }>;
  for (const l of leftovers) {
    if (!processAlive(l.pid)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${l.pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes(l.entry)) continue;
    say(`Stopping ${l.name} (pid ${l.pid}) left running by an earlier run`);
    await stopPid(l.pid, 10_000);
  }
  rmSync(pidsFile, { force: true });
}

let stoppingSince = 0;

async function shutdown(exitCode: number): Promise<never> {
  if (stopping) {
    // `npm start` forwards the terminal's SIGINT, so one Ctrl-C arrives twice: only a second
    // Ctrl-C, a moment later, skips the orderly stop.
    if (Date.now() - stoppingSince > 2_000) {
      warn('Stopping immediately.');
      process.exit(exitCode === 0 ? 130 : exitCode);
    }
    return new Promise<never>(() => undefined);
  }
  stopping = true;
  stoppingSince = Date.now();
  say('Stopping Taskwire…');
  const groups: Array<ServiceSpec['kind'][]> = [['gateway'], ['worker', 'consumer'], ['subgraph']];
  for (const kinds of groups) {
    await Promise.all(
      running
        .filter((r) => kinds.includes(r.spec.kind) && !r.exited && r.child.pid)
        .map(async (r) => {
          await stopPid(r.child.pid!, 15_000);
          if (!r.exited) await Promise.race([once(r.child, 'exit'), new Promise((res) => setTimeout(res, 2_000))]);
        }),
    );
  }
  for (const r of running) {
    if (r.exit && (r.exit.code !== 0 || r.exit.signal)) {
      warn(`[${r.spec.name}] did not stop cleanly (code ${r.exit.code}, signal ${r.exit.signal})`);
    }
  }
  rmSync(pidsFile, { force: true });
  await smtpSink?.stop().catch(() => undefined);
  if (infra && (infra.started.kafka || infra.started.postgres)) {
    say(
      `Stopping ${[infra.started.kafka && 'Kafka', infra.started.postgres && 'PostgreSQL'].filter(Boolean).join(' and ')}…`,
    );
    await infra.stop().catch((error) => warn(`stopping infrastructure: ${String(error)}`));
  }
  say('Stopped.');
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  if (error instanceof PrerequisiteError) warn(`\n${error.message}\n`);
  else warn(`\nTaskwire could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
});
