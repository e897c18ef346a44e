import type { Generated, Kysely, Migration } from 'kysely';
import { createDatabase } from '@taskwire/platform/database';
import { migrateSchema } from '@taskwire/platform/migrations';
import type { ProcessedEventsTable } from '@taskwire/platform/inbox';
import * as createNotifier from './migrations/2026_11_28_200000_create_notifier.js';
import * as projections from './migrations/2026_12_01_100000_projections.js';

export const notifierSchema = 'notifier';

export type PendingEmailState = 'pending' | 'sending' | 'sent' | 'skipped';

/** One row per reminder firing: the mail to send unless the firing is acknowledged by `due_at`. */
export interface PendingEmailTable {
  firing_id: string;
  user_id: string;
  reminder_id: string;
  task_id: string;
  fired_at: Date;
  /** fired_at + grace: when the acknowledgement is checked and the mail sent. */
  due_at: Date;
  state: PendingEmailState;
  /** When the next attempt may run (due_at first, then the retry backoff). */
  next_attempt_at: Date;
  /** While `sending`: when another process may take it over. */
  lease_until: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** `skipped`: why (acknowledged, user deleted, no recipient). */
  outcome: string | null;
  message_id: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
  /** From `reminder.due` (absent in events older than the field). */
  task_title: string | null;
  /** Rounds the mail waited for its recipient to be projected. */
  recipient_waits: Generated<number>;
}

/** Who gets mail: projected from `user-events`. */
export interface RecipientTable {
  user_id: string;
  /** null once the user is deleted (no personal data is kept). */
  email: string | null;
  name: string | null;
  time_zone: string | null;
  source_updated_at: Date;
  deleted_at: Date | null;
  updated_at: Generated<Date>;
}

/** Firings the user answered (`reminder.acknowledged`): their mail is not sent. */
export interface AcknowledgedFiringTable {
  firing_id: string;
  reminder_id: string;
  user_id: string;
  acknowledged_at: Date;
}

export interface NotifierDatabase {
  pending_email: PendingEmailTable;
  recipient: RecipientTable;
  acknowledged_firing: AcknowledgedFiringTable;
  processed_events: ProcessedEventsTable;
}

export function createNotifierDatabase(databaseUrl: string, maxConnections = 4): Kysely<NotifierDatabase> {
  return createDatabase<NotifierDatabase>({
    url: databaseUrl,
    schema: notifierSchema,
    maxConnections,
    applicationName: 'notifier',
  });
}

/**
 * The migrations of schema `notifier`, imported statically (Kysely's FileMigrationProvider
 * `import()`s `.ts` files, which fails under vitest). Names follow the files'.
 */
export const notifierMigrations: Record<string, Migration> = {
  '2026_11_28_200000_create_notifier': createNotifier,
  '2026_12_01_100000_projections': projections,
};

/**
 * Applies the notifier's migrations (schema `notifier` only; Kysely's migrator holds an
 * advisory lock, so processes starting together apply each migration once).
 * @throws Error naming the failed migration.
 */
export async function migrateNotifier(databaseUrl: string): Promise<void> {
  const db = createNotifierDatabase(databaseUrl, 1);
  try {
    await migrateSchema(db, notifierSchema, notifierMigrations);
  } finally {
    await db.destroy();
  }
}
