import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support.js';
import { createTaskwireClient, TaskwireError } from '../src/index.js';
import { nextMondayAt9Utc, runQuickstart, type QuickstartResult } from './quickstart.js';

// Runs the README's quickstart against the whole stack (gateway, subgraphs, consumers,
// PostgreSQL, Kafka) and checks what it printed is what the contract promises.

interface Stack {
  gatewayUrl: string;
  stop(): Promise<void>;
}

// test/stack.ts (the integration lead's) starts the whole stack. It is loaded by a computed
// path so the repo type-checks before it lands; until then this file fails, it does not skip.
const stackModule = fileURLToPath(new URL('../../test/stack.ts', import.meta.url));

let stack: Stack | undefined;
let result: QuickstartResult;
const lines: string[] = [];
const startedAt = new Date();

beforeAll(async () => {
  const { startStack } = (await import(/* @vite-ignore */ stackModule)) as { startStack(): Promise<Stack> };
  stack = await startStack();
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
