/**
 * `@taskwire/tasks`: the tasks domain as workers of the tasks schema use it (the recurrence
 * consumer creates a series' next instance with these). Everything else in this package is
 * internal; the service is `@taskwire/tasks/server`, the migrator `@taskwire/tasks/migrate`.
 */
export { createTasksDatabase, tasksSchemaName, type TasksDatabase } from './db/database.js';
export { priorityRank, type NewTaskRow, type TaskRow } from './modules/task/task.model.js';
export {
  findTaskById,
  firstInstanceWithStart,
  lockSeries,
  seriesNeighbours,
  type SeriesNeighbours,
} from './modules/task/task.repository.js';
export { insertNextInstance } from './modules/task/task.series.js';
