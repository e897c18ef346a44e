import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support.js';
import { createTaskwireClient, TaskwireError } from '../src/index.js';
import { nextMondayAt9Utc, runQuickstart, type QuickstartResult } from './quickstart.js';

// Runs the README's quickstart against the whole stack (gateway, subgraphs, consumers,
// PostgreSQL, Kafka) and checks what it printed is what the contract promises. The gateway
// enforces trusted documents (TRUSTED_DOCUMENTS=enforce, as in production): the SDK sends ids
// only. Then the SDK as `npm pack` ships it is installed in a fresh project and run.

interface Stack {
  gatewayUrl: string;
  stop(): Promise<void>;
}
interface StackOptions {
  env?: Record<string, string>;
}

// test/stack.ts (the integration lead's) starts the whole stack. It is loaded by a computed
// path so the repo type-checks before it lands; until then this file fails, it does not skip.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const stackModule = fileURLToPath(new URL('../../test/stack.ts', import.meta.url));

let stack: Stack | undefined;
let result: QuickstartResult;
const lines: string[] = [];
const startedAt = new Date();

beforeAll(async () => {
  const { startStack } = (await import(/* @vite-ignore */ stackModule)) as {
    startStack(options?: StackOptions): Promise<Stack>;
  };
  stack = await startStack({ env: { TRUSTED_DOCUMENTS: 'enforce' } });
  result = await runQuickstart({ url: stack.gatewayUrl, listenMs: 60_000, log: (line) => lines.push(line) });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

describe('SDK quickstart against the whole stack', () => {
  it('signs up and in', () => {
    expect(result.user.email).toMatch(/^quickstart-[0-9a-f]{8}@example\.com$/);
    expect(result.user.timeZone).toBe('UTC');
    expect(result.token.split('.')).toHaveLength(3);
    expect(lines[0]).toContain(result.user.email);
  });

  it('creates the weekly task with its rule, tags and a relative reminder', () => {
    const task = result.weeklyTask;
    expect(task.title).toBe('Weekly review');
    expect(task.priority).toBe('HIGH');
    expect(task.status).toBe('OPEN');
    expect(ms(task.dueAt)).toBe(ms(nextMondayAt9Utc(startedAt)));
    expect(task.recurrence).toEqual({ rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'UTC', anchor: 'SCHEDULE' });
    expect(task.tags?.map((tag) => tag.name).sort()).toEqual(['weekly', 'work']);

    // The rule's preview: the three Mondays after the first one, 09:00 UTC, a week apart.
    expect(result.nextOccurrences).toHaveLength(3);
    result.nextOccurrences.forEach((occurrence, index) => {
      expect(new Date(occurrence).getUTCDay()).toBe(1);
      expect(new Date(occurrence).getUTCHours()).toBe(9);
      expect(ms(occurrence) - ms(task.dueAt)).toBe((index + 1) * 7 * 86_400_000);
    });

    expect(result.offsetReminder.offsetMinutes).toBe(30);
    expect(ms(result.offsetReminder.remindAt)).toBe(ms(task.dueAt) - 30 * 60_000);
    expect(result.offsetReminder.state).toBe('SCHEDULED');
    expect(result.offsetReminder.task.id).toBe(task.id);
  });

  it('lists the overdue task, and only overdue ones', () => {
    const ids = result.overdue.map((task) => task.id);
    expect(ids).toContain(result.billTask.id);
    expect(ids).not.toContain(result.weeklyTask.id);
    expect(result.overdue.every((task) => task.isOverdue)).toBe(true);
  });

  it('receives the reminder as it falls due', () => {
    expect(result.notification, lines.join('\n')).not.toBeNull();
    expect(result.notification?.reminder.id).toBe(result.soonReminder.id);
    expect(result.notification?.task.id).toBe(result.weeklyTask.id);
    expect(result.notification?.task.title).toBe('Weekly review');
    expect(ms(result.notification?.firedAt)).toBeGreaterThanOrEqual(ms(result.soonReminder.remindAt) - 1_000);
  });

  it("records the quickstart's changes in the audit log", async () => {
    const client = createTaskwireClient({ url: stack!.gatewayUrl, token: result.token });
    const types = await eventually(
      async () => {
        const log = await client.auditLog({ filter: { taskId: result.weeklyTask.id }, first: 10 });
        const seen = log.edges.map((edge) => edge.node.type);
        return ['task.created', 'task.tagged', 'reminder.added'].every((type) => seen.includes(type))
          ? seen
          : undefined;
      },
      { what: 'audit entries of the weekly task', timeoutMs: 30_000 },
    );
    expect(types).toContain('task.created');
  });

  it('surfaces API errors as TaskwireError with extensions.code', async () => {
    const anonymous = createTaskwireClient({ url: stack!.gatewayUrl });
    const unauthenticated = await anonymous.tasks().catch((error: unknown) => error);
    expect(unauthenticated).toBeInstanceOf(TaskwireError);
    expect((unauthenticated as TaskwireError).code).toBe('UNAUTHENTICATED');

    const client = createTaskwireClient({ url: stack!.gatewayUrl, token: result.token });
    const badInput = (await client.createTask({ title: '' }).catch((error: unknown) => error)) as TaskwireError;
    expect(badInput.code).toBe('BAD_USER_INPUT');
    expect(badInput.field).toBe('input.title');
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS=enforce)', () => {
  const post = async (body: unknown) => {
    const response = await fetch(stack!.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return { status: response.status, code: json.errors?.[0]?.extensions?.code };
  };

  it('refuses a document outside the manifest, sent as text or by an unknown id', async () => {
    expect(await post({ query: '{ me { id email } }' })).toEqual({ status: 400, code: 'PERSISTED_QUERY_ID_REQUIRED' });
    const unknown = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    expect(await post({ extensions: unknown })).toEqual({ status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(await post({ query: '{ me { id } }', extensions: unknown })).toEqual({
      status: 400,
      code: 'PERSISTED_QUERY_NOT_IN_LIST',
    });
  });

  it('answers an id of the manifest by the GraphQL-over-HTTP documentId, over GET too', async () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'schema/trusted-documents.json'), 'utf8')) as {
      operations: Array<{ id: string; name: string; body: string }>;
    };
    const me = manifest.operations.find((operation) => operation.name === 'Me');
    const url = new URL(stack!.gatewayUrl);
    url.searchParams.set('documentId', `sha256:${me!.id}`);
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: null } });
  });
});

describe('the SDK as `npm pack` ships it', () => {
  it('installs in a fresh project, type-checks a script against its declarations and runs it against the stack', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'taskwire-sdk-pack-'));
    // The parent `npm test` exports npm_config_* (workspace settings among them): a fresh
    // project must not inherit them.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
    );
    // Asynchronous: the stack runs in this process, so a blocking spawn would leave it unable to answer.
    const run = async (command: string, args: string[], cwd: string) => {
      try {
        return (await promisify(execFile)(command, args, { cwd, env, encoding: 'utf8', timeout: 180_000 })).stdout;
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
      }
    };
    try {
      // `npm pack` builds dist/ first (prepack: tsc -p sdk/tsconfig.build.json).
      const [packed] = JSON.parse(
        await run('npm', ['pack', '--json', '--pack-destination', work], path.join(repoRoot, 'sdk')),
      ) as Array<{
        filename: string;
        files: Array<{ path: string }>;
      }>;
      const files = packed!.files.map((file) => file.path);
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.d.ts');
      expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
      expect(files.filter((file) => file.includes('.test.'))).toEqual([]);

      const project = path.join(work, 'project');
      mkdirSync(project);
      writeFileSync(
        path.join(project, 'package.json'),
        JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }, null, 2),
      );
      writeFileSync(
        path.join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2023', 'DOM'],
            types: [],
            strict: true,
            skipLibCheck: true,
            outDir: 'out',
          },
          files: ['check.ts'],
        }),
      );
      copyFileSync(path.join(repoRoot, 'sdk/examples/installed/check.ts'), path.join(project, 'check.ts'));
      // Offline-capable: the SDK's dependencies are in the npm cache after the monorepo's `npm ci`.
      await run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed!.filename)],
        project,
      );
      const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
      await run(tsc, ['-p', 'tsconfig.json', '--noEmit'], project);
      await run(tsc, ['-p', 'tsconfig.json'], project);
      const output = await run(process.execPath, ['out/check.js', stack!.gatewayUrl], project);
      const result = JSON.parse(output.trim().split('\n').at(-1)!) as {
        created: number;
        titles: string[];
        pageCount: number;
        aborted: boolean;
      };
      expect(result).toMatchObject({ created: 3, titles: ['first', 'second', 'third'], pageCount: 2, aborted: true });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
