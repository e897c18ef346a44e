import type { Kysely } from 'kysely';
import { unauthenticated } from '@taskwire/platform/errors';
import { requireUser } from '@taskwire/platform/subgraph-server';
import type { AccountsContext } from '../../context.js';
import type { AccountsDatabase } from '../../db/database.js';
import type { Resolvers } from '../../generated/graphql.js';
import { hashSecretToken } from './secret-token.js';
import { authPayloadFor } from './session.mapper.js';
import { findSessionOfRefreshToken, listLiveSessions, revokeSessions } from './session.repository.js';
import { refreshSession, type SessionPolicy } from './session.service.js';

export interface SessionResolverDeps {
  db: Kysely<AccountsDatabase>;
  policy: SessionPolicy;
}

const clientOf = (ctx: AccountsContext) => ({ userAgent: ctx.userAgent, clientAddress: ctx.clientAddress });

/** The session a sign-out ends: the access token's, else the refresh cookie's. */
async function sessionToEnd(db: Kysely<AccountsDatabase>, ctx: AccountsContext) {
  if (ctx.user?.sessionId) return { userId: ctx.user.id, sessionId: ctx.user.sessionId };
  if (ctx.refreshCookie.incoming) {
    const found = await findSessionOfRefreshToken(db, hashSecretToken(ctx.refreshCookie.incoming));
    if (found && (!ctx.user || ctx.user.id === found.user_id))
      return { userId: found.user_id, sessionId: found.session_id };
  }
  return null;
}

export function sessionResolvers({ db, policy }: SessionResolverDeps): Resolvers {
  return {
    Query: {
      sessions: async (_parent, _args, ctx) => {
        const userId = requireUser(ctx);
        const rows = await listLiveSessions(db, userId, policy.idleDays);
        return rows.map((row) => ({ row, current: row.id === ctx.user?.sessionId }));
      },
    },
    Mutation: {
      refreshSession: async (_parent, args, ctx) => {
        const viaCookie = args.refreshToken == null || ctx.refreshCookie.wantsCookie;
        const token = args.refreshToken ?? ctx.refreshCookie.incoming;
        if (!token)
          throw unauthenticated('no refresh token: pass refreshToken, or send the refresh cookie through the gateway');
        const outcome = await refreshSession(db, policy, token, clientOf(ctx));
        if ('refused' in outcome) {
          if (viaCookie) ctx.refreshCookie.outgoing = 'clear';
          const log = outcome.refused === 'reused' ? ctx.log.warn.bind(ctx.log) : ctx.log.info.bind(ctx.log);
          log({ reason: outcome.refused }, 'refresh refused');
          throw unauthenticated('the refresh token is not valid (unknown, spent, revoked or expired); sign in again');
        }
        return authPayloadFor(ctx, outcome.issued, policy, { viaCookie });
      },
      revokeSession: async (_parent, { id }, ctx) => {
        const userId = requireUser(ctx);
        const revoked = await revokeSessions(db, { userId, sessionId: id, reason: 'revoked by user' });
        if (revoked > 0 && id === ctx.user?.sessionId) ctx.refreshCookie.outgoing = 'clear';
        return revoked > 0;
      },
      signOut: async (_parent, _args, ctx) => {
        const target = await sessionToEnd(db, ctx);
        if (!target) {
          requireUser(ctx);
          // A token without a session id (minted before sessions existed): nothing to end.
          return true;
        }
        await revokeSessions(db, { ...target, reason: 'signed out' });
        ctx.refreshCookie.outgoing = 'clear';
        return true;
      },
      signOutEverywhere: async (_parent, _args, ctx) => {
        const userId = requireUser(ctx);
        const revoked = await revokeSessions(db, { userId, reason: 'signed out everywhere' });
        ctx.refreshCookie.outgoing = 'clear';
        ctx.log.info({ userId, revoked }, 'signed out everywhere');
        return true;
      },
    },
    Session: {
      id: (s) => s.row.id,
      createdAt: (s) => s.row.created_at.toISOString(),
      lastUsedAt: (s) => s.row.last_used_at.toISOString(),
      userAgent: (s) => s.row.user_agent,
      current: (s) => s.current,
    },
  };
}
