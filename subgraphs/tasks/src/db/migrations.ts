import type { Kysely, Migration } from 'kysely';
import { migrateSchema } from '@taskwire/platform/migrations';
import * as createTasks from './migrations/2026_11_28_180000_create_tasks.js';
import * as searchPerUser from './migrations/2026_11_28_190000_search_per_user.js';
import * as userProfile from './migrations/2026_12_01_100000_user_profile.js';
import * as createIdempotencyKeys from './migrations/2026_12_06_100000_create_idempotency_keys.js';
import * as projects from './migrations/2026_12_10_100000_projects.js';
import * as projectAccess from './migrations/2026_12_11_100000_project_access.js';
import * as savedViews from './migrations/2026_12_14_100000_saved_views.js';
import * as taskPositions from './migrations/2026_12_15_100000_task_positions.js';
import * as subtasks from './migrations/2026_12_16_100000_subtasks.js';
import * as trash from './migrations/2026_12_17_100000_trash.js';

/**
 * The migrations of schema `tasks`, imported statically (see platform `migrateSchema`).
 */
export const tasksMigrations: Record<string, Migration> = {
  '2026_11_28_180000_create_tasks': createTasks,
  '2026_11_28_190000_search_per_user': searchPerUser,
  '2026_12_01_100000_user_profile': userProfile,
  '2026_12_06_100000_create_idempotency_keys': createIdempotencyKeys,
  '2026_12_10_100000_projects': projects,
  '2026_12_11_100000_project_access': projectAccess,
  '2026_12_14_100000_saved_views': savedViews,
  '2026_12_15_100000_task_positions': taskPositions,
  '2026_12_16_100000_subtasks': subtasks,
  '2026_12_17_100000_trash': trash,
};

/** Applies pending migrations of this subgraph's schema (see platform `migrateSchema`). */
export async function applyTasksMigrations(db: Kysely<any>, schema: string): Promise<string[]> {
  return migrateSchema(db, schema, tasksMigrations);
}
