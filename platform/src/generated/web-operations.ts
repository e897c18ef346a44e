export const webOperations = {
  Query: {
    TaskEditor: 'TaskEditor' as const,
    TaskHistory: 'TaskHistory' as const,
    SeriesInstances: 'SeriesInstances' as const,
    TaskList: 'TaskList' as const,
    Tags: 'Tags' as const
  },
  Mutation: {
    AcknowledgeReminder: 'AcknowledgeReminder' as const,
    SnoozeReminder: 'SnoozeReminder' as const,
    DismissReminder: 'DismissReminder' as const,
    SignUp: 'SignUp' as const,
    SignIn: 'SignIn' as const,
    CompleteTask: 'CompleteTask' as const,
    ReopenTask: 'ReopenTask' as const,
    DeleteTask: 'DeleteTask' as const,
    DismissReminderInEditor: 'DismissReminderInEditor' as const,
    QuickAddTask: 'QuickAddTask' as const
  },
  Subscription: {
    ReminderDue: 'ReminderDue' as const
  },
  Fragment: {
    AuthPayloadFields: 'AuthPayloadFields' as const,
    ReminderFields: 'ReminderFields' as const,
    AuditEntryFields: 'AuditEntryFields' as const,
    TaskItemFields: 'TaskItemFields' as const
  }
}