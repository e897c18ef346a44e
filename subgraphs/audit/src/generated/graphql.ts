import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AuditEntryWithKey } from '../modules/audit/audit.repository.js';
import type { AuditConnectionModel, TaskRef } from '../modules/audit/audit.mapper.js';
import type { PageInfoModel } from '@taskwire/platform/paging';
import type { AuditContext } from '../context.js';
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
  /** RFC 3339 date-time with `Z` or an offset, e.g. 2026-11-28T09:00:00+01:00; always answered in UTC (`Z`). */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: string; output: string; }
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
};


/** Read operations. Each field's description says what it needs and what it answers. */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A to-do item in a project. Every member of the project can read it; owners and editors can
 * change it, viewers get `FORBIDDEN`. A task in a project the user is not a member of is answered
 * like a missing one (`NOT_FOUND` from `task` and mutations).
 */
export type Task = {
  __typename?: 'Task';
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
  Task: Task;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Task:
    ( { __typename: 'Task' }
    & GraphQLRecursivePick<FederationTypes['Task'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuditConnection: ResolverTypeWrapper<AuditConnectionModel>;
  AuditEdge: ResolverTypeWrapper<Omit<AuditEdge, 'node'> & { node: ResolversTypes['AuditEntry'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditEntry: ResolverTypeWrapper<AuditEntryWithKey>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEntryKind: AuditEntryKind;
  AuditFilter: AuditFilter;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldChange: ResolverTypeWrapper<FieldChange>;
  PageInfo: ResolverTypeWrapper<PageInfoModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Task: ResolverTypeWrapper<TaskRef>;
  User: ResolverTypeWrapper<User>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuditConnection: AuditConnectionModel;
  AuditEdge: Omit<AuditEdge, 'node'> & { node: ResolversParentTypes['AuditEntry'] };
  String: Scalars['String']['output'];
  AuditEntry: AuditEntryWithKey;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  AuditFilter: AuditFilter;
  DateTime: Scalars['DateTime']['output'];
  FieldChange: FieldChange;
  PageInfo: PageInfoModel;
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  Task: TaskRef;
  User: User;
}>;

export type AuditConnectionResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditConnection'] = ResolversParentTypes['AuditConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AuditEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type AuditEdgeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEdge'] = ResolversParentTypes['AuditEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
}>;

export type AuditEntryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = ResolversObject<{
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorDeleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['FieldChange']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AuditEntryKind'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FieldChangeResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['FieldChange'] = ResolversParentTypes['FieldChange']> = ResolversObject<{
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  newValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  oldValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  auditLog?: Resolver<ResolversTypes['AuditConnection'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
}>;

export type TaskResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  history?: Resolver<ResolversTypes['AuditConnection'], ParentType, ContextType, RequireFields<TaskHistoryArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AuditContext> = ResolversObject<{
  AuditConnection?: AuditConnectionResolvers<ContextType>;
  AuditEdge?: AuditEdgeResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FieldChange?: FieldChangeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

