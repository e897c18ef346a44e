export const sdkOperations = {
  Query: {
    Me: 'Me' as const,
    Sessions: 'Sessions' as const,
    AuditLog: 'AuditLog' as const,
    TaskHistory: 'TaskHistory' as const,
    Tags: 'Tags' as const,
    Task: 'Task' as const,
    Tasks: 'Tasks' as const
  },
  Mutation: {
    SignUp: 'SignUp' as const,
    SignIn: 'SignIn' as const,
    UpdateProfile: 'UpdateProfile' as const,
    RefreshSession: 'RefreshSession' as const,
    RevokeSession: 'RevokeSession' as const,
    SignOut: 'SignOut' as const,
    SignOutEverywhere: 'SignOutEverywhere' as const,
    ChangePassword: 'ChangePassword' as const,
    RequestPasswordReset: 'RequestPasswordReset' as const,
    ResetPassword: 'ResetPassword' as const,
    ChangeEmail: 'ChangeEmail' as const,
    VerifyEmail: 'VerifyEmail' as const,
    DeleteAccount: 'DeleteAccount' as const,
    CreateTag: 'CreateTag' as const,
    DeleteTag: 'DeleteTag' as const,
    SetTaskTags: 'SetTaskTags' as const,
    AddReminder: 'AddReminder' as const,
    SnoozeReminder: 'SnoozeReminder' as const,
    DismissReminder: 'DismissReminder' as const,
    AcknowledgeReminder: 'AcknowledgeReminder' as const,
    CreateTask: 'CreateTask' as const,
    UpdateTask: 'UpdateTask' as const,
    CompleteTask: 'CompleteTask' as const,
    ReopenTask: 'ReopenTask' as const,
    DeleteTask: 'DeleteTask' as const
  },
  Subscription: {
    ReminderDue: 'ReminderDue' as const
  },
  Fragment: {
    UserFields: 'UserFields' as const,
    AuthPayloadFields: 'AuthPayloadFields' as const,
    SessionFields: 'SessionFields' as const,
    TagFields: 'TagFields' as const,
    ReminderFields: 'ReminderFields' as const,
    ReminderWithTaskFields: 'ReminderWithTaskFields' as const,
    TaskFields: 'TaskFields' as const,
    PageInfoFields: 'PageInfoFields' as const,
    AuditEntryFields: 'AuditEntryFields' as const
  }
}