import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
      Array.from({ length: size }, (_, i) =>
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

describe('npm start', () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'taskwire-start-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('brings the whole stack up from nothing, /readyz 200, and Ctrl-C leaves no process behind', async () => {
    const port = await freePort();
    // Shift every other port away from the defaults (and from a developer's own `npm start`).
    const portBase = await freePortRange(26);
    const child = spawn('npm', ['start'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        TASKWIRE_PORT_BASE: String(portBase),
        TASKWIRE_STATE_DIR: stateDir,
        DATABASE_URL: '',
        KAFKA_BROKERS: '',
        SMTP_URL: '',
        JWT_PRIVATE_KEY: '',
        JWT_PUBLIC_KEY: '',
      },
      detached: true, // its own process group, like a terminal session
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
      if (Date.now() > deadline) throw new Error(`npm start did not come up in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(output.match(/Taskwire is up: /g)).toHaveLength(1);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status, await ready.text()).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);

    const pids = JSON.parse(readFileSync(path.join(stateDir, 'run', 'services.json'), 'utf8')) as Array<{ pid: number }>;
    expect(pids.length).toBeGreaterThanOrEqual(10);
    expect(processesMentioning(stateDir).length).toBeGreaterThan(0); // postgres -D <stateDir>/pg, java …

    process.kill(-child.pid!, 'SIGINT'); // Ctrl-C reaches the whole foreground group
    const { code, signal } = await exited;
    // start.ts stopped everything in order and exited 0; npm itself, having forwarded the
    // Ctrl-C, ends by that signal as it does in a terminal.
    expect(output, output.slice(-3000)).toMatch(/Stopping Taskwire…[\s\S]*Stopping Kafka and PostgreSQL…[\s\S]*Stopped\./);
    expect(output).not.toMatch(/exited unexpectedly/);
    expect(output).not.toMatch(/did not stop cleanly/); // every service ran its own graceful stop
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
});
