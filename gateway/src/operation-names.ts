/**
 * The operation names the project's own clients send (the typed SDK's and the web app's
 * documents; operation-names.test.ts keeps this list equal to their generated code). Only
 * these become metric labels: any other client-chosen name is `other`, so /metrics stays
 * bounded however many names clients invent.
 */
export const knownOperationNames: ReadonlySet<string> = new Set([
  'AcknowledgeReminder',
  'AddReminder',
  'AuditLog',
  'CompleteTask',
  'CreateTag',
  'CreateTask',
  'DeleteTag',
  'DeleteTask',
  'DismissReminder',
  'DismissReminderInEditor',
  'Me',
  'QuickAddTask',
  'ReminderDue',
  'ReopenTask',
  'SeriesInstances',
  'SetTaskTags',
  'SignIn',
  'SignUp',
  'SnoozeReminder',
  'Tags',
  'Task',
  'TaskEditor',
  'TaskHistory',
  'TaskList',
  'Tasks',
  'UpdateProfile',
  'UpdateTask',
]);

/** The metric label of a client's operation name: a known name, `anonymous` or `other`. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return knownOperationNames.has(name) ? name : 'other';
}
