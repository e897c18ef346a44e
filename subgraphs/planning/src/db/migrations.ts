import type { Kysely, Migration } from 'kysely';
import { migrateSchema } from '@taskwire/platform/migrations';
import * as createPlanning from './migrations/2026_11_28_190000_create_planning.js';
import * as firingFiredBy from './migrations/2026_11_28_200000_firing_fired_by.js';
import * as taskStateTitle from './migrations/2026_11_30_180000_task_state_title.js';
import * as erasedUser from './migrations/2026_12_02_120000_erased_user.js';
import * as createIdempotencyKeys from './migrations/2026_12_06_100000_create_idempotency_keys.js';
import * as projectMembers from './migrations/2026_12_11_120000_project_members.js';
import * as reminderCancelReason from './migrations/2026_12_13_100000_reminder_cancel_reason.js';
import * as taskStateTrashed from './migrations/2026_12_17_100000_task_state_trashed.js';

/**
 * The migrations of schema `planning`, imported statically (see platform `migrateSchema`).
 */
export const planningMigrations: Record<string, Migration> = {
  '2026_11_28_190000_create_planning': createPlanning,
  '2026_11_28_200000_firing_fired_by': firingFiredBy,
  '2026_11_30_180000_task_state_title': taskStateTitle,
  '2026_12_02_120000_erased_user': erasedUser,
  '2026_12_06_100000_create_idempotency_keys': createIdempotencyKeys,
  '2026_12_11_120000_project_members': projectMembers,
  '2026_12_13_100000_reminder_cancel_reason': reminderCancelReason,
  '2026_12_17_100000_task_state_trashed': taskStateTrashed,
};

/** Applies pending migrations of this subgraph's schema (see platform `migrateSchema`). */
export async function applyPlanningMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  return migrateSchema(db, schema, planningMigrations);
}
