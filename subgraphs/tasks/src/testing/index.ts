/**
 * `@taskwire/tasks/testing`: fixtures for tests and benchmarks outside this package (rows
 * written directly, events built as the service builds them). Not for production code.
 */
export * from './harness.js';
export { keyAt } from '../modules/task/task.order.js';
export {
  bulkPositionSql,
  insertTask,
  updateTaskRow,
  findTaskForUser,
  taskColumns,
} from '../modules/task/task.repository.js';
export { taskCompletedEvent, taskCreatedEvent } from '../modules/task/task.events.js';
export { searchUserTasks } from '../modules/task/task.service.js';
/** The tasks service's projection of accounts' users, read back to check it followed a `user-events` change. */
export { findUserIdByEmail, findUserProfile } from '../modules/user-projection/user-projection.repository.js';
