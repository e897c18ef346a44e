import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TaskRow, TaskConnectionModel } from '../modules/task/task.model.js';
import type { ProjectModel, ProjectMemberRow } from '../modules/project/project.model.js';
import type { InvitationRow } from '../modules/membership/membership.repository.js';
import type { TaskChangeModel } from '../modules/task-change/task-change.model.js';
import type { QuickAddDraft } from '../modules/quick-add/quick-add.parser.js';
import type { SavedViewRow } from '../modules/saved-view/saved-view.model.js';
import type { PageInfoModel } from '@taskwire/platform/paging';
import type { TasksContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
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
  _FieldSet: { input: string; output: string; }
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

/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Archives (or, with `archived: false`, restores) a project; owner only. The Inbox cannot be archived (`BAD_USER_INPUT` on `id`). */
  archiveProject: Project;
  /** Withdraws an invitation to an address (owner only); `NOT_FOUND` when there is none. */
  cancelProjectInvitation: Project;
  /** Changes a member's role to EDITOR or VIEWER (owner only); the owner's role changes only by `transferProjectOwnership`. */
  changeMemberRole: Project;
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
  /** Creates a task owned by the signed-in user. `BAD_USER_INPUT` naming the field for an invalid value. */
  createTask: Task;
  /** Deletes a project and all its tasks (each with its own `task.deleted`) and returns its id; owner only. The Inbox cannot be deleted (`BAD_USER_INPUT` on `id`). */
  deleteProject: Scalars['ID']['output'];
  /** Deletes a saved view and returns its id; the views after it move up one place. `NOT_FOUND` for a missing view or someone else's. */
  deleteSavedView: Scalars['ID']['output'];
  /**
   * Moves a task to the Trash and returns its id (`task.trashed`): it leaves every list, search
   * and count, its subtasks go with it, its tags stay and its reminders pause. `restoreTask` brings
   * it back; after 30 days in the Trash it is deleted for good (`task.purged`). `NOT_FOUND` for a
   * missing or foreign id, `FORBIDDEN` for a viewer.
   */
  deleteTask: Scalars['ID']['output'];
  /** Leaves a project the signed-in user is a member of but not the owner of; returns its id. Tasks assigned to them are unassigned. */
  leaveProject: Scalars['ID']['output'];
  /** Moves a task to another project the user may edit (idempotent). `NOT_FOUND` on `id` or `projectId` for a missing or foreign one. */
  moveTask: Task;
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
   * Takes a task out of the Trash as it was (`task.restored`): its place in the manual order, its
   * tags, the subtasks that went to the Trash with it, and its reminders that still lie ahead. A
   * task that is not in the Trash is returned unchanged. `NOT_FOUND` for a missing or foreign id
   * (or one purged since), `FORBIDDEN` for a viewer, `BAD_USER_INPUT` on `id` for a subtask whose
   * parent is in the Trash (restore the parent).
   */
  restoreTask: Task;
  /**
   * Shares a project (owner only). An account whose verified address this is becomes a member at
   * once and is told by e-mail; otherwise an invitation is mailed, and the address's account
   * becomes a member once it has verified the address. Sharing with a member changes their role.
   * `role` OWNER is refused (`transferProjectOwnership`); shares that send mail are limited per
   * user and day (`TOO_MANY_REQUESTS`). Not for the Inbox.
   */
  shareProject: Project;
  /** Makes another member the owner (owner only); the previous owner stays as an EDITOR. */
  transferProjectOwnership: Project;
  /** Changes a project. `NOT_FOUND` for a project the user is not a member of; `FORBIDDEN` when a member who is not the owner changes name or colour. */
  updateProject: Project;
  /** Changes a saved view and/or moves it in the list. `NOT_FOUND` for a missing view or someone else's; `BAD_USER_INPUT` naming the field, as for `createSavedView`. */
  updateSavedView: SavedView;
  /** Changes a task and returns it; an update that changes nothing returns it unchanged. `NOT_FOUND` for a missing or foreign id. */
  updateTask: Task;
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
export type MutationChangeMemberRoleArgs = {
  projectId: Scalars['ID']['input'];
  role: ProjectRole;
  userId: Scalars['ID']['input'];
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
export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
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
export type MutationDeleteTaskArgs = {
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
export type MutationRestoreTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationShareProjectArgs = {
  email: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
  role: ProjectRole;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationTransferProjectOwnershipArgs = {
  projectId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
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
  /** Id shared by every instance of a recurring series (the first instance's id); null for a one-off task. */
  seriesId?: Maybe<Scalars['ID']['output']>;
  /** OPEN or COMPLETED. */
  status: TaskStatus;
  /** How many of its direct subtasks are done ("2/5"). */
  subtaskProgress: SubtaskProgress;
  /** Its direct subtasks, in manual order. Completing a task completes its open subtasks (reopening it reopens them); deleting or moving it takes them along. */
  subtasks: Array<Task>;
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
export type User = {
  __typename?: 'User';
  /** Opaque, stable id of the account (a uuid today; do not parse it). */
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Project: Project;
  Task: Task;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Project:
    ( { __typename: 'Project' }
    & GraphQLRecursivePick<FederationTypes['Project'], {"id":true}> );
  Task:
    ( { __typename: 'Task' }
    & GraphQLRecursivePick<FederationTypes['Task'], {"id":true}> );
}>;


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Node:
    | ( ProjectModel )
    | ( TaskRow )
  ;
}>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CreateProjectInput: CreateProjectInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CreateSavedViewInput: CreateSavedViewInput;
  CreateTaskInput: CreateTaskInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfoModel>;
  Priority: Priority;
  Project: ResolverTypeWrapper<ProjectModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ProjectInvitation: ResolverTypeWrapper<InvitationRow>;
  ProjectMember: ResolverTypeWrapper<ProjectMemberRow>;
  ProjectRole: ProjectRole;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Recurrence: ResolverTypeWrapper<Recurrence>;
  RecurrenceAnchor: RecurrenceAnchor;
  RecurrenceInput: RecurrenceInput;
  SavedView: ResolverTypeWrapper<SavedViewRow>;
  SavedViewSort: ResolverTypeWrapper<SavedViewSort>;
  SortDirection: SortDirection;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SubtaskProgress: ResolverTypeWrapper<SubtaskProgress>;
  Task: ResolverTypeWrapper<TaskRow>;
  TaskChange: ResolverTypeWrapper<TaskChangeModel>;
  TaskChangeType: TaskChangeType;
  TaskConnection: ResolverTypeWrapper<TaskConnectionModel>;
  TaskDraft: ResolverTypeWrapper<QuickAddDraft>;
  TaskDraftPart: ResolverTypeWrapper<TaskDraftPart>;
  TaskDraftPartKind: TaskDraftPartKind;
  TaskDraftRecurrence: ResolverTypeWrapper<TaskDraftRecurrence>;
  TaskEdge: ResolverTypeWrapper<Omit<TaskEdge, 'node'> & { node: ResolversTypes['Task'] }>;
  TaskFilter: TaskFilter;
  TaskSort: TaskSort;
  TaskSortField: TaskSortField;
  TaskStatus: TaskStatus;
  UpdateProjectInput: UpdateProjectInput;
  UpdateSavedViewInput: UpdateSavedViewInput;
  UpdateTaskInput: UpdateTaskInput;
  User: ResolverTypeWrapper<User>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CreateProjectInput: CreateProjectInput;
  String: Scalars['String']['output'];
  CreateSavedViewInput: CreateSavedViewInput;
  CreateTaskInput: CreateTaskInput;
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfoModel;
  Project: ProjectModel;
  Int: Scalars['Int']['output'];
  ProjectInvitation: InvitationRow;
  ProjectMember: ProjectMemberRow;
  Query: Record<PropertyKey, never>;
  Recurrence: Recurrence;
  RecurrenceInput: RecurrenceInput;
  SavedView: SavedViewRow;
  SavedViewSort: SavedViewSort;
  Subscription: Record<PropertyKey, never>;
  SubtaskProgress: SubtaskProgress;
  Task: TaskRow;
  TaskChange: TaskChangeModel;
  TaskConnection: TaskConnectionModel;
  TaskDraft: QuickAddDraft;
  TaskDraftPart: TaskDraftPart;
  TaskDraftRecurrence: TaskDraftRecurrence;
  TaskEdge: Omit<TaskEdge, 'node'> & { node: ResolversParentTypes['Task'] };
  TaskFilter: TaskFilter;
  TaskSort: TaskSort;
  UpdateProjectInput: UpdateProjectInput;
  UpdateSavedViewInput: UpdateSavedViewInput;
  UpdateTaskInput: UpdateTaskInput;
  User: User;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  archiveProject?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationArchiveProjectArgs, 'archived' | 'id'>>;
  cancelProjectInvitation?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationCancelProjectInvitationArgs, 'email' | 'projectId'>>;
  changeMemberRole?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationChangeMemberRoleArgs, 'projectId' | 'role' | 'userId'>>;
  completeTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCompleteTaskArgs, 'id'>>;
  createProject?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationCreateProjectArgs, 'input'>>;
  createSavedView?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType, RequireFields<MutationCreateSavedViewArgs, 'input'>>;
  createTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCreateTaskArgs, 'input'>>;
  deleteProject?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteProjectArgs, 'id'>>;
  deleteSavedView?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteSavedViewArgs, 'id'>>;
  deleteTask?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteTaskArgs, 'id'>>;
  leaveProject?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationLeaveProjectArgs, 'projectId'>>;
  moveTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationMoveTaskArgs, 'id' | 'projectId'>>;
  removeMember?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationRemoveMemberArgs, 'projectId' | 'userId'>>;
  reopenTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationReopenTaskArgs, 'id'>>;
  reorderTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationReorderTaskArgs, 'id'>>;
  restoreTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationRestoreTaskArgs, 'id'>>;
  shareProject?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationShareProjectArgs, 'email' | 'projectId' | 'role'>>;
  transferProjectOwnership?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationTransferProjectOwnershipArgs, 'projectId' | 'userId'>>;
  updateProject?: Resolver<ResolversTypes['Project'], ParentType, ContextType, RequireFields<MutationUpdateProjectArgs, 'id' | 'input'>>;
  updateSavedView?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType, RequireFields<MutationUpdateSavedViewArgs, 'id' | 'input'>>;
  updateTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationUpdateTaskArgs, 'id' | 'input'>>;
}>;

export type NodeResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = ResolversObject<{
  __resolveType: TypeResolveFn<'Project' | 'Task', ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProjectResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  archived?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  color?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invitations?: Resolver<Array<ResolversTypes['ProjectInvitation']>, ParentType, ContextType>;
  isInbox?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['ProjectMember']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ProjectRole'], ParentType, ContextType>;
  tasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, RequireFields<ProjectTasksArgs, 'first'>>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ProjectInvitationResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['ProjectInvitation'] = ResolversParentTypes['ProjectInvitation']> = ResolversObject<{
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  invitedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ProjectRole'], ParentType, ContextType>;
}>;

export type ProjectMemberResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['ProjectMember'] = ResolversParentTypes['ProjectMember']> = ResolversObject<{
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ProjectRole'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  parseTask?: Resolver<ResolversTypes['TaskDraft'], ParentType, ContextType, RequireFields<QueryParseTaskArgs, 'text'>>;
  project?: Resolver<Maybe<ResolversTypes['Project']>, ParentType, ContextType, RequireFields<QueryProjectArgs, 'id'>>;
  projects?: Resolver<Array<ResolversTypes['Project']>, ParentType, ContextType, RequireFields<QueryProjectsArgs, 'includeArchived'>>;
  savedViews?: Resolver<Array<ResolversTypes['SavedView']>, ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'id'>>;
  tasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, RequireFields<QueryTasksArgs, 'first'>>;
  trash?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, RequireFields<QueryTrashArgs, 'first'>>;
}>;

export type RecurrenceResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Recurrence'] = ResolversParentTypes['Recurrence']> = ResolversObject<{
  anchor?: Resolver<ResolversTypes['RecurrenceAnchor'], ParentType, ContextType>;
  rrule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SavedViewResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['SavedView'] = ResolversParentTypes['SavedView']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sort?: Resolver<Maybe<ResolversTypes['SavedViewSort']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type SavedViewSortResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['SavedViewSort'] = ResolversParentTypes['SavedViewSort']> = ResolversObject<{
  direction?: Resolver<ResolversTypes['SortDirection'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['TaskSortField'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  projectChanges?: SubscriptionResolver<ResolversTypes['TaskChange'], "projectChanges", ParentType, ContextType, Partial<SubscriptionProjectChangesArgs>>;
}>;

export type SubtaskProgressResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['SubtaskProgress'] = ResolversParentTypes['SubtaskProgress']> = ResolversObject<{
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TaskResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dueAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  dueDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isOverdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nextOccurrences?: Resolver<Array<ResolversTypes['DateTime']>, ParentType, ContextType, RequireFields<TaskNextOccurrencesArgs, 'count'>>;
  occurrence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType>;
  position?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Priority'], ParentType, ContextType>;
  project?: Resolver<ResolversTypes['Project'], ParentType, ContextType>;
  recurrence?: Resolver<Maybe<ResolversTypes['Recurrence']>, ParentType, ContextType>;
  seriesId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
  subtaskProgress?: Resolver<ResolversTypes['SubtaskProgress'], ParentType, ContextType>;
  subtasks?: Resolver<Array<ResolversTypes['Task']>, ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trashedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TaskChangeResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['TaskChange'] = ResolversParentTypes['TaskChange']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  projectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TaskChangeType'], ParentType, ContextType>;
}>;

export type TaskConnectionResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['TaskConnection'] = ResolversParentTypes['TaskConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['TaskEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TaskDraftResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['TaskDraft'] = ResolversParentTypes['TaskDraft']> = ResolversObject<{
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dueAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  dueDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  parts?: Resolver<Array<ResolversTypes['TaskDraftPart']>, ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Priority'], ParentType, ContextType>;
  projectId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  recurrence?: Resolver<Maybe<ResolversTypes['TaskDraftRecurrence']>, ParentType, ContextType>;
  reminderOffsetsMinutes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  tagNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaskDraftPartResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['TaskDraftPart'] = ResolversParentTypes['TaskDraftPart']> = ResolversObject<{
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TaskDraftPartKind'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaskDraftRecurrenceResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['TaskDraftRecurrence'] = ResolversParentTypes['TaskDraftRecurrence']> = ResolversObject<{
  anchor?: Resolver<ResolversTypes['RecurrenceAnchor'], ParentType, ContextType>;
  rrule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaskEdgeResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['TaskEdge'] = ResolversParentTypes['TaskEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = TasksContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = TasksContext> = ResolversObject<{
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Project?: ProjectResolvers<ContextType>;
  ProjectInvitation?: ProjectInvitationResolvers<ContextType>;
  ProjectMember?: ProjectMemberResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Recurrence?: RecurrenceResolvers<ContextType>;
  SavedView?: SavedViewResolvers<ContextType>;
  SavedViewSort?: SavedViewSortResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  SubtaskProgress?: SubtaskProgressResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  TaskChange?: TaskChangeResolvers<ContextType>;
  TaskConnection?: TaskConnectionResolvers<ContextType>;
  TaskDraft?: TaskDraftResolvers<ContextType>;
  TaskDraftPart?: TaskDraftPartResolvers<ContextType>;
  TaskDraftRecurrence?: TaskDraftRecurrenceResolvers<ContextType>;
  TaskEdge?: TaskEdgeResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

