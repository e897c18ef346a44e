export const webOperations = {
  Query: {
    TaskEditor: 'TaskEditor' as const,
    TaskHistory: 'TaskHistory' as const,
    SeriesInstances: 'SeriesInstances' as const,
    TaskList: 'TaskList' as const,
    Tags: 'Tags' as const,
    Sessions: 'Sessions' as const
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
    ChangePassword: 'ChangePassword' as const,
    DeleteAccount: 'DeleteAccount' as const,
    RequestPasswordReset: 'RequestPasswordReset' as const,
    ResetPassword: 'ResetPassword' as const,
    RevokeSession: 'RevokeSession' as const,
    SignOutEverywhere: 'SignOutEverywhere' as const,
    VerifyEmail: 'VerifyEmail' as const,
    DismissReminderInEditor: 'DismissReminderInEditor' as const,
    CreateTask: 'CreateTask' as const,
    UpdateTask: 'UpdateTask' as const,
    SetTaskTags: 'SetTaskTags' as const,
    CreateTag: 'CreateTag' as const,
    AddReminder: 'AddReminder' as const,
    QuickAddTask: 'QuickAddTask' as const,
    RefreshSession: 'RefreshSession' as const,
    SignOut: 'SignOut' as const
  },
  Subscription: {
    ReminderDue: 'ReminderDue' as const
  },
  Fragment: {
    ReminderFields: 'ReminderFields' as const,
    AuditEntryFields: 'AuditEntryFields' as const,
    TaskItemFields: 'TaskItemFields' as const,
    AuthPayloadFields: 'AuthPayloadFields' as const
  }
}