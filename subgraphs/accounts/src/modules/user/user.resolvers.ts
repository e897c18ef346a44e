import { forbidden, tooManyRequests, unauthenticated } from '@taskwire/platform/errors';
import { timeZoneInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { GraphQLError } from 'graphql';
import type { Kysely } from 'kysely';
import type { AccountsContext } from '../../context.js';
import type { AccountsDatabase, UserRow } from '../../db/database.js';
import type { Resolvers } from '../../generated/graphql.js';
import { authPayloadFor } from '../session/session.mapper.js';
import {
  accountGone,
  changePassword,
  confirmPassword,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signInUser,
  signUpUser,
  verifyEmail,
  type CredentialsPolicy,
  type PasswordCheck,
} from './credentials.service.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import {
  clearSignInFailures,
  countRecentSignInFailures,
  findUserByEmail,
  recordSignInFailure,
} from './user.repository.js';
import { deleteUser, updateUserProfile } from './user.service.js';
import { signInRefusal, type SignInLimits } from './user.throttle.js';
import { signInEmailKey, validateEmail, validateName, validatePassword } from './user.validation.js';

export interface UserResolverDeps {
  db: Kysely<AccountsDatabase>;
  policy: CredentialsPolicy;
  signInLimits: SignInLimits;
}

const wrongCredentials = () => unauthenticated('e-mail or password is wrong');
const clientOf = (ctx: AccountsContext) => ({ userAgent: ctx.userAgent, clientAddress: ctx.clientAddress });
const requestOf = (ctx: AccountsContext) => ({ traceparent: ctx.traceparent, correlationId: ctx.requestId });

/** Another account as a member of one of the reader's projects sees it (ownField refuses the rest). */
const coMembers = new WeakSet<UserRow>();
function coMemberView(user: UserRow): UserRow {
  const view = { ...user };
  coMembers.add(view);
  return view;
}

/** A field only the account's own user reads (a co-member gets FORBIDDEN for it). */
function ownField<T>(user: UserRow, field: string, value: T): T {
  if (coMembers.has(user)) throw forbidden(`${field} of another account is private; only its own user reads it`);
  return value;
}

export function userResolvers(deps: UserResolverDeps & { onMailQueued: () => void }): Resolvers {
  const { db, policy, signInLimits, onMailQueued } = deps;

  /**
   * Refuses while this account is backed off from this address (the sign-in throttle, one rule
   * for every password check), and records a failure when the password is wrong.
   * @returns whether the password is right.
   */
  const passwordMatches = async (user: UserRow, password: string, clientAddress: string): Promise<boolean> => {
    const window = { accountKey: user.email.toLowerCase(), clientAddress, windowSeconds: signInLimits.windowSeconds };
    const recent = await countRecentSignInFailures(db, window);
    const refusal = signInRefusal(recent, signInLimits);
    if (refusal) {
      throw tooManyRequests(
        `too many wrong passwords for ${refusal.scope}; try again in ${refusal.retryAfterSeconds} s`,
        refusal.retryAfterSeconds,
      );
    }
    if (await verifyPassword(password, user.password_hash)) return true;
    await recordSignInFailure(db, window);
    return false;
  };
  const passwordCheckFor =
    (ctx: AccountsContext): PasswordCheck =>
    (user, password) =>
      passwordMatches(user, password, ctx.clientAddress);

  return {
    Query: {
      me: async (_parent, _args, ctx) => (ctx.user ? ctx.usersById.load(ctx.user.id) : null),
    },
    Mutation: {
      signUp: async (_parent, { input }, ctx) => {
        const email = validateEmail('input.email', input.email);
        validatePassword('input.password', input.password, email);
        const name = validateName('input.name', input.name);
        const timeZone = input.timeZone == null ? 'UTC' : timeZoneInput(input.timeZone, 'input.timeZone');
        const issued = await signUpUser(
          db,
          policy,
          { email, name, timeZone, password: input.password },
          clientOf(ctx),
          requestOf(ctx),
        );
        onMailQueued();
        ctx.log.info({ userId: issued.user.id }, 'user signed up');
        return authPayloadFor(ctx, issued, policy.session);
      },
      signIn: async (_parent, { input }, ctx) => {
        const accountKey = signInEmailKey('input.email', input.email);
        const window = { accountKey, clientAddress: ctx.clientAddress, windowSeconds: signInLimits.windowSeconds };
        const recent = await countRecentSignInFailures(db, window);
        const refusal = signInRefusal(recent, signInLimits);
        if (refusal) {
          throw tooManyRequests(
            `too many failed sign-ins for ${refusal.scope}; try again in ${refusal.retryAfterSeconds} s`,
            refusal.retryAfterSeconds,
          );
        }
        const user = await findUserByEmail(db, accountKey);
        // Unknown e-mail and wrong password take the same time and give the same answer.
        const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
        if (!user || !ok) {
          await recordSignInFailure(db, window);
          ctx.log.info({ clientAddress: ctx.clientAddress }, 'sign-in failed');
          throw wrongCredentials();
        }
        if (recent.pair.count > 0) await clearSignInFailures(db, window);
        return authPayloadFor(ctx, await signInUser(db, policy, user, clientOf(ctx)), policy.session);
      },
      changePassword: async (_parent, { currentPassword, newPassword }, ctx) => {
        const userId = requireUser(ctx);
        await changePassword(
          db,
          userId,
          { current: currentPassword, next: newPassword },
          ctx.user?.sessionId,
          passwordCheckFor(ctx),
        );
        ctx.log.info({ userId }, 'password changed; other sessions ended');
        return true;
      },
      requestPasswordReset: async (_parent, { email }, ctx) => {
        // The same answer whether or not the address has an account, and whether or not a
        // mail went out (at most one per window).
        const queued = await requestPasswordReset(db, policy, email);
        if (queued) onMailQueued();
        ctx.log.info({ queued }, 'password reset requested');
        return true;
      },
      resetPassword: async (_parent, { token, newPassword }, ctx) => {
        const issued = await resetPassword(db, policy, { token, newPassword }, clientOf(ctx));
        ctx.log.info({ userId: issued.user.id }, 'password reset; every other session ended');
        ctx.usersById.clear(issued.user.id);
        return authPayloadFor(ctx, issued, policy.session);
      },
      changeEmail: async (_parent, { newEmail, password }, ctx) => {
        const userId = requireUser(ctx);
        await requestEmailChange(db, policy, userId, { newEmail, password }, passwordCheckFor(ctx));
        onMailQueued();
        return true;
      },
      verifyEmail: async (_parent, { token }, ctx) => {
        const user = await verifyEmail(db, token, requestOf(ctx));
        ctx.usersById.clear(user.id).prime(user.id, user);
        ctx.log.info({ userId: user.id }, 'e-mail address verified');
        return true;
      },

      updateProfile: async (_parent, { input }, ctx) => {
        const userId = requireUser(ctx);
        const changes: { name?: string; timeZone?: string } = {};
        if (input.name != null) changes.name = validateName('input.name', input.name);
        if (input.timeZone != null) changes.timeZone = timeZoneInput(input.timeZone, 'input.timeZone');
        const origin = { actor: userId, traceparent: ctx.traceparent, correlationId: ctx.requestId };
        const updated = await updateUserProfile(db, userId, changes, origin).catch((error: unknown) => {
          if ((error as GraphQLError).extensions?.code === 'NOT_FOUND') throw accountGone();
          throw error;
        });
        ctx.usersById.clear(userId).prime(userId, updated);
        return updated;
      },

      deleteAccount: async (_parent, { password }, ctx) => {
        const userId = requireUser(ctx);
        await confirmPassword(db, userId, password, passwordCheckFor(ctx), 'password');
        const origin = { actor: userId, traceparent: ctx.traceparent, correlationId: ctx.requestId };
        // Deleted concurrently by another request: the account is gone either way.
        if (!(await deleteUser(db, userId, origin))) throw accountGone();
        ctx.usersById.clear(userId);
        ctx.log.info({ userId }, 'account deleted');
        return true;
      },
    },
    User: {
      // A user reads their own profile, and the name and address of the members of their
      // projects (accounts' membership projection); anyone else resolves to null, exactly like
      // a missing account.
      __resolveReference: async (reference, ctx) => {
        if (!ctx.user || !(await ctx.mayReadUser.load(reference.id))) return null;
        const user = await ctx.usersById.load(reference.id);
        return user && user.id !== ctx.user.id ? coMemberView(user) : user;
      },
      id: (user) => user.id,
      email: (user) => user.email,
      name: (user) => user.name,
      timeZone: (user) => ownField(user, 'timeZone', user.time_zone),
      emailVerified: (user) => ownField(user, 'emailVerified', user.email_verified),
    },
  };
}
