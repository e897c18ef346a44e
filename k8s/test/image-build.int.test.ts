// Exercises the image's build steps without a Docker engine: copies the build context (the
// repository less .dockerignore) into a temporary directory, runs bin/build-image-fs.sh there
// (the very script the Dockerfile's build stage RUNs), then starts a service from the pruned
// output through the image's entry point (bin/taskwire.mjs) and checks /healthz and /readyz.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testGatewaySecret, testKafkaBrokers } from '../../test/support.js';
import { repoRoot } from './render.js';

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');

/** .dockerignore patterns as regular expressions (the subset of the syntax the file uses). */
function ignoreMatchers(): RegExp[] {
  return readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => {
      if (p.startsWith('!')) throw new Error(`negated .dockerignore patterns are not supported here: ${p}`);
      const re = p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '\u0000')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        // eslint-disable-next-line no-control-regex -- NUL is the placeholder for `**/` set above: it cannot occur in a path
        .replace(/\u0000/g, '(?:.*/)?');
      return new RegExp(`^${re}(?:/.*)?$`);
    });
}

function copyBuildContext(to: string): number {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
    .split('\0')
    .filter(Boolean);
  const ignored = ignoreMatchers();
  let n = 0;
  for (const f of files) {
    if (ignored.some((r) => r.test(f)) || !existsSync(join(repoRoot, f))) continue;
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(to, f), { verbatimSymlinks: true });
    n += 1;
  }
  return n;
}

async function waitForStatus(url: string, status: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered ${status}`);
    try {
      const res = await fetch(url);
      if (res.status === status) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

function freePortish(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}

describe('image build steps (Dockerfile build stage, without Docker)', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    expect(dockerfile).toMatch(/^RUN bash bin\/build-image-fs\.sh$/m);
    // The steps run on the Node major the image is built on (CI puts it first on PATH).
    const imageMajor = /^ARG NODE_IMAGE=node:(\d+)-slim$/m.exec(dockerfile)?.[1];
    expect(execFileSync('node', ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim()).toBe(
      imageMajor,
    );
    dir = mkdtempSync(join(tmpdir(), 'tw-image-'));
    const copied = copyBuildContext(dir);
    expect(copied).toBeGreaterThan(10);
    execFileSync('bash', ['bin/build-image-fs.sh'], {
      cwd: dir,
      stdio: 'inherit',
      timeout: 240_000,
      env: { ...process.env, NODE_ENV: '' },
    });
  }, 270_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('pruned dev dependencies but kept tsx (services run TypeScript at run time)', () => {
    expect(existsSync(join(dir, 'node_modules/tsx/package.json'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/esbuild/package.json'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/vitest'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(dir, 'k8s'))).toBe(false); // .dockerignore kept it out of the context
  });

  it('the entry point lists every service of the registry from the pruned output', () => {
    const out = execFileSync('node', ['bin/taskwire.mjs', 'list'], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/^gateway gateway 4000$/m);
    expect(out).toMatch(/^accounts subgraph 4001$/m);
  });

  it('migrates and starts a subgraph from the pruned output; /healthz and /readyz answer; SIGTERM stops it', async () => {
    const candidates = ['accounts', 'audit', 'planning', 'tasks'].filter(
      (s) =>
        existsSync(join(dir, `subgraphs/${s}/src/main.ts`)) && existsSync(join(dir, `subgraphs/${s}/src/migrate.ts`)),
    );
    const port = freePortish();
    // A subgraph serves health on its ops port (the check mode on its one port).
    let opsPort = port;
    const keysDir = join(dir, '.keys');
    mkdirSync(keysDir);
    let what: string;
    if (candidates.length) {
      const service = candidates[0]!;
      opsPort = port + 1;
      const env = {
        ...process.env,
        NODE_ENV: 'production',
        TSX_DISABLE_CACHE: '1',
        PORT: String(port),
        OPS_PORT: String(opsPort),
        GATEWAY_SECRET: testGatewaySecret,
        DATABASE_URL: await createTestDatabase('img'),
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KEYS_DIR: keysDir,
        LOG_LEVEL: 'warn',
      };
      execFileSync('node', ['bin/taskwire.mjs', 'migrate', service], {
        cwd: dir,
        env,
        stdio: 'inherit',
        timeout: 60_000,
      });
      child = spawn('node', ['bin/taskwire.mjs', service], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      what = service;
    } else {
      // No service is runnable yet: prove the runtime (node + tsx + registry) with the check mode.
      console.warn(
        '[image-build] no subgraph with main.ts + migrate.ts yet: starting `taskwire check --serve` instead',
      );
      child = spawn('node', ['bin/taskwire.mjs', 'check', '--serve'], {
        cwd: dir,
        env: { ...process.env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      what = 'check';
    }
    child.stdout!.on('data', (b) => (output += b));
    child.stderr!.on('data', (b) => (output += b));
    try {
      await waitForStatus(`http://127.0.0.1:${opsPort}/healthz`, 200, child, 60_000);
      await waitForStatus(`http://127.0.0.1:${opsPort}/readyz`, 200, child, 30_000);
    } catch (e) {
      throw new Error(`${String(e)}\n--- ${what} output ---\n${output}`, { cause: e });
    }
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 25_000))]);
    expect(code, `${what} should stop on SIGTERM within the pod's grace period\n${output}`).not.toBe('timeout');
    console.log(
      `[image-build] started ${what} from the pruned build; healthz/readyz 200; SIGTERM exit code ${String(code)}`,
    );
  }, 150_000);
});
