import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Generated, Kysely } from 'kysely';
import { createDatabase } from '@taskwire/platform/database';
import type { ProcessedEventsTable } from '@taskwire/platform/inbox';
import { migrateSchema } from '@taskwire/platform/migrations';

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
  /** `skipped`: why (acknowledged, no recipient). */
  outcome: string | null;
  message_id: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
}

export interface NotifierDatabase {
  pending_email: PendingEmailTable;
  processed_events: ProcessedEventsTable;
}

export function createNotifierDatabase(databaseUrl: string, maxConnections = 4): Kysely<NotifierDatabase> {
  return createDatabase<NotifierDatabase>({ url: databaseUrl, schema: notifierSchema, maxConnections, applicationName: 'notifier' });
}

/** Applies the notifier's migrations (schema `notifier` only). */
export async function migrateNotifier(databaseUrl: string): Promise<void> {
  const db = createNotifierDatabase(databaseUrl, 1);
  try {
    await migrateSchema(db, notifierSchema, path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'));
  } finally {
    await db.destroy();
  }
}
