import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRow } from '../db/database.js';
import type { AuthPayloadModel, SessionModel } from '../modules/session/session.model.js';
import type { AccountsContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Asks to change the sign-in address: sends a verification link to the new address; the
   * change takes effect when that link is followed (`verifyEmail`). A wrong password is
   * BAD_USER_INPUT on `password`; repeated wrong passwords are throttled like sign-in
   * (TOO_MANY_REQUESTS).
   */
  changeEmail: Scalars['Boolean']['output'];
  /**
   * Changes the password; every other session of the user ends. A wrong current password is
   * BAD_USER_INPUT on `currentPassword`; repeated wrong passwords are throttled like sign-in
   * (TOO_MANY_REQUESTS).
   */
  changePassword: Scalars['Boolean']['output'];
  /**
   * Deletes the signed-in user's account and erases all of their data in every service (tasks,
   * tags, reminders, queued e-mails, audit entries). The user's tokens stop working at once.
   * Returns true once the account is deleted (the other services erase their rows within
   * seconds). A wrong password is BAD_USER_INPUT on `password` and deletes nothing; repeated wrong
   * passwords are throttled like sign-in (TOO_MANY_REQUESTS).
   */
  deleteAccount: Scalars['Boolean']['output'];
  /**
   * Renews a session: spends the refresh token and answers a new access token and a new refresh
   * token. Without an argument it uses the gateway's refresh cookie and answers
   * `refreshToken: null` (the new token travels in the cookie). A spent token used again after the
   * grace window ends its whole session (UNAUTHENTICATED).
   */
  refreshSession: AuthPayload;
  /**
   * Sends a single-use password reset link (valid 30 minutes) to the address if it has an
   * account, at most one per window. Always answers true, whether the address exists or not.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Sets a new password with a reset link's token, ends every session and signs in anew. */
  resetPassword: AuthPayload;
  /** Ends one of the signed-in user's sessions; false when there is no such live session. */
  revokeSession: Scalars['Boolean']['output'];
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
   * Changes the signed-in user's name and/or time zone and returns the updated profile.
   * `UNAUTHENTICATED` without a valid token; `BAD_USER_INPUT` naming an invalid field.
   */
  updateProfile: User;
  /**
   * Follows a verification link: marks the address verified (or makes a requested address change
   * take effect). A token works once; an unknown, used or expired one is BAD_USER_INPUT.
   */
  verifyEmail: Scalars['Boolean']['output'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationChangeEmailArgs = {
  newEmail: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationDeleteAccountArgs = {
  password: Scalars['String']['input'];
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp, signIn, refreshSession, requestPasswordReset, resetPassword and verifyEmail. */
export type MutationRefreshSessionArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
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
export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
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
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
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

/** Read operations. Each field's description says what it needs and what it answers. */
export type Query = {
  __typename?: 'Query';
  /** The signed-in user; null without a valid token. */
  me?: Maybe<User>;
  /** The signed-in user's live sessions, most recently used first. */
  sessions: Array<Session>;
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

/** Changes to the signed-in user's profile; an omitted or null field is left as it is. */
export type UpdateProfileInput = {
  /** New display name, one line of text. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New IANA time zone. Tasks keep the zone they were created with (see Task.timeZone). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
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
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Node: ( UserRow );
}>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuthPayload: ResolverTypeWrapper<AuthPayloadModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Session: ResolverTypeWrapper<SessionModel>;
  SignInInput: SignInInput;
  SignUpInput: SignUpInput;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRow>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuthPayload: AuthPayloadModel;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  Query: Record<PropertyKey, never>;
  Session: SessionModel;
  SignInInput: SignInInput;
  SignUpInput: SignUpInput;
  UpdateProfileInput: UpdateProfileInput;
  User: UserRow;
}>;

export type AuthPayloadResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  changeEmail?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangeEmailArgs, 'newEmail' | 'password'>>;
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword'>>;
  deleteAccount?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAccountArgs, 'password'>>;
  refreshSession?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, Partial<MutationRefreshSessionArgs>>;
  requestPasswordReset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestPasswordResetArgs, 'email'>>;
  resetPassword?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'newPassword' | 'token'>>;
  revokeSession?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeSessionArgs, 'id'>>;
  signIn?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignInArgs, 'input'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  signOutEverywhere?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  signUp?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'input'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
  verifyEmail?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationVerifyEmailArgs, 'token'>>;
}>;

export type NodeResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = ResolversObject<{
  __resolveType: TypeResolveFn<'User', ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  sessions?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType>;
}>;

export type SessionResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userAgent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  emailVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AccountsContext> = ResolversObject<{
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

