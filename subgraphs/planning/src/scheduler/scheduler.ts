import os from 'node:os';
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { enqueueEvents } from '@taskwire/platform/outbox';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import { planningSchema, type PlanningDatabase } from '../db/database.js';
import { firingEvents } from '../modules/events.js';
import { claimDueReminders, msUntilNextDue, reminderChannel } from '../modules/reminder/reminder.repository.js';

export interface ReminderSchedulerOptions {
  db: Kysely<PlanningDatabase>;
  /** For the LISTEN connection. */
  databaseUrl: string;
  logger: Logger;
  registry?: MetricsRegistry;
  /** Reminders fired per transaction (default 500). */
  batchSize?: number;
  /** Longest sleep without a NOTIFY or a due reminder (default 30 s). */
  maxIdleMs?: number;
  /** Recorded on each firing row (default `host:pid`). */
  instanceId?: string;
}

export interface ReminderScheduler {
  /** Connects the listener and starts the loop; resolves once listening. */
  start(): Promise<void>;
  /** Lets the batch in flight commit, then stops and disconnects the listener. */
  stop(): Promise<void>;
  /** True while the loop runs and the LISTEN connection is up. */
  ready(): boolean;
}

/**
 * The reminder scheduler. Any number of replicas may run: each claims due reminders with
 * `FOR UPDATE SKIP LOCKED`, so every reminder occurrence fires exactly once (and
 * `reminder_firing (reminder_id, seq)` is unique besides). "Due" is decided by the database
 * clock (`fire_at <= now()`), so nothing fires early whatever the replicas' clocks say.
 *
 * Between batches it sleeps until the earliest pending reminder (asked of the database, in
 * the database's clock), and wakes early on a NOTIFY from anything that schedules or moves a
 * reminder — so lateness is a timer's jitter plus one transaction, not a poll interval.
 * After downtime the first rounds fire everything overdue (late, with `lateMs`).
 */
export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { db, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const maxIdleMs = options.maxIdleMs ?? 30_000;
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}`;
  const registers = options.registry ? [options.registry] : [];
  const firedTotal = new prom.Counter({ name: 'reminders_fired_total', help: 'Reminder firings committed', registers });
  const lateness = new prom.Histogram({
    name: 'reminder_lateness_seconds',
    help: 'Time from a reminder being due to its firing',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30, 300, 3600],
    registers,
  });

  const contendedBackoffMs = 10;
  let running = false;
  let listenerUp = false;
  let listener: pg.Client | null = null;
  let loopDone: Promise<void> = Promise.resolve();
  // Set by a NOTIFY; cleared before each "when is the next one" query, so a NOTIFY that
  // arrives between that query and the sleep is not lost.
  let dirty = true;
  let wake: (() => void) | null = null;

  const poke = () => {
    dirty = true;
    wake?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (dirty || !running) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  /** Tries again each second until the LISTEN connection is back (the database may still be down). */
  function reconnectListenerSoon(): void {
    setTimeout(() => {
      if (!running || listenerUp) return;
      connectListener().catch((error: unknown) => {
        logger.warn({ err: error }, 'scheduler listen connection not restored yet; retrying');
        reconnectListenerSoon();
      });
    }, 1_000).unref();
  }

  async function connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: 'planning-scheduler-listen',
    });
    client.on('notification', poke);
    const lost = (error?: Error) => {
      client.end().catch(() => {});
      if (listener !== client) return; // a failed attempt (its caller retries) or a replaced client
      logger.warn({ err: error }, 'scheduler listen connection lost; reconnecting');
      listener = null;
      listenerUp = false;
      if (running) reconnectListenerSoon();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`listen ${reminderChannel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    listener = client;
    listenerUp = true;
    poke(); // anything scheduled while we were not listening
  }

  async function fireBatch(): Promise<number> {
    return db
      .transaction()
      .execute(async (trx) => {
        const firings = await claimDueReminders(trx, batchSize, instanceId);
        if (firings.length > 0) {
          await enqueueEvents(
            trx,
            planningSchema,
            firings.flatMap((f) => firingEvents(f.reminder, f)),
          );
        }
        return firings;
      })
      .then((firings) => {
        firedTotal.inc(firings.length);
        for (const f of firings) lateness.observe(f.lateMs / 1_000);
        if (firings.length > 0)
          logger.debug(
            { count: firings.length, maxLateMs: Math.max(...firings.map((f) => f.lateMs)) },
            'reminders fired',
          );
        return firings.length;
      });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        dirty = false;
        const fired = await fireBatch();
        failures = 0;
        if (fired >= batchSize) continue; // more may be due already
        const untilNext = await msUntilNextDue(db);
        if (untilNext === 0) {
          if (fired > 0) continue;
          // Due but not claimable: another replica or a user's mutation holds the rows.
          // Back off a little instead of spinning until that transaction ends.
          await sleep(contendedBackoffMs);
          continue;
        }
        // Without a listener, NOTIFYs are lost: poll at most every second meanwhile.
        const cap = listenerUp ? maxIdleMs : Math.min(maxIdleMs, 1_000);
        await sleep(untilNext === null ? cap : Math.min(untilNext, cap));
      } catch (error) {
        failures += 1;
        const delay = Math.min(10_000, 100 * 2 ** Math.min(failures, 7));
        logger.error({ err: error, retryInMs: delay }, 'scheduler round failed');
        dirty = false;
        await sleep(delay);
      }
    }
  }

  return {
    async start() {
      if (running) return;
      running = true;
      await connectListener();
      loopDone = loop();
      logger.info({ batchSize, maxIdleMs }, 'reminder scheduler started');
    },
    async stop() {
      if (!running) return;
      running = false;
      wake?.();
      await loopDone;
      listenerUp = false;
      const closing = listener;
      listener = null; // its 'end' is expected now
      await closing?.end().catch(() => {});
    },
    ready: () => running && listenerUp,
  };
}
