export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Calendar date YYYY-MM-DD (all-day due dates); only dates that exist, years 1900 to 9999. */
  Date: { input: string; output: string; }
  /** RFC 3339 date-time with `Z` or an offset, e.g. 2026-11-28T09:00:00+01:00; always answered in UTC (`Z`). */
  DateTime: { input: string; output: string; }
};

/** A new reminder (`addReminder`): exactly one of remindAt and offsetMinutes. */
export type AddReminderInput = {
  /** Minutes before the task's due time, 0 to 525,600 (one year); the task must have a due value. */
  offsetMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Exactly one of remindAt and offsetMinutes: an absolute time, in the future. */
  remindAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** An open task of the signed-in user (`NOT_FOUND` otherwise; `BAD_USER_INPUT` when it is completed). */
  taskId: Scalars['ID']['input'];
};

/** One page of audit entries, newest first. */
export type AuditConnection = {
  __typename?: 'AuditConnection';
  /** The entries of this page, newest first. */
  edges: Array<AuditEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
};

/** One entry of an `AuditConnection` page, with its position. */
export type AuditEdge = {
  __typename?: 'AuditEdge';
  /** Opaque position of this entry; pass it as `after` to continue from here. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditEntry;
};

/**
 * One recorded change to a task (written from the task-events topic, schema/EVENTS.md). Readable by
 * every current member of the task's project when it changes the task itself; an entry of a tag or
 * reminder only by that tag's or reminder's owner.
 */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /**
   * Who made the change; null for changes the system made (e.g. a reminder firing, a recurring
   * task's next instance) and for a change by an account deleted since (then actorDeleted is true).
   */
  actor?: Maybe<User>;
  /**
   * True when the change was made by an account that has since been deleted: the entry no longer
   * names it (actor is null, and its id is gone from the changes); show it as "deleted user".
   */
  actorDeleted: Scalars['Boolean']['output'];
  /** The fields the change set, with old and new values; empty when the event changes no field (e.g. task.deleted). */
  changes: Array<FieldChange>;
  /** Id of the event the entry was written from; the same event never makes two entries. */
  eventId: Scalars['ID']['output'];
  /** Opaque id of the entry (a number today; do not parse it). */
  id: Scalars['ID']['output'];
  /** What kind of change the entry records (the event type it was written from). */
  kind: AuditEntryKind;
  /** When the change happened (the event's time), in UTC with microseconds. */
  occurredAt: Scalars['DateTime']['output'];
  /** The task the change belongs to; null once the task is deleted (its history stays readable here). */
  task?: Maybe<Task>;
  /**
   * The event type, e.g. task.updated or reminder.fired (the task-events types of schema/EVENTS.md).
   * @deprecated Use `kind`: the same event type as an enum (task.updated is TASK_UPDATED).
   */
  type: Scalars['String']['output'];
};

/**
 * What kind of change an audit entry records: one value per event type of the task-events topic
 * (schema/EVENTS.md), named after it (`task.created` is TASK_CREATED). Kinds are added when the
 * event contract grows, so a client should treat an unknown value as "other".
 */
export type AuditEntryKind =
  /** A reminder was added to the task. */
  | 'REMINDER_ADDED'
  /** A reminder was cancelled (paused) because its task was completed, moved to the Trash or deleted, or lost its due value. */
  | 'REMINDER_CANCELLED'
  /** A reminder was dismissed. */
  | 'REMINDER_DISMISSED'
  /** A reminder fell due and was delivered (actor null: the scheduler did it). */
  | 'REMINDER_FIRED'
  /** A relative reminder moved because its task's due time changed. */
  | 'REMINDER_RESCHEDULED'
  /** A reminder was snoozed (snoozedUntil). */
  | 'REMINDER_SNOOZED'
  /** The task was completed (status and completedAt). */
  | 'TASK_COMPLETED'
  /** The task was created, by its owner or as the next instance of a recurring series; changes list every field set. */
  | 'TASK_CREATED'
  /** The task was deleted with its project; changes is empty. */
  | 'TASK_DELETED'
  /** The task was deleted for good after 30 days in the Trash (actor null); changes is empty. */
  | 'TASK_PURGED'
  /** The task was reopened (status, and the completedAt it had). */
  | 'TASK_REOPENED'
  /** The task was taken back out of the Trash (`restoreTask`; field trashedAt, the old value when it went there). */
  | 'TASK_RESTORED'
  /** A tag was put on the task (field tags, newValue the tag's name). */
  | 'TASK_TAGGED'
  /** The task was moved to the Trash (`deleteTask`; field trashedAt). */
  | 'TASK_TRASHED'
  /** A tag was taken off the task, or deleted (field tags, oldValue the tag's name). */
  | 'TASK_UNTAGGED'
  /** Fields of the task changed (`updateTask`); changes list each one. */
  | 'TASK_UPDATED';

/** Restricts `auditLog`; every given condition must hold (an omitted or null one restricts nothing). */
export type AuditFilter = {
  /** Entries of any of these kinds; with types too, an entry must match both. */
  kinds?: InputMaybe<Array<AuditEntryKind>>;
  /** Entries that occurred at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Entries of this task only: the same entries as its `Task.history`. */
  taskId?: InputMaybe<Scalars['ID']['input']>;
  /** Entries of any of these event types (e.g. task.completed); an unknown type matches nothing. Prefer kinds. */
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Entries that occurred before this instant (exclusive); not before since (`BAD_USER_INPUT` on `filter.until`). */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/**
 * A signed-in session (`signUp`, `signIn`, `refreshSession`, `resetPassword`): a short access
 * token, and (for API clients) the refresh token that renews it.
 */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** When `token` expires; renew before then with `refreshSession`. */
  expiresAt: Scalars['DateTime']['output'];
  /**
   * Opaque, single-use refresh token for `refreshSession`. Null when the gateway set it as an
   * HttpOnly cookie instead (browser sessions): the web app never sees it.
   */
  refreshToken?: Maybe<Scalars['String']['output']>;
  /**
   * Short-lived access token (ES256 JWT, 15 minutes by default); send it as
   * `Authorization: Bearer <token>`. Renew it before `expiresAt` with `refreshSession`.
   */
  token: Scalars['String']['output'];
  /** The account the token was issued for. */
  user: User;
};

/** A new project (`createProject`). */
export type CreateProjectInput = {
  /** A colour `#rrggbb`; none when omitted. */
  color?: InputMaybe<Scalars['String']['input']>;
  /** One line of 1 to 100 characters (trimmed). */
  name: Scalars['String']['input'];
};

/** A new saved view (`createSavedView`); it goes last in the user's list. */
export type CreateSavedViewInput = {
  /** One line of 1 to 100 characters (trimmed), not the name of another of the user's views in any case. */
  name: Scalars['String']['input'];
  /** A query the filter language reads (docs/api.md "Filter language"), at most 1,000 characters; empty for every task. */
  query: Scalars['String']['input'];
  /** The order to list its tasks in; none (the default order) when omitted. */
  sort?: InputMaybe<TaskSort>;
};

/** A new task (`createTask`). At most one of dueAt and dueDate; a recurrence needs one of them. */
export type CreateTaskInput = {
  /** A member of the project to assign the task to (`BAD_USER_INPUT` on `input.assigneeId` otherwise). */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** Up to 10,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Due instant of a timed task. */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** All-day due date, judged in the task's time zone. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /**
   * Makes the task a subtask of this one (which the user may edit); it goes into the parent's
   * project. Subtasks nest at most 4 levels deep: a parent on level 4 is refused
   * (`BAD_USER_INPUT` on `input.parentId`); a parent the user cannot see is `NOT_FOUND`.
   */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** How urgent the task is. */
  priority?: InputMaybe<Priority>;
  /** The project to put the task in (one the user may edit); the user's Inbox when omitted. `NOT_FOUND` on `input.projectId` for a missing or foreign project. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Makes the task recurring; needs dueAt or dueDate. */
  recurrence?: InputMaybe<RecurrenceInput>;
  /** IANA time zone for all-day due dates (see Task.timeZone); defaults to recurrence.timeZone, else the user's zone, else UTC. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** One line of 1 to 500 characters (trimmed). */
  title: Scalars['String']['input'];
};

/** A changed field; values are JSON-encoded. */
export type FieldChange = {
  __typename?: 'FieldChange';
  /** The field's name as in the event (e.g. title, dueAt, status, tags, remindAt). */
  field: Scalars['String']['output'];
  /** The value after, JSON-encoded; null when the field was cleared. */
  newValue?: Maybe<Scalars['String']['output']>;
  /** The value before, JSON-encoded (a string is quoted: "\"Buy milk\""); null when there was none or the event does not carry it. */
  oldValue?: Maybe<Scalars['String']['output']>;
};

/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Marks a FIRED reminder as seen (idempotent). `BAD_USER_INPUT` on `id` for one that has not fired. */
  acknowledgeReminder: Reminder;
  /** Adds a reminder to an open task. `BAD_USER_INPUT` naming the field when the time is not in the future. */
  addReminder: Reminder;
  /** Archives (or, with `archived: false`, restores) a project; owner only. The Inbox cannot be archived (`BAD_USER_INPUT` on `id`). */
  archiveProject: Project;
  /** Withdraws an invitation to an address (owner only); `NOT_FOUND` when there is none. */
  cancelProjectInvitation: Project;
  /**
   * Asks to change the sign-in address: sends a verification link to the new address; the
   * change takes effect when that link is followed (`verifyEmail`). A wrong password is
   * BAD_USER_INPUT on `password`; repeated wrong passwords are throttled like sign-in
   * (TOO_MANY_REQUESTS).
   */
  changeEmail: Scalars['Boolean']['output'];
  /** Changes a member's role to EDITOR or VIEWER (owner only); the owner's role changes only by `transferProjectOwnership`. */
  changeMemberRole: Project;
  /**
   * Changes the password; every other session of the user ends. A wrong current password is
   * BAD_USER_INPUT on `currentPassword`; repeated wrong passwords are throttled like sign-in
   * (TOO_MANY_REQUESTS).
   */
  changePassword: Scalars['Boolean']['output'];
  /**
   * Marks a task COMPLETED (idempotent: a completed task is returned unchanged). A recurring task's
   * next instance is created shortly after, as a new task. `NOT_FOUND` for a missing or foreign id.
   */
  completeTask: Task;
  /** Creates a project owned by the signed-in user, last in their list. `BAD_USER_INPUT` naming the field for an invalid value. */
  createProject: Project;
  /**
   * Saves a view of the signed-in user's tasks, last in their list (docs/api.md "Saved views").
   * `BAD_USER_INPUT` on `input.name` for a name another of their views has (in any case), on
   * `input.query` with `extensions.position` and `extensions.expected` for a query the filter
   * language cannot read, on `input` beyond 100 views per user.
   */
  createSavedView: SavedView;
  /** Creates a tag. `BAD_USER_INPUT` on `name` when the user already has a tag of that name (in any case). */
  createTag: Tag;
  /** Creates a task owned by the signed-in user. `BAD_USER_INPUT` naming the field for an invalid value. */
  createTask: Task;
  /**
   * Deletes the signed-in user's account and erases all of their data in every service (tasks,
   * tags, reminders, queued e-mails, audit entries). The user's tokens stop working at once.
   * Returns true once the account is deleted (the other services erase their rows within
   * seconds). A wrong password is BAD_USER_INPUT on `password` and deletes nothing; repeated wrong
   * passwords are throttled like sign-in (TOO_MANY_REQUESTS).
   */
  deleteAccount: Scalars['Boolean']['output'];
  /** Deletes a project and all its tasks (each with its own `task.deleted`) and returns its id; owner only. The Inbox cannot be deleted (`BAD_USER_INPUT` on `id`). */
  deleteProject: Scalars['ID']['output'];
  /** Deletes a saved view and returns its id; the views after it move up one place. `NOT_FOUND` for a missing view or someone else's. */
  deleteSavedView: Scalars['ID']['output'];
  /** Deletes a tag and removes it from every task; returns its id. `NOT_FOUND` for a missing or foreign id. */
  deleteTag: Scalars['ID']['output'];
  /**
   * Moves a task to the Trash and returns its id (`task.trashed`): it leaves every list, search
   * and count, its subtasks go with it, its tags stay and its reminders pause. `restoreTask` brings
   * it back; after 30 days in the Trash it is deleted for good (`task.purged`). `NOT_FOUND` for a
   * missing or foreign id, `FORBIDDEN` for a viewer.
   */
  deleteTask: Scalars['ID']['output'];
  /** Dismisses a reminder for good (idempotent). `BAD_USER_INPUT` on `id` for a cancelled one. */
  dismissReminder: Reminder;
  /** Leaves a project the signed-in user is a member of but not the owner of; returns its id. Tasks assigned to them are unassigned. */
  leaveProject: Scalars['ID']['output'];
  /** Moves a task to another project the user may edit (idempotent). `NOT_FOUND` on `id` or `projectId` for a missing or foreign one. */
  moveTask: Task;
  /**
   * Renews a session: spends the refresh token and answers a new access token and a new refresh
   * token. Without an argument it uses the gateway's refresh cookie and answers
   * `refreshToken: null` (the new token travels in the cookie). A spent token used again after the
   * grace window ends its whole session (UNAUTHENTICATED).
   */
  refreshSession: AuthPayload;
  /** Removes a member (owner only); their tasks stay, tasks assigned to them are unassigned. Not the owner. */
  removeMember: Project;
  /** Marks a completed task OPEN again (idempotent). `NOT_FOUND` for a missing or foreign id. */
  reopenTask: Task;
  /**
   * Moves a task within its project's manual order (`sort: { field: POSITION }`): right after
   * `afterId`, right before `beforeId`, or between the two. Only this task's position changes
   * (`task.updated` with `position`); moves by several members at once end in one order. Moving
   * between projects is `moveTask`. `BAD_USER_INPUT` on `afterId`/`beforeId` for a task that is
   * not another one of the same project, when neither is given, or when `beforeId` does not come
   * after `afterId`; `FORBIDDEN` for a viewer.
   */
  reorderTask: Task;
  /**
   * Sends a single-use password reset link (valid 30 minutes) to the address if it has an
   * account, at most one per window. Always answers true, whether the address exists or not.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Sets a new password with a reset link's token, ends every session and signs in anew. */
  resetPassword: AuthPayload;
  /**
   * Takes a task out of the Trash as it was (`task.restored`): its place in the manual order, its
   * tags, the subtasks that went to the Trash with it, and its reminders that still lie ahead. A
   * task that is not in the Trash is returned unchanged. `NOT_FOUND` for a missing or foreign id
   * (or one purged since), `FORBIDDEN` for a viewer, `BAD_USER_INPUT` on `id` for a subtask whose
   * parent is in the Trash (restore the parent).
   */
  restoreTask: Task;
  /** Ends one of the signed-in user's sessions; false when there is no such live session. */
  revokeSession: Scalars['Boolean']['output'];
  /**
   * Replaces a task's tags with the given names, creating tags that do not exist yet; returns the
   * task. `NOT_FOUND` for a missing or foreign task.
   */
  setTaskTags: Task;
  /**
   * Shares a project (owner only). An account whose verified address this is becomes a member at
   * once and is told by e-mail; otherwise an invitation is mailed, and the address's account
   * becomes a member once it has verified the address. Sharing with a member changes their role.
   * `role` OWNER is refused (`transferProjectOwnership`); shares that send mail are limited per
   * user and day (`TOO_MANY_REQUESTS`). Not for the Inbox.
   */
  shareProject: Project;
  /**
   * Signs in with e-mail and password. A wrong e-mail or password is `UNAUTHENTICATED` (the same
   * message for both); repeated failures from one address are throttled with `TOO_MANY_REQUESTS`
   * and `extensions.retryAfterSeconds` (docs/api.md "Limits").
   */
  signIn: AuthPayload;
  /** Ends the session of this request's access token (and clears the refresh cookie). */
  signOut: Scalars['Boolean']['output'];
  /** Ends every session of the signed-in user, this one included. */
  signOutEverywhere: Scalars['Boolean']['output'];
  /**
   * Creates an account and signs it in. `BAD_USER_INPUT` naming the field for an invalid or
   * already registered e-mail, a weak password, or an invalid name or time zone.
   */
  signUp: AuthPayload;
  /**
   * Makes a scheduled, fired or acknowledged reminder fire again at `until` (a fired one counts as
   * seen). `BAD_USER_INPUT` on `id` for a dismissed or cancelled reminder or a task that is done.
   */
  snoozeReminder: Reminder;
  /** Makes another member the owner (owner only); the previous owner stays as an EDITOR. */
  transferProjectOwnership: Project;
  /**
   * Changes the signed-in user's name and/or time zone and returns the updated profile.
   * `UNAUTHENTICATED` without a valid token; `BAD_USER_INPUT` naming an invalid field.
   */
  updateProfile: User;
  /** Changes a project. `NOT_FOUND` for a project the user is not a member of; `FORBIDDEN` when a member who is not the owner changes name or colour. */
  updateProject: Project;
  /** Changes a saved view and/or moves it in the list. `NOT_FOUND` for a missing view or someone else's; `BAD_USER_INPUT` naming the field, as for `createSavedView`. */
  updateSavedView: SavedView;
  /** Changes a task and returns it; an update that changes nothing returns it unchanged. `NOT_FOUND` for a missing or foreign id. */
  updateTask: Task;
  /**
   * Follows a verification link: marks the address verified (or makes a requested address change
   * take effect). A token works once; an unknown, used or expired one is BAD_USER_INPUT.
   */
  verifyEmail: Scalars['Boolean']['output'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationAcknowledgeReminderArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationAddReminderArgs = {
  input: AddReminderInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationArchiveProjectArgs = {
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationCancelProjectInvitationArgs = {
  email: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationChangeEmailArgs = {
  newEmail: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationChangeMemberRoleArgs = {
  projectId: Scalars['ID']['input'];
  role: ProjectRole;
  userId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationCompleteTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationCreateSavedViewArgs = {
  input: CreateSavedViewInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationCreateTagArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteAccountArgs = {
  password: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteProjectArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteSavedViewArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteTagArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDismissReminderArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationLeaveProjectArgs = {
  projectId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationMoveTaskArgs = {
  id: Scalars['ID']['input'];
  projectId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationRefreshSessionArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationRemoveMemberArgs = {
  projectId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationReopenTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationReorderTaskArgs = {
  afterId?: InputMaybe<Scalars['ID']['input']>;
  beforeId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationRestoreTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationSetTaskTagsArgs = {
  names: Array<Scalars['String']['input']>;
  taskId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationShareProjectArgs = {
  email: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
  role: ProjectRole;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationSignInArgs = {
  input: SignInInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationSignUpArgs = {
  input: SignUpInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationSnoozeReminderArgs = {
  id: Scalars['ID']['input'];
  until: Scalars['DateTime']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationTransferProjectOwnershipArgs = {
  projectId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationUpdateProjectArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProjectInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationUpdateSavedViewArgs = {
  id: Scalars['ID']['input'];
  input: UpdateSavedViewInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationUpdateTaskArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTaskInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};

/**
 * An object with a globally unique, stable id (Relay's Node): User, Task and Project. Ids are opaque and
 * never reused; a client may cache objects by id across queries.
 */
export type Node = {
  /** Globally unique, opaque id (a uuid today; do not parse it). */
  id: Scalars['ID']['output'];
};

/**
 * Where a page lies in its list (Relay cursor connections). Both flags are honest in both
 * directions: the one on the side the page was not read towards costs one more small query, made
 * only when the field is selected.
 */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The last edge's cursor (pass it as `after` for the next page); null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether items follow the last edge of this page in the list's order (a later page exists). */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede the first edge of this page in the list's order (an earlier page exists). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The first edge's cursor (pass it as `before` for the page before this one); null on an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** How urgent a task is; PRIORITY sorting orders them LOW < MEDIUM < HIGH < URGENT. */
export type Priority =
  /** Should be done soon. */
  | 'HIGH'
  /** Can wait. */
  | 'LOW'
  /** The default for a new task. */
  | 'MEDIUM'
  /** Needs attention first. */
  | 'URGENT';

/**
 * A list of tasks. Every task belongs to exactly one project; every user has an Inbox
 * (`isInbox`), where tasks go when no project is named, and which cannot be archived or deleted.
 * Projects the user is not a member of are answered like missing ones.
 */
export type Project = Node & {
  __typename?: 'Project';
  /** Archived projects keep their tasks but are left out of `projects` unless asked for. */
  archived: Scalars['Boolean']['output'];
  /** A colour `#rrggbb` (lower case), or null. */
  color?: Maybe<Scalars['String']['output']>;
  /** When the project was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque, stable id of the project (do not parse it). */
  id: Scalars['ID']['output'];
  /** Shares to addresses that no verified account has yet, oldest first; the owner sees them, other members see an empty list. */
  invitations: Array<ProjectInvitation>;
  /** Whether this is the user's Inbox. */
  isInbox: Scalars['Boolean']['output'];
  /** The project's members, the owner first, then by when they joined. */
  members: Array<ProjectMember>;
  /** One line of 1 to 100 characters, trimmed (the Inbox is named `Inbox`). */
  name: Scalars['String']['output'];
  /** Where the project sits in the signed-in user's own list of projects: 0, 1, 2, … in `projects` order (the Inbox first). */
  position: Scalars['Int']['output'];
  /** The signed-in user's role in the project. */
  role: ProjectRole;
  /** The project's tasks, exactly as `Query.tasks` with `filter.projectIds` set to this project (see there). */
  tasks: TaskConnection;
  /** When its name, colour or archived flag last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A list of tasks. Every task belongs to exactly one project; every user has an Inbox
 * (`isInbox`), where tasks go when no project is named, and which cannot be archived or deleted.
 * Projects the user is not a member of are answered like missing ones.
 */
export type ProjectTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<TaskSort>;
};

/** A share of a project waiting for an account with this address to verify it (`shareProject`). */
export type ProjectInvitation = {
  __typename?: 'ProjectInvitation';
  /** The address it was sent to, as written. */
  email: Scalars['String']['output'];
  /** When it was sent. */
  invitedAt: Scalars['DateTime']['output'];
  /** The role the account gets when it joins. */
  role: ProjectRole;
};

/** A member of a project and their role. */
export type ProjectMember = {
  __typename?: 'ProjectMember';
  /** When they became a member. */
  joinedAt: Scalars['DateTime']['output'];
  /** What the member may do. */
  role: ProjectRole;
  /** The member's account. */
  user: User;
};

/** A user's role in a project: what they may do with it and its tasks (docs/api.md "Projects"). */
export type ProjectRole =
  /** Reads the project and creates, edits, completes, moves and deletes its tasks. */
  | 'EDITOR'
  /** Everything, including renaming, archiving, deleting the project and (with sharing) managing its members. Every project has exactly one. */
  | 'OWNER'
  /** Reads the project and its tasks. */
  | 'VIEWER';

/** Read operations. Each field's description says what it needs and what it answers. */
export type Query = {
  __typename?: 'Query';
  /**
   * Newest first: every entry the signed-in user may read, i.e. the `Task.history` of every task
   * (deleted ones included) of the projects they are a member of, and their own entries of tasks
   * from before projects. Pages forward (older) with first/after, or backward (newer) with
   * last/before; the two do not combine (`BAD_USER_INPUT` on `after`).
   */
  auditLog: AuditConnection;
  /** The signed-in user; null without a valid token. */
  me?: Maybe<User>;
  /**
   * Reads one quick-add line ("Pay rent every 1st at 9am #home !p1") into a task draft; creates
   * nothing. The grammar is docs/api.md "Quick add". Words that are no part stay in the title.
   * `BAD_USER_INPUT` on `text` for more than 1,000 characters, on `timeZone` for an unknown zone.
   */
  parseTask: TaskDraft;
  /** One of the user's projects; `NOT_FOUND` when the id does not exist or the user is not a member. */
  project?: Maybe<Project>;
  /**
   * The signed-in user's projects in their order (`Project.position`), the Inbox first; archived
   * ones only with `includeArchived: true`. The Inbox is created on first use.
   */
  projects: Array<Project>;
  /** The signed-in user's saved views in their order (`SavedView.position` 1, 2, …); empty when they have none. */
  savedViews: Array<SavedView>;
  /** The signed-in user's live sessions, most recently used first. */
  sessions: Array<Session>;
  /** The signed-in user's tags, by name (case-insensitive). */
  tags: Array<Tag>;
  /** One of the signed-in user's tasks; null when the id does not exist or belongs to someone else. */
  task?: Maybe<Task>;
  /**
   * Search the signed-in user's tasks. Default order: CREATED_AT DESC; with filter.search and no
   * sort, by relevance. first: 1..200. Cursors are opaque and tied to the sort they came from.
   * Pages forward with first/after, or backward with last/before (the order of the edges is
   * always the list's order); the two directions do not combine (`BAD_USER_INPUT` on `after`).
   */
  tasks: TaskConnection;
  /**
   * The Trash: tasks deleted (`deleteTask`) in the projects the user is a member of, most recently
   * deleted first (`Task.trashedAt`), for 30 days; the subtasks that went with a task are not
   * listed apart (they come back with it). first: 1..200.
   */
  trash: TaskConnection;
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryParseTaskArgs = {
  keepAsText?: InputMaybe<Array<Scalars['Int']['input']>>;
  now?: InputMaybe<Scalars['DateTime']['input']>;
  text: Scalars['String']['input'];
  timeZone?: InputMaybe<Scalars['String']['input']>;
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryProjectsArgs = {
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<TaskSort>;
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryTrashArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A task's repeat rule. Completing an instance creates the next one (a new task of the same series). */
export type Recurrence = {
  __typename?: 'Recurrence';
  /** Whether the next due value follows the schedule or the completion time. */
  anchor: RecurrenceAnchor;
  /** RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE (no DTSTART: the series starts at the first due value). */
  rrule: Scalars['String']['output'];
  /** IANA time zone the rule is evaluated in (wall-clock time). */
  timeZone: Scalars['String']['output'];
};

/** What a recurring task's next due value is computed from (docs/recurrence.md). */
export type RecurrenceAnchor =
  /** The next due time is computed from the completion time. */
  | 'COMPLETION'
  /** The next instance follows the rule's schedule, whenever this one was completed. */
  | 'SCHEDULE';

/** A repeat rule for `createTask` or `updateTask`; refused with `BAD_USER_INPUT` on `input.recurrence.*`. */
export type RecurrenceInput = {
  /** What the next due value is computed from. */
  anchor?: InputMaybe<RecurrenceAnchor>;
  /** RFC 5545 RRULE value, at most 1,000 characters, without DTSTART (docs/recurrence.md). */
  rrule: Scalars['String']['input'];
  /** IANA time zone; defaults to the task's time zone (Task.timeZone). UTC offsets are refused. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** A reminder on one of the signed-in user's tasks; only its owner sees it. */
export type Reminder = {
  __typename?: 'Reminder';
  /** When it last fired; null while it never has. */
  firedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Opaque, stable id of the reminder. */
  id: Scalars['ID']['output'];
  /** Minutes before the task's due time, for relative reminders; null for an absolute one. */
  offsetMinutes?: Maybe<Scalars['Int']['output']>;
  /** When it first fires (for a relative reminder, the task's due time minus offsetMinutes at creation). */
  remindAt: Scalars['DateTime']['output'];
  /** When it fires again after `snoozeReminder`; null unless snoozed. */
  snoozedUntil?: Maybe<Scalars['DateTime']['output']>;
  /** Where the reminder is in its life. */
  state: ReminderState;
  /** The task it reminds of. */
  task: Task;
};

/** One firing of a reminder, as `reminderDue` delivers it. */
export type ReminderNotification = {
  __typename?: 'ReminderNotification';
  /** When the reminder fired. */
  firedAt: Scalars['DateTime']['output'];
  /** Id of this firing (a reminder that is snoozed fires again with a new id). */
  id: Scalars['ID']['output'];
  /** The reminder that fired, as it is now. */
  reminder: Reminder;
  /** The reminder's task. */
  task: Task;
};

/** Where a reminder is in its life. */
export type ReminderState =
  /** The user saw a fired reminder (`acknowledgeReminder`). */
  | 'ACKNOWLEDGED'
  /** Its task was completed or deleted; it never fires again. */
  | 'CANCELLED'
  /** The user does not want it any more (`dismissReminder`); it never fires again. */
  | 'DISMISSED'
  /** Its time has come and it was delivered (`reminderDue`, e-mail); not yet answered. */
  | 'FIRED'
  /** Waiting for its time (remindAt, or snoozedUntil after a snooze). */
  | 'SCHEDULED';

/**
 * A named filter-language query of the signed-in user, with an optional sort, in the order of
 * their sidebar (docs/api.md "Saved views"). Views are personal UI settings: only their user sees
 * them, and creating, changing or deleting one emits no event. Someone else's view is answered like
 * a missing one (`NOT_FOUND`). They are erased with the account.
 */
export type SavedView = {
  __typename?: 'SavedView';
  /** When the view was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque, stable id of the view (do not parse it). */
  id: Scalars['ID']['output'];
  /** One line of 1 to 100 characters, trimmed; unique among the user's views, ignoring case. */
  name: Scalars['String']['output'];
  /** Where the view sits in the signed-in user's list: 1, 2, … in `savedViews` order. */
  position: Scalars['Int']['output'];
  /** A filter-language query for `tasks(query:)`; empty for every task. Relative dates (`today`, `-7d`) are read when it is used, `~Project` names too. */
  query: Scalars['String']['output'];
  /** The order to list its tasks in; null for the list's default order (see `Query.tasks`). */
  sort?: Maybe<SavedViewSort>;
  /** When its name, query or sort last changed (creation counts; a move does not). */
  updatedAt: Scalars['DateTime']['output'];
};

/** How a saved view orders its tasks: pass it as the `sort` of `tasks` when the view is opened. */
export type SavedViewSort = {
  __typename?: 'SavedViewSort';
  /** The direction. */
  direction: SortDirection;
  /** The key to order by. */
  field: TaskSortField;
};

/** A signed-in device or client of the current user. */
export type Session = {
  __typename?: 'Session';
  /** When the user signed in. */
  createdAt: Scalars['DateTime']['output'];
  /** True for the session of the access token of this request. */
  current: Scalars['Boolean']['output'];
  /** The session's id (stays the same across refreshes). */
  id: Scalars['ID']['output'];
  /** When the session was last refreshed (or created). */
  lastUsedAt: Scalars['DateTime']['output'];
  /** The User-Agent of the client that last used the session, if it sent one. */
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** Credentials for `signIn`. */
export type SignInInput = {
  /** The account's e-mail address, in any letter case. */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
};

/** A new account's details (`signUp`). */
export type SignUpInput = {
  /**
   * An e-mail address not yet registered (in any letter case); `BAD_USER_INPUT` on `input.email`
   * otherwise. A verification link is sent to it.
   */
  email: Scalars['String']['input'];
  /** Display name, one line of text. */
  name: Scalars['String']['input'];
  /** 10 to 256 characters mixing at least two kinds (lower case, upper case, digits, symbols); must not contain the e-mail address. */
  password: Scalars['String']['input'];
  /** IANA time zone (e.g. Europe/Berlin); defaults to UTC. A UTC offset such as +02:00 is refused. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** Ascending or descending order. */
export type SortDirection =
  /** Smallest first (earliest, lowest priority, A to Z). */
  | 'ASC'
  /** Largest first (latest, highest priority, Z to A). */
  | 'DESC';

/** Real-time operations, over graphql-ws only (docs/subscriptions.md). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Changes of tasks in one project (`projectId`), or, without it, in every project the signed-in
   * user is a member of, including projects they join after subscribing. Membership is checked at
   * each change: a member removed from a project receives none of its changes from then on. A
   * project the user is not a member of is `NOT_FOUND`. Delivery is best effort (a client that
   * reconnects refetches what it shows); changes of one task arrive in order.
   */
  projectChanges: TaskChange;
  /** The signed-in user's reminders as they fall due. */
  reminderDue: ReminderNotification;
};


/** Real-time operations, over graphql-ws only (docs/subscriptions.md). */
export type SubscriptionProjectChangesArgs = {
  projectId?: InputMaybe<Scalars['ID']['input']>;
};

/** Progress of a task's direct subtasks. */
export type SubtaskProgress = {
  __typename?: 'SubtaskProgress';
  /** Completed subtasks. */
  done: Scalars['Int']['output'];
  /** All subtasks. */
  total: Scalars['Int']['output'];
};

/** A label of the signed-in user's; names are unique per user, case-insensitively. */
export type Tag = {
  __typename?: 'Tag';
  /** Colour as #rrggbb in lower case; null when none was set. */
  color?: Maybe<Scalars['String']['output']>;
  /** Opaque, stable id of the tag. */
  id: Scalars['ID']['output'];
  /** One line of 1 to 50 characters, trimmed, spelt as first given. */
  name: Scalars['String']['output'];
};

/**
 * A to-do item in a project. Every member of the project can read it; owners and editors can
 * change it, viewers get `FORBIDDEN`. A task in a project the user is not a member of is answered
 * like a missing one (`NOT_FOUND` from `task` and mutations).
 */
export type Task = Node & {
  __typename?: 'Task';
  /** The member of the project the task is assigned to, or null. Unassigned when they leave the project or the task moves to a project they are not a member of. */
  assignee?: Maybe<User>;
  /** When the task was last completed; null while it is OPEN. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the task was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created the task; null once that account was deleted. */
  createdBy?: Maybe<User>;
  /** Free text of up to 10,000 characters (tabs and line breaks allowed); null when none was given. */
  description?: Maybe<Scalars['String']['output']>;
  /** Due instant of a timed task; null for an all-day task (see dueDate) or a task without due value. */
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** All-day due date (instead of dueAt), judged in the task's timeZone; null for a timed task or none. */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /**
   * The task's audit entries, newest first, for every current member of its project (any role):
   * each change to the task with who made it, and the reader's own tags and reminders (other
   * members' stay personal). Empty for a task of a project the user is not a member of (never was,
   * or was removed from), like a missing one. Pages forward (older) with first/after, or backward
   * (newer) with last/before; the two do not combine.
   */
  history: AuditConnection;
  /** Opaque, stable id of the task (a uuid v7 today; do not parse it). */
  id: Scalars['ID']['output'];
  /** Due and not completed; all-day tasks are overdue from the day after, in the task's time zone. */
  isOverdue: Scalars['Boolean']['output'];
  /**
   * Preview of the rule's next due values after this instance's due value, in UTC; empty without
   * a rule or when the series has ended. All-day values are the start of the day in the rule's zone.
   */
  nextOccurrences: Array<Scalars['DateTime']['output']>;
  /** 1 for the first instance of a series, counting up; null for a one-off task. */
  occurrence?: Maybe<Scalars['Int']['output']>;
  /** The account the task's events are scoped by: its creator (the project's owner once the creator's account is deleted). Use `createdBy` to show who created it. */
  owner: User;
  /** The task this one is a subtask of; null for a top-level task. */
  parent?: Maybe<Task>;
  /** Its place in the project's manual order: an opaque key, ordered byte-wise (`reorderTask`). A new task goes last; one moved to another project goes last there. */
  position: Scalars['String']['output'];
  /** How urgent the task is (MEDIUM unless set). */
  priority: Priority;
  /** The project the task belongs to (the creator's Inbox unless another was chosen); `moveTask` changes it. */
  project: Project;
  /** The repeat rule; null for a one-off task. */
  recurrence?: Maybe<Recurrence>;
  /**
   * The task's reminders. Null only when the planning service is unavailable: the rest of the
   * task is still answered, with an error at this path (as for tags).
   */
  reminders?: Maybe<Array<Reminder>>;
  /** Id shared by every instance of a recurring series (the first instance's id); null for a one-off task. */
  seriesId?: Maybe<Scalars['ID']['output']>;
  /** OPEN or COMPLETED. */
  status: TaskStatus;
  /** How many of its direct subtasks are done ("2/5"). */
  subtaskProgress: SubtaskProgress;
  /** Its direct subtasks, in manual order. Completing a task completes its open subtasks (reopening it reopens them); deleting or moving it takes them along. */
  subtasks: Array<Task>;
  /**
   * The task's tags, alphabetically. Null only when the planning service is unavailable: the rest
   * of the task is still answered, with an error at this path (SUBREQUEST_HTTP_ERROR,
   * REQUEST_TIMEOUT or SUBGRAPH_CIRCUIT_BREAKER_REJECTED; docs/api.md).
   */
  tags?: Maybe<Array<Tag>>;
  /**
   * IANA time zone the task's all-day due date is judged in (isOverdue, due sorting and range
   * filters). Fixed at creation: CreateTaskInput.timeZone, else the recurrence's time zone, else
   * the user's time zone as the tasks subgraph last learned it from the accounts events, else UTC.
   * Later profile changes do not move existing tasks; clients pass the user's zone when creating.
   */
  timeZone: Scalars['String']['output'];
  /** One line of 1 to 500 characters, trimmed. */
  title: Scalars['String']['output'];
  /** When the task was moved to the Trash (`deleteTask`); null for a task that is not in it (only `trash` lists those that are). */
  trashedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When any field of the task last changed (creation counts). */
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A to-do item in a project. Every member of the project can read it; owners and editors can
 * change it, viewers get `FORBIDDEN`. A task in a project the user is not a member of is answered
 * like a missing one (`NOT_FOUND` from `task` and mutations).
 */
export type TaskHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A to-do item in a project. Every member of the project can read it; owners and editors can
 * change it, viewers get `FORBIDDEN`. A task in a project the user is not a member of is answered
 * like a missing one (`NOT_FOUND` from `task` and mutations).
 */
export type TaskNextOccurrencesArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
};

/** One change of a task in a project the subscriber belongs to. */
export type TaskChange = {
  __typename?: 'TaskChange';
  /** Who made the change; null when no user did (e.g. the recurrence worker) or their account is deleted. */
  actor?: Maybe<User>;
  /** When the change was made. */
  at: Scalars['DateTime']['output'];
  /** The project the task belongs to after the change (before it, for `DELETED`). */
  projectId: Scalars['ID']['output'];
  /** The task as it is now, or null once it is deleted or no longer visible to the subscriber (moved to a project they are not a member of). */
  task?: Maybe<Task>;
  /** The task that changed (still given when the task is gone). */
  taskId: Scalars['ID']['output'];
  /** What happened. */
  type: TaskChangeType;
};

/** What happened to a task, as told to the members of its project by `projectChanges`. */
export type TaskChangeType =
  /** The task was completed. */
  | 'COMPLETED'
  /** The task was created (also a recurring task's next instance) or restored from the Trash. */
  | 'CREATED'
  /** The task was deleted or moved to the Trash: it left the lists (`task` is null). */
  | 'DELETED'
  /** The task moved to another project: told to the members of both; `projectId` is the new one. */
  | 'MOVED'
  /** A completed task was opened again. */
  | 'REOPENED'
  /** Fields of the task changed (title, description, priority, due, recurrence, assignee). */
  | 'UPDATED';

/** One page of the signed-in user's tasks. */
export type TaskConnection = {
  __typename?: 'TaskConnection';
  /** The tasks of this page, in the requested order. */
  edges: Array<TaskEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many tasks match the filter in all, over every page; computed only when selected (costly: see docs/api.md). */
  totalCount: Scalars['Int']['output'];
};

/**
 * What a quick-add line means (`parseTask`). title, description, dueAt or dueDate, priority,
 * projectId and recurrence go to `createTask` as they are; tagNames to `setTaskTags`; each of
 * reminderOffsetsMinutes to `addReminder(input: { offsetMinutes })`.
 */
export type TaskDraft = {
  __typename?: 'TaskDraft';
  /** Text after ` // `, or null. */
  description?: Maybe<Scalars['String']['output']>;
  /** Due instant when a time of day was given (for a series: its first occurrence). */
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** All-day due date when a date without a time was given (for a series: its first occurrence). */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /** Every recognised piece, in the order of the line. */
  parts: Array<TaskDraftPart>;
  /** From `!p1` (URGENT) to `!p4` (LOW); MEDIUM when the line has none. */
  priority: Priority;
  /** The project named with `~`, or null for the Inbox. */
  projectId?: Maybe<Scalars['ID']['output']>;
  /** The repeat rule, or null. */
  recurrence?: Maybe<TaskDraftRecurrence>;
  /** Minutes before the due value for each reminder asked for, ascending. */
  reminderOffsetsMinutes: Array<Scalars['Int']['output']>;
  /** Tag names from `#name`, in order, duplicates (in any case) once. */
  tagNames: Array<Scalars['String']['output']>;
  /** The zone the line was read in (for `CreateTaskInput.timeZone`). */
  timeZone: Scalars['String']['output'];
  /** The words no part claimed, spaces collapsed; empty when the line is all parts. */
  title: Scalars['String']['output'];
};

/** One recognised piece of a quick-add line, for showing it as a chip. */
export type TaskDraftPart = {
  __typename?: 'TaskDraftPart';
  /** Offset just after its last character. */
  end: Scalars['Int']['output'];
  /** What the piece sets. */
  kind: TaskDraftPartKind;
  /** Offset of its first character in the line (UTF-16 code units, from 0). */
  start: Scalars['Int']['output'];
  /** The piece as typed. */
  text: Scalars['String']['output'];
};

/** What kind of text a quick-add part is (docs/api.md "Quick add"). */
export type TaskDraftPartKind =
  /** Everything after ` // `. */
  | 'DESCRIPTION'
  /** A date or time ("tomorrow 9am", "next fri", "in 3 days"): the due value, or the start of a series. */
  | 'DUE'
  /** `!p1` to `!p4`. */
  | 'PRIORITY'
  /** `~Name` or `~"Name with spaces"`: a project the user may add tasks to. */
  | 'PROJECT'
  /** "remind 30m before", "remind 1h before", "remind at due time". */
  | 'REMINDER'
  /** A repeat phrase ("every weekday", "every! 3 days") or its end ("until dec 31", "for 5 times"). */
  | 'REPEAT'
  /** `#name`: one of the user's own tags. */
  | 'TAG';

/** A draft's repeat rule, ready for `CreateTaskInput.recurrence`. */
export type TaskDraftRecurrence = {
  __typename?: 'TaskDraftRecurrence';
  /** SCHEDULE, or COMPLETION for `every!`. */
  anchor: RecurrenceAnchor;
  /** RFC 5545 RRULE without DTSTART. */
  rrule: Scalars['String']['output'];
  /** The zone the line was read in. */
  timeZone: Scalars['String']['output'];
};

/** One task of a `TaskConnection` page, with its position. */
export type TaskEdge = {
  __typename?: 'TaskEdge';
  /** Opaque position of this task in its search; pass it as `after` to continue from here. Tied to the sort it came from. */
  cursor: Scalars['String']['output'];
  /** The task. */
  node: Task;
};

/** Restricts `tasks`; every given condition must hold (an omitted or null one restricts nothing). */
export type TaskFilter = {
  /** true: only tasks assigned to the signed-in user; false or null restricts nothing. */
  assignedToMe?: InputMaybe<Scalars['Boolean']['input']>;
  /** Due at or after this instant (an all-day task counts from the start of its day in its time zone). */
  dueAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Due before this instant (exclusive). */
  dueBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** true: only overdue tasks (see Task.isOverdue); false: only tasks that are not overdue. */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Tasks of any of these priorities; an empty list restricts nothing. */
  priorities?: InputMaybe<Array<Priority>>;
  /** Tasks in any of these projects; an empty list restricts nothing, an id that is not one of the user's projects matches nothing. */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Full text over title and description, at most 500 characters; every word must match as a word prefix. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Every instance of one recurring series. */
  seriesId?: InputMaybe<Scalars['ID']['input']>;
  /** Only OPEN or only COMPLETED tasks. */
  status?: InputMaybe<TaskStatus>;
  /** Tasks carrying any of these tag names (case-insensitive). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** How `tasks` orders its results. */
export type TaskSort = {
  /** The direction. */
  direction?: InputMaybe<SortDirection>;
  /** The key to order by. */
  field: TaskSortField;
};

/** The key `tasks` orders by; ties are broken by id, so the order is total and stable. */
export type TaskSortField =
  /** By creation time. */
  | 'CREATED_AT'
  /** By due value (all-day tasks at the start of their day in their zone); tasks without one come last in both directions. */
  | 'DUE_AT'
  /** By the manual order within each project (`Task.position`, `reorderTask`). */
  | 'POSITION'
  /** By priority, LOW < MEDIUM < HIGH < URGENT. */
  | 'PRIORITY'
  /** By title, case-insensitively. */
  | 'TITLE'
  /** By time of the last change. */
  | 'UPDATED_AT';

/** Whether a task is still to be done. */
export type TaskStatus =
  /** Done: `completeTask` set `completedAt`. A recurring task's next instance is created as a new OPEN task. */
  | 'COMPLETED'
  /** Not done yet (new tasks, and tasks reopened with `reopenTask`). */
  | 'OPEN';

/** Changes to the signed-in user's profile; an omitted or null field is left as it is. */
export type UpdateProfileInput = {
  /** New display name, one line of text. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New IANA time zone. Tasks keep the zone they were created with (see Task.timeZone). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a project (`updateProject`); an omitted field is left as it is. */
export type UpdateProjectInput = {
  /** New colour `#rrggbb`; null removes it (owner only). */
  color?: InputMaybe<Scalars['String']['input']>;
  /** New name, 1 to 100 characters (owner only; not for the Inbox). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Moves the project to this place in the signed-in user's own list (0 = first; past the end = last); the Inbox stays first. Any member may reorder their own list. */
  position?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to a saved view (`updateSavedView`); an omitted field is left as it is. */
export type UpdateSavedViewInput = {
  /** true removes the sort (the list's default order again); not together with sort. */
  clearSort?: InputMaybe<Scalars['Boolean']['input']>;
  /** New name, one line of 1 to 100 characters; null is refused. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Moves the view to this place in the user's list (1 = first; past the end = last) and renumbers the others. */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** New query (empty for every task); null is refused. */
  query?: InputMaybe<Scalars['String']['input']>;
  /** New order; not together with clearSort. */
  sort?: InputMaybe<TaskSort>;
};

/**
 * Changes to a task (`updateTask`). An omitted field is left as it is; giving dueAt or dueDate
 * replaces the due value (a timed task can become all-day and back).
 */
export type UpdateTaskInput = {
  /** A member of the task's project to assign it to; null unassigns it (`BAD_USER_INPUT` on `input.assigneeId` for someone who is not a member). */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** true removes the due value; not together with dueAt or dueDate, nor on a task that stays recurring. */
  clearDue?: InputMaybe<Scalars['Boolean']['input']>;
  /** true makes the task a one-off task (it keeps its seriesId and occurrence); not together with recurrence. */
  clearRecurrence?: InputMaybe<Scalars['Boolean']['input']>;
  /** New description (up to 10,000 characters); null clears it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** New due instant (the task becomes timed). */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** New all-day due date (the task becomes all-day). */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** New priority; null is refused. */
  priority?: InputMaybe<Priority>;
  /** New repeat rule (replaces the current one); not together with clearRecurrence. */
  recurrence?: InputMaybe<RecurrenceInput>;
  /** New title, one line of 1 to 500 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A Taskwire account. The signed-in user reads their own profile, and the name and address of
 * the members of their projects; anyone else's id resolves to nothing, exactly like a missing one.
 */
export type User = Node & {
  __typename?: 'User';
  /**
   * The e-mail address the account signs in with, as entered (matched case-insensitively). A
   * changed address replaces it only once its verification link is followed (`verifyEmail`).
   */
  email: Scalars['String']['output'];
  /** Whether the owner followed the verification link sent to `email`. */
  emailVerified: Scalars['Boolean']['output'];
  /** Opaque, stable id of the account (a uuid today; do not parse it). */
  id: Scalars['ID']['output'];
  /**
   * Display name, one line of text. Also readable, with `email`, by the members of the user's
   * projects (docs/api.md "Sharing and roles"); for them `timeZone` and `emailVerified` are `FORBIDDEN`.
   */
  name: Scalars['String']['output'];
  /** IANA time zone, e.g. Europe/Berlin; all-day due dates and reminders are interpreted in it. */
  timeZone: Scalars['String']['output'];
};
