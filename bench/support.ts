/**
 * Shared preamble of the benchmarks under bench/: they run only against servers on this
 * machine, within a hard time limit, each in a private database that it drops afterwards.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

/**
 * Exits with code 1 (after a message on stderr) unless every URL or `host:port` points at
 * 127.0.0.1 or localhost: benchmarks put load only on this machine's servers.
 */
export function assertLoopback(targets: readonly string[]): void {
  for (const target of targets) {
    const host = target.includes('://') ? new URL(target).hostname : target.split(':')[0];
    if (host !== '127.0.0.1' && host !== 'localhost') {
      process.stderr.write(`refusing to load ${host}: this benchmark runs against 127.0.0.1 only\n`);
      process.exit(1);
    }
  }
}

/**
 * Hard time limit: after `seconds`, runs `onTimeout` (e.g. SIGKILL child processes), says so
 * on stderr and exits with code 2. The timer does not keep the process alive; `clear()` cancels it.
 */
export function startDeadline(seconds: number, onTimeout?: () => void): { clear(): void } {
  const timer = setTimeout(() => {
    process.stderr.write(`benchmark exceeded ${seconds} s; aborting\n`);
    onTimeout?.();
    process.exit(2);
  }, seconds * 1000);
  timer.unref();
  return { clear: () => clearTimeout(timer) };
}

/**
 * Creates `<prefix>_<random hex>` on the server of `adminUrl` and returns its name and URL.
 * `drop()` drops it (`with (force)`, so leftover connections do not block it; a failure is
 * reported on stderr, not thrown) and closes the admin connection; `close()` only closes the
 * admin connection and keeps the database (for a run that is to be inspected afterwards).
 */
export async function createBenchDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ name: string; url: string; drop(): Promise<void>; close(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
      } catch (error) {
        process.stderr.write(`drop database ${name} failed: ${String(error)}\n`);
      } finally {
        await admin.end();
      }
    },
    close: () => admin.end(),
  };
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Polls `<origin>/healthz` every 200 ms until it answers 2xx; throws after `timeoutMs`. */
export async function waitHealthy(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${origin} did not become healthy within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
