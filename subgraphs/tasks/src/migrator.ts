/**
 * `@taskwire/tasks/migrate`: the tasks schema's migrator. Only this package migrates schema
 * `tasks` (its `migrate.ts` entry: the init container, `npm start`, the test stack); a worker
 * that uses the schema waits for it instead.
 */
import { waitForMigrations } from '@taskwire/platform/migrations';
import { tasksSchemaName } from './db/database.js';
import { tasksMigrations } from './db/migrations.js';

export { migrateTasks } from './service.js';
export { tasksMigrations };

/** Resolves once the tasks schema has every migration this build knows (see `waitForMigrations`). */
export function waitForTasksSchema(
  db: Parameters<typeof waitForMigrations>[0],
  options?: Parameters<typeof waitForMigrations>[3],
): Promise<void> {
  return waitForMigrations(db, tasksSchemaName, Object.keys(tasksMigrations), options);
}
