import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { type AuditDB, deleteAuditEntriesBefore } from '@taskwire/audit';

const dayMs = 86_400_000;

/** The oldest occurred-at kept: rows older than `retentionDays` days before `now` go. */
export function retentionCutoff(retentionDays: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - retentionDays * dayMs);
}

/**
 * Deletes audit rows that occurred more than `retentionDays` days ago, in batches; never
 * a row of the last `retentionDays` days. `db` must connect as the migration owner (the
 * writer and reader roles cannot delete).
 * @returns how many rows were deleted.
 */
export async function applyAuditRetention(
  db: Kysely<AuditDB>,
  { retentionDays, now = new Date(), batchSize = 5_000 }: { retentionDays: number; now?: Date; batchSize?: number },
): Promise<number> {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new Error(`retentionDays must be a positive integer, got ${retentionDays}`);
  return deleteAuditEntriesBefore(db, retentionCutoff(retentionDays, now), batchSize);
}

/** Runs retention now and then every `intervalMs`; never overlapping. Returns a stop function. */
export function scheduleAuditRetention(
  db: Kysely<AuditDB>,
  options: { retentionDays: number; intervalMs: number; logger: Logger },
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = applyAuditRetention(db, { retentionDays: options.retentionDays })
      .then((deleted) => {
        if (deleted > 0)
          options.logger.info({ deleted, retentionDays: options.retentionDays }, 'audit retention deleted old entries');
      })
      .catch((err) => options.logger.error({ err }, 'audit retention failed; will retry at the next interval'));
  };
  run();
  const timer = setInterval(() => {
    if (!stopped) void running.then(run);
  }, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
