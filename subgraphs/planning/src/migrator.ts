/**
 * `@taskwire/planning/migrate`: the planning schema's migrator. Only this package migrates
 * schema `planning` (its `migrate.ts` entry: the init container, `npm start`, the test stack);
 * workers that use the schema (planning-sync, the scheduler) wait for it instead.
 */
import { waitForMigrations } from '@taskwire/platform/migrations';
import { planningSchema } from './db/database.js';
import { planningMigrations } from './db/migrations.js';

export { migratePlanning } from './service.js';
export { planningMigrations };

/** Resolves once the planning schema has every migration this build knows (see `waitForMigrations`). */
export function waitForPlanningSchema(
  db: Parameters<typeof waitForMigrations>[0],
  options?: Parameters<typeof waitForMigrations>[3],
): Promise<void> {
  return waitForMigrations(db, planningSchema, Object.keys(planningMigrations), options);
}
