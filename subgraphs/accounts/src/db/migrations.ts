import type { Kysely, Migration } from 'kysely';
import { migrateSchema } from '@taskwire/platform/migrations';
import * as createUsers from './migrations/2026_11_28_180000_create_users.js';
import * as createOutbox from './migrations/2026_12_01_100000_create_outbox.js';
import * as signInFailuresByPair from './migrations/2026_12_05_100000_sign_in_failures_by_pair.js';
import * as createIdempotencyKeys from './migrations/2026_12_06_100000_create_idempotency_keys.js';
import * as sessionsLinksMail from './migrations/2026_12_10_100000_sessions_links_mail.js';
import * as shareMails from './migrations/2026_12_12_100000_share_mails.js';
import * as projectMembers from './migrations/2026_12_12_110000_project_members.js';

/**
 * The migrations of schema `accounts`, imported statically (see platform `migrateSchema`).
 */
export const accountsMigrations: Record<string, Migration> = {
  '2026_11_28_180000_create_users': createUsers,
  '2026_12_01_100000_create_outbox': createOutbox,
  '2026_12_05_100000_sign_in_failures_by_pair': signInFailuresByPair,
  '2026_12_06_100000_create_idempotency_keys': createIdempotencyKeys,
  '2026_12_10_100000_sessions_links_mail': sessionsLinksMail,
  '2026_12_12_100000_share_mails': shareMails,
  '2026_12_12_110000_project_members': projectMembers,
};

/** Applies pending migrations of this subgraph's schema (see platform `migrateSchema`). */
export async function applyAccountsMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  return migrateSchema(db, schema, accountsMigrations);
}
