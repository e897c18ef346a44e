import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { PlanningDatabase } from '../db/database.js';
import { notifyReminderChange, reminderChannel } from '../modules/reminder/reminder.repository.js';

/** Load helpers shared by the scheduler's integration test and bench/reminders.ts. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Inserts `count` SCHEDULED reminders due between `startInMs` and `startInMs + spreadMs` from
 * now (database clock), evenly spaced, over `users` users, in one statement, and wakes the
 * schedulers. Times are whole milliseconds, like every time the application writes (JS
 * Dates), so a firing time carried through JS keeps `fired_at >= due`. Returns the batch's task-id prefix (its `task_id`s start with it).
 */
export async function seedDueReminders(
  db: Kysely<PlanningDatabase>,
  { count, startInMs, spreadMs, users = 50 }: { count: number; startInMs: number; spreadMs: number; users?: number },
): Promise<string> {
  const batch = `load-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into reminder (id, user_id, task_id, remind_at, offset_minutes, state, fire_at)
      select gen_random_uuid()::text, ${batch} || '-user-' || (i % ${users}), ${batch} || '-task-' || i, at, null, 'SCHEDULED', at
      from (
        select i, date_trunc('milliseconds', now() + make_interval(secs => (${startInMs}::float8 + ${spreadMs}::float8 * i / greatest(${count} - 1, 1)) / 1000)) as at
        from generate_series(0, ${count} - 1) as i
      ) s`.execute(trx);
    await notifyReminderChange(trx);
  });
  return batch;
}

export interface FiringStats {
  reminders: number;
  firings: number;
  distinctFired: number;
  early: number;
  firedEvents: number;
  dueEvents: number;
  p50LateMs: number;
  p99LateMs: number;
  maxLateMs: number;
  /** First to last firing of the batch, in ms. */
  firingSpanMs: number;
  /** Earliest due time to last firing, in ms. */
  dueToLastFiringMs: number;
  /** Firings per scheduler replica (host:pid), largest first. */
  firingsByReplica: number[];
}

/** Counts of one seeded batch: firings, exactly-once, earliness, outbox events, lateness percentiles. */
export async function firingStats(db: Kysely<PlanningDatabase>, batch: string): Promise<FiringStats> {
  const like = `${batch}-%`;
  const result = await sql<Record<string, string | number | null>>`
    select
      (select count(*) from reminder where task_id like ${like}) as reminders,
      count(f.id) as firings,
      count(distinct f.reminder_id) as distinct_fired,
      count(*) filter (where f.fired_at < r.remind_at or f.fired_at < f.due_at) as early,
      coalesce(percentile_cont(0.5) within group (order by f.late_ms), 0) as p50,
      coalesce(percentile_cont(0.99) within group (order by f.late_ms), 0) as p99,
      coalesce(max(f.late_ms), 0) as max_late,
      coalesce(extract(epoch from max(f.fired_at) - min(f.fired_at)) * 1000, 0) as span,
      coalesce(extract(epoch from max(f.fired_at) - min(f.due_at)) * 1000, 0) as due_to_last
    from reminder_firing f join reminder r on r.id = f.reminder_id
    where f.task_id like ${like}`.execute(db);
  const events = await sql<{ type: string; n: string }>`
    select type, count(*) as n from outbox where envelope->>'subject' like ${like} group by type`.execute(db);
  const replicas = await sql<{ n: string }>`
    select count(*) as n from reminder_firing where task_id like ${like} group by fired_by order by count(*) desc`.execute(
    db,
  );
  const row = result.rows[0]!;
  const byType = new Map(events.rows.map((e) => [e.type, Number(e.n)]));
  return {
    reminders: Number(row.reminders),
    firings: Number(row.firings),
    distinctFired: Number(row.distinct_fired),
    early: Number(row.early),
    firedEvents: byType.get('reminder.fired') ?? 0,
    dueEvents: byType.get('reminder.due') ?? 0,
    p50LateMs: Math.round(Number(row.p50)),
    p99LateMs: Math.round(Number(row.p99)),
    maxLateMs: Number(row.max_late),
    firingSpanMs: Math.round(Number(row.span)),
    dueToLastFiringMs: Math.round(Number(row.due_to_last)),
    firingsByReplica: replicas.rows.map((r) => Number(r.n)),
  };
}

/** Number of firings of a seeded batch so far. */
export async function countFirings(db: Kysely<PlanningDatabase>, batch: string): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*) as n from reminder_firing where task_id like ${`${batch}-%`}`.execute(db);
  return Number(r.rows[0]!.n);
}

/**
 * Starts `subgraphs/planning/src/scheduler-main.ts` as a separate process. `node --import tsx`
 * rather than the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL of the
 * child would orphan.
 */
export function spawnScheduler(databaseUrl: string, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/planning/src/scheduler-main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

/** Resolves once `count` scheduler processes are LISTENing on this database. */
export async function waitForListeners(db: Kysely<PlanningDatabase>, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and application_name = 'planning-scheduler-listen'
        and query ilike ${`listen ${reminderChannel}%`}`.execute(db);
    if (Number(r.rows[0]!.n) >= count) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} scheduler listener(s)`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** SIGKILLs / SIGTERMs a child and waits for it to exit. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
