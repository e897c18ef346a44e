/** `@taskwire/planning/server`: the planning subgraph and its reminder scheduler as services (for `dev/`, the test stack and benchmarks). */
export { startPlanningService, type PlanningService } from './service.js';
export { planningConfigSchema, type PlanningConfig } from './env.js';
export { createReminderScheduler, type ReminderScheduler } from './scheduler/scheduler.js';
export { planningMutationIdempotency } from './idempotency.js';
