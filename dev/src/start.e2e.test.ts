import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../test/support.js';
import { freePort } from './free-port.js';
import { repoRoot } from './paths.js';

/** Every process whose command line mentions `needle` (postgres -D <dir>, java … <dir>, node <entry>). */
function processesMentioning(needle: string): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) found.push({ pid: Number(name), cmdline });
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

/** A base B such that B…B+size-1 are all free, below the kernel's ephemeral range (32768+). */
async function freePortRange(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 300) * 40;
    const free = await Promise.all(
      Array.from(
        { length: size },
        (_, i) =>
          new Promise<boolean>((resolve) => {
            const server = net.createServer();
            server.once('error', () => resolve(false));
            server.listen(base + i, '127.0.0.1', () => server.close(() => resolve(true)));
          }),
      ),
    );
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free range of ports found');
}

interface StartedRun {
  output: () => string;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `npm start` in its own process group (like a terminal) until "Taskwire is up". */
async function npmStart(env: Record<string, string>, port: number): Promise<StartedRun> {
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 180_000;
  while (!output.includes(`Taskwire is up: http://localhost:${port}`)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`npm start did not come up in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    output: () => output,
    stop: async () => {
      process.kill(-child.pid!, 'SIGINT'); // Ctrl-C reaches the whole foreground group
      return exited;
    },
  };
}

describe('npm start', () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'taskwire-start-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('brings the whole stack up from nothing, /readyz 200, and Ctrl-C leaves no process behind', async () => {
    const port = await freePort();
    // Shift every other port away from the defaults (and from a developer's own `npm start`).
    const portBase = await freePortRange(35);
    const run = await npmStart(
      {
        PORT: String(port),
        TASKWIRE_PORT_BASE: String(portBase),
        TASKWIRE_STATE_DIR: stateDir,
        DATABASE_URL: '',
        KAFKA_BROKERS: '',
        SMTP_URL: '',
        JWT_PRIVATE_KEY: '',
        JWT_PUBLIC_KEY: '',
        GATEWAY_SECRET: '',
      },
      port,
    );
    const output = run.output;
    expect(output().match(/Taskwire is up: /g)).toHaveLength(1);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status, await ready.text()).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    // The gateway secret was generated into the state folder; the subgraphs answer nobody else,
    // and their health is on their ops ports (B+31…B+34).
    expect(readFileSync(path.join(stateDir, 'gateway-secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    const direct = await fetch(`http://127.0.0.1:${portBase + 1}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(direct.status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${portBase + 31}/healthz`)).status).toBe(200);
    // The gateway's /metrics is on its ops port (B+30) only.
    expect((await fetch(`http://127.0.0.1:${portBase + 30}/metrics`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);

    const pids = JSON.parse(readFileSync(path.join(stateDir, 'run', 'services.json'), 'utf8')) as Array<{
      pid: number;
    }>;
    expect(pids.length).toBeGreaterThanOrEqual(10);
    expect(processesMentioning(stateDir).length).toBeGreaterThan(0); // postgres -D <stateDir>/pg, java …

    const { code, signal } = await run.stop();
    // start.ts stopped everything in order and exited 0; npm itself, having forwarded the
    // Ctrl-C, ends by that signal as it does in a terminal.
    expect(output(), output().slice(-3000)).toMatch(
      /Stopping Taskwire…[\s\S]*Stopping Kafka and PostgreSQL…[\s\S]*Stopped\./,
    );
    expect(output()).not.toMatch(/exited unexpectedly/);
    expect(output()).not.toMatch(/did not stop cleanly/); // every service ran its own graceful stop
    expect(code === 0 || signal === 'SIGINT', `npm exit ${code} ${signal}`).toBe(true);

    // Allow the kernel a moment to reap; then nothing of this run may remain.
    const settle = Date.now() + 15_000;
    let left = processesMentioning(stateDir);
    while (left.length > 0 && Date.now() < settle) {
      await new Promise((r) => setTimeout(r, 200));
      left = processesMentioning(stateDir);
    }
    expect(left).toEqual([]);
    for (const { pid } of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 300_000);
  it('uses the servers named by DATABASE_URL and KAFKA_BROKERS and starts neither', async () => {
    const port = await freePort();
    const portBase = await freePortRange(35);
    const own = mkdtempSync(path.join(os.tmpdir(), 'taskwire-start-ext-'));
    try {
      const run = await npmStart(
        {
          PORT: String(port),
          TASKWIRE_PORT_BASE: String(portBase),
          TASKWIRE_STATE_DIR: own,
          DATABASE_URL: await createTestDatabase('start'),
          KAFKA_BROKERS: inject('kafkaBrokers').join(','),
          SMTP_URL: '',
          JWT_PRIVATE_KEY: '',
          JWT_PUBLIC_KEY: '',
        },
        port,
      );
      expect(run.output()).toMatch(/PostgreSQL: from DATABASE_URL; Kafka: from KAFKA_BROKERS/);
      expect(existsSync(path.join(own, 'pg'))).toBe(false);
      expect(existsSync(path.join(own, 'kafka'))).toBe(false);
      expect(processesMentioning(path.join(own, 'pg'))).toEqual([]);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      const pids = JSON.parse(readFileSync(path.join(own, 'run', 'services.json'), 'utf8')) as Array<{ pid: number }>;
      const signUp = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($i: SignUpInput!) { signUp(input: $i) { user { id } } }',
          variables: {
            i: { email: `ext-${Date.now()}@example.com`, password: 'correct horse battery 9', name: 'Ext' },
          },
        }),
      });
      expect(
        ((await signUp.json()) as { data?: { signUp?: { user?: { id?: string } } } }).data?.signUp?.user?.id,
      ).toBeTruthy();
      await run.stop();
      expect(run.output()).toMatch(/Stopped\./);
      expect(run.output()).not.toMatch(/Stopping (Kafka|PostgreSQL)/); // it started neither, so it stops neither
      expect(run.output()).not.toMatch(/did not stop cleanly/);
      for (const { pid } of pids) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 300_000);
});
