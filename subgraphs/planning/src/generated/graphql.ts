import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TagModel, ReminderModel, TaskRefModel } from '../models.js';
import type { PlanningContext } from '../context.js';
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

/** A new reminder (`addReminder`): exactly one of remindAt and offsetMinutes. */
export type AddReminderInput = {
  /** Minutes before the task's due time, 0 to 525,600 (one year); the task must have a due value. */
  offsetMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** Exactly one of remindAt and offsetMinutes: an absolute time, in the future. */
  remindAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** An open task of the signed-in user (`NOT_FOUND` otherwise; `BAD_USER_INPUT` when it is completed). */
  taskId: Scalars['ID']['input'];
};

/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Marks a FIRED reminder as seen (idempotent). `BAD_USER_INPUT` on `id` for one that has not fired. */
  acknowledgeReminder: Reminder;
  /** Adds a reminder to an open task. `BAD_USER_INPUT` naming the field when the time is not in the future. */
  addReminder: Reminder;
  /** Creates a tag. `BAD_USER_INPUT` on `name` when the user already has a tag of that name (in any case). */
  createTag: Tag;
  /** Deletes a tag and removes it from every task; returns its id. `NOT_FOUND` for a missing or foreign id. */
  deleteTag: Scalars['ID']['output'];
  /** Dismisses a reminder for good (idempotent). `BAD_USER_INPUT` on `id` for a cancelled one. */
  dismissReminder: Reminder;
  /**
   * Replaces a task's tags with the given names, creating tags that do not exist yet; returns the
   * task. `NOT_FOUND` for a missing or foreign task.
   */
  setTaskTags: Task;
  /**
   * Makes a scheduled, fired or acknowledged reminder fire again at `until` (a fired one counts as
   * seen). `BAD_USER_INPUT` on `id` for a dismissed or cancelled reminder or a task that is done.
   */
  snoozeReminder: Reminder;
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
export type MutationCreateTagArgs = {
  color?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteTagArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDismissReminderArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationSetTaskTagsArgs = {
  names: Array<Scalars['String']['input']>;
  taskId: Scalars['ID']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationSnoozeReminderArgs = {
  id: Scalars['ID']['input'];
  until: Scalars['DateTime']['input'];
};

/** Read operations. Each field's description says what it needs and what it answers. */
export type Query = {
  __typename?: 'Query';
  /** The signed-in user's tags, by name (case-insensitive). */
  tags: Array<Tag>;
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

/** Real-time operations, over graphql-ws only (docs/subscriptions.md). */
export type Subscription = {
  __typename?: 'Subscription';
  /** The signed-in user's reminders as they fall due. */
  reminderDue: ReminderNotification;
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
export type Task = {
  __typename?: 'Task';
  /** Opaque, stable id of the task (a uuid v7 today; do not parse it). */
  id: Scalars['ID']['output'];
  /**
   * The task's reminders. Null only when the planning service is unavailable: the rest of the
   * task is still answered, with an error at this path (as for tags).
   */
  reminders?: Maybe<Array<Reminder>>;
  /**
   * The task's tags, alphabetically. Null only when the planning service is unavailable: the rest
   * of the task is still answered, with an error at this path (SUBREQUEST_HTTP_ERROR,
   * REQUEST_TIMEOUT or SUBGRAPH_CIRCUIT_BREAKER_REJECTED; docs/api.md).
   */
  tags?: Maybe<Array<Tag>>;
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
  AddReminderInput: AddReminderInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Reminder: ResolverTypeWrapper<ReminderModel>;
  ReminderNotification: ResolverTypeWrapper<Omit<ReminderNotification, 'reminder' | 'task'> & { reminder: ResolversTypes['Reminder'], task: ResolversTypes['Task'] }>;
  ReminderState: ReminderState;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tag: ResolverTypeWrapper<TagModel>;
  Task: ResolverTypeWrapper<TaskRefModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddReminderInput: AddReminderInput;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  Query: Record<PropertyKey, never>;
  Reminder: ReminderModel;
  ReminderNotification: Omit<ReminderNotification, 'reminder' | 'task'> & { reminder: ResolversParentTypes['Reminder'], task: ResolversParentTypes['Task'] };
  Subscription: Record<PropertyKey, never>;
  Tag: TagModel;
  Task: TaskRefModel;
  Boolean: Scalars['Boolean']['output'];
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acknowledgeReminder?: Resolver<ResolversTypes['Reminder'], ParentType, ContextType, RequireFields<MutationAcknowledgeReminderArgs, 'id'>>;
  addReminder?: Resolver<ResolversTypes['Reminder'], ParentType, ContextType, RequireFields<MutationAddReminderArgs, 'input'>>;
  createTag?: Resolver<ResolversTypes['Tag'], ParentType, ContextType, RequireFields<MutationCreateTagArgs, 'name'>>;
  deleteTag?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteTagArgs, 'id'>>;
  dismissReminder?: Resolver<ResolversTypes['Reminder'], ParentType, ContextType, RequireFields<MutationDismissReminderArgs, 'id'>>;
  setTaskTags?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationSetTaskTagsArgs, 'names' | 'taskId'>>;
  snoozeReminder?: Resolver<ResolversTypes['Reminder'], ParentType, ContextType, RequireFields<MutationSnoozeReminderArgs, 'id' | 'until'>>;
}>;

export type QueryResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
}>;

export type ReminderResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['Reminder'] = ResolversParentTypes['Reminder']> = ResolversObject<{
  firedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  offsetMinutes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  remindAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  snoozedUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ReminderState'], ParentType, ContextType>;
  task?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
}>;

export type ReminderNotificationResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['ReminderNotification'] = ResolversParentTypes['ReminderNotification']> = ResolversObject<{
  firedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reminder?: Resolver<ResolversTypes['Reminder'], ParentType, ContextType>;
  task?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  reminderDue?: SubscriptionResolver<ResolversTypes['ReminderNotification'], "reminderDue", ParentType, ContextType>;
}>;

export type TagResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['Tag'] = ResolversParentTypes['Tag']> = ResolversObject<{
  color?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TaskResolvers<ContextType = PlanningContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reminders?: Resolver<Maybe<Array<ResolversTypes['Reminder']>>, ParentType, ContextType>;
  tags?: Resolver<Maybe<Array<ResolversTypes['Tag']>>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = PlanningContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reminder?: ReminderResolvers<ContextType>;
  ReminderNotification?: ReminderNotificationResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Tag?: TagResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
}>;

