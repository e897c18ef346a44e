/** `@taskwire/tasks/server`: the tasks subgraph as a service (for `dev/`, the test stack and benchmarks). */
export { startTasksService, type TasksService, type TasksServiceOptions } from './service.js';
export { tasksConfigSchema, type TasksConfig } from './env.js';
export { tasksMutationIdempotency } from './idempotency.js';
