import type { AccountsContext } from '../../context.js';
import type { AuthPayloadModel } from './session.model.js';
import type { IssuedSession, SessionPolicy } from './session.service.js';

/**
 * The answer of an operation that issued a refresh token: in the answer for API clients; for a
 * browser (it asked for the cookie, or refreshed from it) in the cookie only, the answer null.
 */
export function authPayloadFor(
  ctx: Pick<AccountsContext, 'refreshCookie'>,
  issued: IssuedSession,
  policy: Pick<SessionPolicy, 'maxDays'>,
  { viaCookie = ctx.refreshCookie.wantsCookie }: { viaCookie?: boolean } = {},
): AuthPayloadModel {
  if (viaCookie) ctx.refreshCookie.outgoing = { set: issued.refreshToken, maxAgeSeconds: policy.maxDays * 86_400 };
  return {
    token: issued.accessToken,
    expiresAt: issued.expiresAt,
    refreshToken: viaCookie ? null : issued.refreshToken,
    user: issued.user,
  };
}
