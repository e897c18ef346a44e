import type { ChildProcess } from 'node:child_process';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, eventually } from '../../../../test/support.js';
import type { PlanningDatabase } from '../db/database.js';
import { createPlanningDatabase, migratePlanning } from '../service.js';
import { countFirings, firingStats, seedDueReminders, spawnScheduler, stopProcess, waitForListeners } from './load.js';

let databaseUrl: string;
let db: Kysely<PlanningDatabase>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  databaseUrl = await createTestDatabase('scheduler');
  await migratePlanning(databaseUrl);
  db = createPlanningDatabase(databaseUrl, 2);
});

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stopProcess(c, 'SIGKILL')));
});

afterAll(async () => {
  await db?.destroy();
});

function start(): ChildProcess {
  const child = spawnScheduler(databaseUrl);
  children.push(child);
  return child;
}

describe('reminder scheduler processes', () => {
  it('two replicas fire each of 5,000 reminders exactly once, never early', async () => {
    const a = start();
    const b = start();
    await waitForListeners(db, 2);
    const batch = await seedDueReminders(db, { count: 5_000, startInMs: 1_500, spreadMs: 3_000 });
    await eventually(async () => ((await countFirings(db, batch)) >= 5_000 ? true : undefined), {
      what: '5,000 firings',
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    await Promise.all([stopProcess(a), stopProcess(b)]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    const stats = await firingStats(db, batch);
    console.log(
      `two schedulers, 5,000 reminders due over 3 s: lateness p50 ${stats.p50LateMs} ms, p99 ${stats.p99LateMs} ms, max ${stats.maxLateMs} ms; firings per process ${stats.firingsByReplica.join(' / ')}`,
    );
    expect(stats).toMatchObject({
      reminders: 5_000,
      firings: 5_000,
      distinctFired: 5_000,
      early: 0,
      firedEvents: 5_000,
      dueEvents: 5_000,
    });
    expect(stats.firingsByReplica).toHaveLength(2); // both processes took part
  });

  it('catches up after a SIGKILL: every reminder fires once, the overdue ones marked late', async () => {
    const first = start();
    await waitForListeners(db, 1);
    const batch = await seedDueReminders(db, { count: 1_000, startInMs: 500, spreadMs: 3_000 });
    await eventually(async () => ((await countFirings(db, batch)) >= 50 ? true : undefined), {
      what: 'first firings',
      timeoutMs: 30_000,
    });
    await stopProcess(first, 'SIGKILL');
    const firedBeforeKill = await countFirings(db, batch);
    // Let the rest fall due while nothing runs.
    await eventually(
      async () => {
        const pending = await db
          .selectFrom('reminder')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('task_id', 'like', `${batch}-%`)
          .where('state', '=', 'SCHEDULED')
          .where('fire_at', '>', new Date(Date.now() - 1_000))
          .executeTakeFirstOrThrow();
        return Number(pending.n) === 0 ? true : undefined;
      },
      { what: 'the remaining reminders to be overdue by 1 s', timeoutMs: 30_000, intervalMs: 200 },
    );
    const overdue = await countFirings(db, batch);
    expect(overdue).toBe(firedBeforeKill); // nothing fired while down
    expect(overdue).toBeLessThan(1_000);

    start();
    await eventually(async () => ((await countFirings(db, batch)) >= 1_000 ? true : undefined), {
      what: 'catch-up',
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    const stats = await firingStats(db, batch);
    console.log(
      `after SIGKILL: ${firedBeforeKill} fired before the kill, ${1_000 - firedBeforeKill} caught up; max lateness ${stats.maxLateMs} ms`,
    );
    expect(stats).toMatchObject({
      reminders: 1_000,
      firings: 1_000,
      distinctFired: 1_000,
      early: 0,
      firedEvents: 1_000,
      dueEvents: 1_000,
    });
    const late = await db
      .selectFrom('reminder_firing')
      .select('late_ms')
      .where('task_id', 'like', `${batch}-%`)
      .where('late_ms', '>=', 1_000)
      .execute();
    expect(late.length).toBe(1_000 - firedBeforeKill);
    const lateEvent = await db
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'reminder.due')
      .where('key', 'like', `${batch}-%`)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect((lateEvent.envelope as any).data.lateMs).toBeGreaterThanOrEqual(1_000);
  });
});
