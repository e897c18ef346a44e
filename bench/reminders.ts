/**
 * Benchmark of the reminder scheduler (bounded; 127.0.0.1 servers only).
 *
 *   DATABASE_URL=postgres://postgres:taskwire@127.0.0.1:55432/taskwire npx tsx bench/reminders.ts
 *
 * For one and for two scheduler processes (`subgraphs/planning/src/scheduler-main.ts`,
 * spawned as in production, batch size 500):
 * 1. Burst: BENCH_REMINDERS (default 10,000) reminders all due at the same instant, 2 s after
 *    they are written. Fired per second = count / (last firing − due time): the catch-up
 *    rate (each firing = reminder update + firing row + two outbox events, one transaction
 *    per batch). Its lateness is queueing behind the burst.
 * 2. Paced: BENCH_PACED (default 5,000) reminders due evenly over 5 s (1,000/s): lateness
 *    p50/p99 when the schedulers keep up (timer jitter + one transaction).
 * Every run also checks exactly-once (firings = reminders = reminder.fired = reminder.due
 * outbox rows) and that nothing fired early by the database clock.
 *
 * It creates its own database on the given server and drops it afterwards. No outbox relay
 * runs, so nothing reaches Kafka. Hard limit: BENCH_TIMEOUT_SECONDS (default 300).
 */
import type { ChildProcess } from 'node:child_process';
import { z } from 'zod';
import { envFields, loadConfigOrExit } from '@taskwire/platform/config';
import { createPlanningDatabase } from '@taskwire/planning';
import { migratePlanning } from '@taskwire/planning/migrate';
import {
  countFirings,
  firingStats,
  seedDueReminders,
  spawnScheduler,
  stopProcess,
  waitForListeners,
  type FiringStats,
} from '@taskwire/planning/testing';
import { assertLoopback, createBenchDatabase, startDeadline } from './support.js';

const config = loadConfigOrExit(
  z.object({
    DATABASE_URL: envFields.databaseUrl,
    BENCH_REMINDERS: z.coerce.number().int().min(100).max(50_000).default(10_000),
    BENCH_PACED: z.coerce.number().int().min(100).max(20_000).default(5_000),
    BENCH_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(900).default(300),
  }),
);

const children = new Set<ChildProcess>();
assertLoopback([config.DATABASE_URL]);
const hardStop = startDeadline(config.BENCH_TIMEOUT_SECONDS, () => {
  for (const c of children) c.kill('SIGKILL');
});

const database = await createBenchDatabase(config.DATABASE_URL, 'bench_reminders');
const databaseUrl = database.url;
await migratePlanning(databaseUrl);
const db = createPlanningDatabase(databaseUrl, 2);

async function scenario(
  processes: number,
  seed: { count: number; startInMs: number; spreadMs: number },
): Promise<FiringStats> {
  const running: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    const child = spawnScheduler(databaseUrl, { LOG_LEVEL: 'warn' });
    children.add(child);
    running.push(child);
  }
  try {
    await waitForListeners(db, processes);
    const batch = await seedDueReminders(db, seed);
    while ((await countFirings(db, batch)) < seed.count) await new Promise((r) => setTimeout(r, 100));
    const stats = await firingStats(db, batch);
    const exact =
      stats.firings === seed.count &&
      stats.distinctFired === seed.count &&
      stats.firedEvents === seed.count &&
      stats.dueEvents === seed.count;
    if (!exact || stats.early !== 0) throw new Error(`exactly-once or never-early violated: ${JSON.stringify(stats)}`);
    return stats;
  } finally {
    for (const child of running) {
      await stopProcess(child);
      children.delete(child);
    }
  }
}

const rows: string[] = [];
try {
  for (const processes of [1, 2]) {
    const burst = await scenario(processes, { count: config.BENCH_REMINDERS, startInMs: 2_000, spreadMs: 0 });
    const perSecond = Math.round(burst.firings / (burst.dueToLastFiringMs / 1_000));
    rows.push(
      `${processes} process(es)  burst ${burst.firings} due at once: ${perSecond} fired/s (last one ${burst.dueToLastFiringMs} ms after due), lateness p50 ${burst.p50LateMs} ms p99 ${burst.p99LateMs} ms; per process ${burst.firingsByReplica.join('/')}`,
    );
    const paced = await scenario(processes, { count: config.BENCH_PACED, startInMs: 2_000, spreadMs: 5_000 });
    rows.push(
      `${processes} process(es)  paced ${paced.firings} due over 5 s (${Math.round(paced.firings / 5)}/s): lateness p50 ${paced.p50LateMs} ms, p99 ${paced.p99LateMs} ms, max ${paced.maxLateMs} ms; per process ${paced.firingsByReplica.join('/')}`,
    );
    process.stdout.write(`${rows.slice(-2).join('\n')}\n`);
  }
} finally {
  await db.destroy();
  await database.drop();
  hardStop.clear();
}
process.stdout.write(
  `\nreminder scheduler benchmark (exactly once and never early checked in every run)\n${rows.join('\n')}\n`,
);
