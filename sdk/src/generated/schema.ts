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

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Short-lived access token (JWT); send it as `Authorization: Bearer <token>`. */
  token: Scalars['String']['output'];
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

export type Mutation = {
  __typename?: 'Mutation';
  acknowledgeReminder: Reminder;
  addReminder: Reminder;
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
  reopenTask: Task;
  setTaskTags: Task;
  signIn: AuthPayload;
  signUp: AuthPayload;
  snoozeReminder: Reminder;
  updateProfile: User;
  updateTask: Task;
};


export type MutationAcknowledgeReminderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationAddReminderArgs = {
  input: AddReminderInput;
};


export type MutationCompleteTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateTagArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};


export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


export type MutationDeleteAccountArgs = {
  password: Scalars['String']['input'];
};


export type MutationDeleteTagArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDismissReminderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReopenTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetTaskTagsArgs = {
  names: Array<Scalars['String']['input']>;
  taskId: Scalars['ID']['input'];
};


export type MutationSignInArgs = {
  input: SignInInput;
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};


export type MutationSnoozeReminderArgs = {
  id: Scalars['ID']['input'];
  until: Scalars['DateTime']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


export type MutationUpdateTaskArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTaskInput;
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

export type Query = {
  __typename?: 'Query';
  /** Newest first; only the signed-in user's entries. */
  auditLog: AuditConnection;
  /** The signed-in user; null without a valid token. */
  me?: Maybe<User>;
  tags: Array<Tag>;
  task?: Maybe<Task>;
  /**
   * Search the signed-in user's tasks. Default order: CREATED_AT DESC; with filter.search and no
   * sort, by relevance. first: 1..200. Cursors are opaque and tied to the sort they came from.
   */
  tasks: TaskConnection;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


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

export type SignInInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type SignUpInput = {
  email: Scalars['String']['input'];
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

export type UpdateProfileInput = {
  name?: InputMaybe<Scalars['String']['input']>;
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
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** IANA time zone, e.g. Europe/Berlin; all-day due dates and reminders are interpreted in it. */
  timeZone: Scalars['String']['output'];
};
