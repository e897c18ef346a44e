export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Calendar date YYYY-MM-DD (all-day due dates). */
  Date: { input: string; output: string; }
  /** RFC 3339 date-time with offset, e.g. 2026-11-28T09:00:00+01:00. */
  DateTime: { input: string; output: string; }
};

export type AddReminderInput = {
  offsetMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Exactly one of remindAt and offsetMinutes. */
  remindAt?: InputMaybe<Scalars['DateTime']['input']>;
  taskId: Scalars['ID']['input'];
};

export type AuditConnection = {
  __typename?: 'AuditConnection';
  edges: Array<AuditEdge>;
  pageInfo: PageInfo;
};

export type AuditEdge = {
  __typename?: 'AuditEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

export type AuditEntry = {
  __typename?: 'AuditEntry';
  actor?: Maybe<User>;
  changes: Array<FieldChange>;
  eventId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  task?: Maybe<Task>;
  type: Scalars['String']['output'];
};

export type AuditFilter = {
  since?: InputMaybe<Scalars['DateTime']['input']>;
  taskId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A signed-in session: a short access token, and (for API clients) the refresh token that renews it. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** When `token` expires; renew before then with `refreshSession`. */
  expiresAt: Scalars['DateTime']['output'];
  /**
   * Opaque, single-use refresh token for `refreshSession`. Null when the gateway set it as an
   * HttpOnly cookie instead (browser sessions): the web app never sees it.
   */
  refreshToken?: Maybe<Scalars['String']['output']>;
  /** Short-lived access token (JWT); send it as `Authorization: Bearer <token>`. */
  token: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
};

export type CreateTaskInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  priority?: InputMaybe<Priority>;
  recurrence?: InputMaybe<RecurrenceInput>;
  /** IANA time zone for all-day due dates (see Task.timeZone); defaults to recurrence.timeZone, else UTC. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
};

/** A changed field; values are JSON-encoded. */
export type FieldChange = {
  __typename?: 'FieldChange';
  field: Scalars['String']['output'];
  newValue?: Maybe<Scalars['String']['output']>;
  oldValue?: Maybe<Scalars['String']['output']>;
};

/** Writes of the accounts subgraph. */
export type Mutation = {
  __typename?: 'Mutation';
  acknowledgeReminder: Reminder;
  addReminder: Reminder;
  /**
   * Asks to change the sign-in address: sends a verification link to the new address; the
   * change takes effect when that link is followed (`verifyEmail`).
   */
  changeEmail: Scalars['Boolean']['output'];
  /** Changes the password; every other session of the user ends. */
  changePassword: Scalars['Boolean']['output'];
  completeTask: Task;
  createTag: Tag;
  createTask: Task;
  /**
   * Deletes the signed-in user's account and erases all of their data in every service (tasks,
   * tags, reminders, queued e-mails, audit entries). The user's tokens stop working at once.
   * Returns true once the account is deleted (the other services erase their rows within
   * seconds). A wrong password is BAD_USER_INPUT on `password` and deletes nothing; repeated wrong
   * passwords are throttled like sign-in (TOO_MANY_REQUESTS).
   */
  deleteAccount: Scalars['Boolean']['output'];
  deleteTag: Scalars['ID']['output'];
  deleteTask: Scalars['ID']['output'];
  dismissReminder: Reminder;
  /**
   * Renews a session: spends the refresh token and answers a new access token and a new refresh
   * token. Without an argument it uses the gateway's refresh cookie and answers
   * `refreshToken: null` (the new token travels in the cookie). A spent token used again after the
   * grace window ends its whole session (UNAUTHENTICATED).
   */
  refreshSession: AuthPayload;
  reopenTask: Task;
  /**
   * Sends a single-use password reset link (valid 30 minutes) to the address if it has an
   * account, at most one per window. Always answers true, whether the address exists or not.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Sets a new password with a reset link's token, ends every session and signs in anew. */
  resetPassword: AuthPayload;
  /** Ends one of the signed-in user's sessions; false when there is no such live session. */
  revokeSession: Scalars['Boolean']['output'];
  setTaskTags: Task;
  /** Signs in with e-mail and password; starts a new session. */
  signIn: AuthPayload;
  /** Ends the session of this request's access token (and clears the refresh cookie). */
  signOut: Scalars['Boolean']['output'];
  /** Ends every session of the signed-in user, this one included. */
  signOutEverywhere: Scalars['Boolean']['output'];
  /** Creates an account, signs it in and sends a verification link to its address. */
  signUp: AuthPayload;
  snoozeReminder: Reminder;
  /** Changes the signed-in user's name or time zone. */
  updateProfile: User;
  updateTask: Task;
  /**
   * Follows a verification link: marks the address verified (or makes a requested address change
   * take effect). A token works once; an unknown, used or expired one is BAD_USER_INPUT.
   */
  verifyEmail: Scalars['Boolean']['output'];
};


/** Writes of the accounts subgraph. */
export type MutationAcknowledgeReminderArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationAddReminderArgs = {
  input: AddReminderInput;
};


/** Writes of the accounts subgraph. */
export type MutationChangeEmailArgs = {
  newEmail: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationCompleteTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationCreateTagArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


/** Writes of the accounts subgraph. */
export type MutationDeleteAccountArgs = {
  password: Scalars['String']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationDeleteTagArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationDeleteTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationDismissReminderArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationRefreshSessionArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


/** Writes of the accounts subgraph. */
export type MutationReopenTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationSetTaskTagsArgs = {
  names: Array<Scalars['String']['input']>;
  taskId: Scalars['ID']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationSignInArgs = {
  input: SignInInput;
};


/** Writes of the accounts subgraph. */
export type MutationSignUpArgs = {
  input: SignUpInput;
};


/** Writes of the accounts subgraph. */
export type MutationSnoozeReminderArgs = {
  id: Scalars['ID']['input'];
  until: Scalars['DateTime']['input'];
};


/** Writes of the accounts subgraph. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


/** Writes of the accounts subgraph. */
export type MutationUpdateTaskArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTaskInput;
};


/** Writes of the accounts subgraph. */
export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

/** Reads of the accounts subgraph. */
export type Query = {
  __typename?: 'Query';
  /** Newest first; only the signed-in user's entries. */
  auditLog: AuditConnection;
  /** The signed-in user; null without a valid token. */
  me?: Maybe<User>;
  /** The signed-in user's live sessions, most recently used first. */
  sessions: Array<Session>;
  tags: Array<Tag>;
  task?: Maybe<Task>;
  /**
   * Search the signed-in user's tasks. Default order: CREATED_AT DESC; with filter.search and no
   * sort, by relevance. first: 1..200. Cursors are opaque and tied to the sort they came from.
   */
  tasks: TaskConnection;
};


/** Reads of the accounts subgraph. */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads of the accounts subgraph. */
export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Reads of the accounts subgraph. */
export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<TaskSort>;
};

export type Recurrence = {
  __typename?: 'Recurrence';
  anchor: RecurrenceAnchor;
  /** RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE. */
  rrule: Scalars['String']['output'];
  /** IANA time zone the rule is evaluated in (wall-clock time). */
  timeZone: Scalars['String']['output'];
};

export type RecurrenceAnchor =
  /** The next due time is computed from the completion time. */
  | 'COMPLETION'
  /** The next instance follows the rule's schedule, whenever this one was completed. */
  | 'SCHEDULE';

export type RecurrenceInput = {
  anchor?: InputMaybe<RecurrenceAnchor>;
  rrule: Scalars['String']['input'];
  /** IANA time zone; defaults to the task's time zone (Task.timeZone). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

export type Reminder = {
  __typename?: 'Reminder';
  firedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Minutes before the task's due time, for relative reminders. */
  offsetMinutes?: Maybe<Scalars['Int']['output']>;
  remindAt: Scalars['DateTime']['output'];
  snoozedUntil?: Maybe<Scalars['DateTime']['output']>;
  state: ReminderState;
  task: Task;
};

export type ReminderNotification = {
  __typename?: 'ReminderNotification';
  firedAt: Scalars['DateTime']['output'];
  /** Id of this firing. */
  id: Scalars['ID']['output'];
  reminder: Reminder;
  task: Task;
};

export type ReminderState =
  | 'ACKNOWLEDGED'
  | 'CANCELLED'
  | 'DISMISSED'
  | 'FIRED'
  | 'SCHEDULED';

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

/** What `signIn` takes. */
export type SignInInput = {
  /** The sign-in address (any case). */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
};

/** What `signUp` takes. */
export type SignUpInput = {
  /** The sign-in address; a verification link is sent to it. */
  email: Scalars['String']['input'];
  /** Display name. */
  name: Scalars['String']['input'];
  /** At least 10 characters, not all of one kind, not the e-mail address. */
  password: Scalars['String']['input'];
  /** IANA time zone; defaults to UTC. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  /** The signed-in user's reminders as they fall due. */
  reminderDue: ReminderNotification;
};

export type Tag = {
  __typename?: 'Tag';
  /** #rrggbb */
  color?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type Task = {
  __typename?: 'Task';
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** All-day due date (instead of dueAt). */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /** Newest first. */
  history: AuditConnection;
  id: Scalars['ID']['output'];
  /** Due and not completed; all-day tasks are overdue from the day after, in the owner's time zone. */
  isOverdue: Scalars['Boolean']['output'];
  /** Preview of the rule's next occurrences after this instance's due time; empty without a rule. */
  nextOccurrences: Array<Scalars['DateTime']['output']>;
  /** 1 for the first instance of a series. */
  occurrence?: Maybe<Scalars['Int']['output']>;
  owner: User;
  priority: Priority;
  recurrence?: Maybe<Recurrence>;
  reminders: Array<Reminder>;
  /** Id shared by every instance of a recurring series. */
  seriesId?: Maybe<Scalars['ID']['output']>;
  status: TaskStatus;
  tags: Array<Tag>;
  /**
   * IANA time zone the task's all-day due date is judged in (isOverdue, due sorting and range
   * filters). Fixed at creation: CreateTaskInput.timeZone, else the recurrence's time zone, else
   * UTC. The tasks subgraph does not read the accounts schema, so it cannot follow later profile
   * changes; clients pass the user's zone when creating.
   */
  timeZone: Scalars['String']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};


export type TaskHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type TaskNextOccurrencesArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

export type TaskFilter = {
  dueAfter?: InputMaybe<Scalars['DateTime']['input']>;
  dueBefore?: InputMaybe<Scalars['DateTime']['input']>;
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  priorities?: InputMaybe<Array<Priority>>;
  /** Full text over title and description; a word prefix matches. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Every instance of one recurring series. */
  seriesId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<TaskStatus>;
  /** Tasks carrying any of these tag names. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type TaskSort = {
  direction?: InputMaybe<SortDirection>;
  field: TaskSortField;
};

export type TaskSortField =
  | 'CREATED_AT'
  | 'DUE_AT'
  | 'PRIORITY'
  | 'TITLE'
  | 'UPDATED_AT';

export type TaskStatus =
  | 'COMPLETED'
  | 'OPEN';

/** Profile fields to change; an absent field is left as it is. */
export type UpdateProfileInput = {
  /** New display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New IANA time zone. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateTaskInput = {
  clearDue?: InputMaybe<Scalars['Boolean']['input']>;
  clearRecurrence?: InputMaybe<Scalars['Boolean']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  priority?: InputMaybe<Priority>;
  recurrence?: InputMaybe<RecurrenceInput>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A Taskwire account. Only the signed-in user can read their own profile. */
export type User = {
  __typename?: 'User';
  /** The verified sign-in address (a changed address replaces it only once its link is followed). */
  email: Scalars['String']['output'];
  /** Whether the owner followed the verification link sent to `email`. */
  emailVerified: Scalars['Boolean']['output'];
  /** The account's id. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** IANA time zone, e.g. Europe/Berlin; all-day due dates and reminders are interpreted in it. */
  timeZone: Scalars['String']['output'];
};
