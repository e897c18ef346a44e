import type { GraphQLResolveInfo } from 'graphql';
import type { UserRow } from '../db/database.js';
import type { AuthPayloadModel } from '../modules/user/user.mapper.js';
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
  _FieldSet: { input: string; output: string; }
};

/** The answer of `signUp` and `signIn`: an access token and the account it belongs to. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /**
   * Short-lived access token (ES256 JWT, 15 minutes by default); send it as
   * `Authorization: Bearer <token>`. Sign in again when it expires (`UNAUTHENTICATED`).
   */
  token: Scalars['String']['output'];
  /** The account the token was issued for. */
  user: User;
};

/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp and signIn. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Signs in with e-mail and password. A wrong e-mail or password is `UNAUTHENTICATED` (the same
   * message for both); repeated failures from one address are throttled with `TOO_MANY_REQUESTS`
   * and `extensions.retryAfterSeconds` (docs/api.md "Limits").
   */
  signIn: AuthPayload;
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
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp and signIn. */
export type MutationSignInArgs = {
  input: SignInInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp and signIn. */
export type MutationSignUpArgs = {
  input: SignUpInput;
};


/** Write operations. Each needs a valid access token (`UNAUTHENTICATED` otherwise), except signUp and signIn. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

/**
 * An object with a globally unique, stable id (Relay's Node): User and Task. Ids are opaque and
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
  /** An e-mail address not yet registered (in any letter case); `BAD_USER_INPUT` on `input.email` otherwise. */
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
 * A Taskwire account. Only the signed-in user can read their own profile: another user's id
 * resolves to nothing, exactly like a missing one.
 */
export type User = Node & {
  __typename?: 'User';
  /** The e-mail address the account signs in with, as entered at sign-up (matched case-insensitively). */
  email: Scalars['String']['output'];
  /** Opaque, stable id of the account (a uuid today; do not parse it). */
  id: Scalars['ID']['output'];
  /** Display name, one line of text. */
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
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SignInInput: SignInInput;
  SignUpInput: SignUpInput;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuthPayload: AuthPayloadModel;
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  ID: Scalars['ID']['output'];
  Query: Record<PropertyKey, never>;
  SignInInput: SignInInput;
  SignUpInput: SignUpInput;
  UpdateProfileInput: UpdateProfileInput;
  User: UserRow;
  Boolean: Scalars['Boolean']['output'];
}>;

export type AuthPayloadResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  signIn?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignInArgs, 'input'>>;
  signUp?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'input'>>;
  updateProfile?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
}>;

export type NodeResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = ResolversObject<{
  __resolveType: TypeResolveFn<'User', ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = AccountsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AccountsContext> = ResolversObject<{
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

