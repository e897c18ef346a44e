/**
 * `@taskwire/planning`: the planning domain as workers of the planning schema use it
 * (planning-sync keeps the task projection from task events and moves, cancels or copies a
 * task's reminders and tags with these). Everything else in this package is internal; the
 * service is `@taskwire/planning/server`, the migrator `@taskwire/planning/migrate`.
 */
export { planningSchema, type PlanningDatabase } from './db/database.js';
export { createPlanningDatabase } from './service.js';
export { reminderEvent, taskTagEvent, type ReminderEventType } from './modules/events.js';
export {
  insertReminders,
  isFiringAcknowledged,
  lockTaskReminders,
  lockUserReminders,
  notifyReminderChange,
  rescheduleReminderRow,
  setReminderState,
  cancelReminderRow,
  restoreCancelledReminders,
  type ReminderRow,
} from './modules/reminder/reminder.repository.js';
export { addTaskTags, dropAllTaskTags, dropTaskTags, tagsForTasks } from './modules/tag/tag.repository.js';
export {
  dueInstant,
  liveTaskIdsOfProject,
  mayUseTask,
  personalDataHolders,
  taskStateOf,
  upsertTaskStates,
  setTaskTrashed,
  findTaskState,
  type TaskStateInput,
} from './modules/task-state/task-state.repository.js';
export { eraseUser, erasedUsersAmong } from './modules/user-erasure/user-erasure.repository.js';
export {
  applyMembershipEvent,
  membershipEventTypes,
  type MembershipEvent,
} from './modules/project-member/project-member.repository.js';
