import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, processAlive } from './free-port.js';
import { startInfra } from './infra.js';
import { repoRoot } from './paths.js';

function startInfraProcess(stateDir: string): Promise<{ pid: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/test-fixtures/infra-process.ts', stateDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`infra process did not come up:\n${output}`)), 120_000);
    child.stdout.on('data', () => {
      if (output.includes('READY')) {
        clearTimeout(timer);
        resolve({ pid: child.pid!, output: () => output });
      }
    });
    child.once('exit', (code) => reject(new Error(`infra process exited with ${code}:\n${output}`)));
  });
}

describe('local infrastructure', () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'taskwire-stale-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('detects PostgreSQL and Kafka left running by a killed run, stops them, and starts again on the same data', async () => {
    const first = await startInfraProcess(stateDir);
    const pgPid = Number(readFileSync(path.join(stateDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const kafkaPid = Number(readFileSync(path.join(stateDir, 'kafka', 'broker.pid'), 'utf8'));
    const url = /READY (\S+)/.exec(first.output())![1]!;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table survivor (id int primary key); insert into survivor values (42)');
    await client.end();

    process.kill(first.pid, 'SIGKILL'); // like a killed terminal: servers keep running
    await new Promise((r) => setTimeout(r, 300));
    expect(processAlive(pgPid)).toBe(true);
    expect(processAlive(kafkaPid)).toBe(true);

    const lines: string[] = [];
    const infra = await startInfra({ stateDir, fast: true, log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toMatch(
        new RegExp(`found PostgreSQL \\(pid ${pgPid}\\) left running by an earlier run`),
      );
      expect(lines.join('\n')).toMatch(
        new RegExp(`found a Kafka broker \\(pid ${kafkaPid}\\) left running by an earlier run`),
      );
      expect(processAlive(pgPid)).toBe(false);
      expect(processAlive(kafkaPid)).toBe(false);
      const again = new pg.Client({ connectionString: infra.databaseUrl });
      await again.connect();
      const { rows } = await again.query('select id from survivor');
      await again.end();
      expect(rows).toEqual([{ id: 42 }]); // committed data survived the kill
    } finally {
      await infra.stop();
    }
  }, 240_000);

  it('a PostgreSQL that fails to start stops the Kafka broker already started, and the error names the cause', async () => {
    const failingState = mkdtempSync(path.join(os.tmpdir(), 'taskwire-pgfail-'));
    // Holds PostgreSQL's port; connections to it are dropped at once (so closing it never waits).
    const blocker = net.createServer((socket) => socket.destroy());
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const lines: string[] = [];
    try {
      const failure = await startInfra({
        stateDir: failingState,
        postgresPort: port,
        fast: true,
        log: (l) => lines.push(l),
      })
        .then(() => undefined)
        .catch((error: unknown) => error as Error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure!.message).toContain(`PostgreSQL did not start on port ${port}`);
      expect(failure!.message).toMatch(/could not bind|Address already in use/);
      // Kafka came up beside it (its pid file is there) and is stopped again: nothing of this run is left.
      const brokerPidFile = path.join(failingState, 'kafka', 'broker.pid');
      if (existsSync(brokerPidFile)) expect(processAlive(Number(readFileSync(brokerPidFile, 'utf8')))).toBe(false);
      expect(lines.join('\n')).toMatch(/Kafka .*broker up|formatting KRaft storage/);
      expect(processesMentioning(failingState)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      rmSync(failingState, { recursive: true, force: true });
    }
  }, 240_000);
});

/** Every process whose command line mentions `needle` (postgres -D <dir>, java … <dir>). */
function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) found.push(`${name}: ${cmdline}`);
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}
