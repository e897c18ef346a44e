import type { SessionRow, UserRow } from '../../db/database.js';

/** What signUp / signIn / refreshSession / resetPassword resolve to before field resolvers run. */
export interface AuthPayloadModel {
  token: string;
  /** ISO date-time at which `token` expires. */
  expiresAt: string;
  /** Null when the refresh token travels in the gateway's cookie instead of the answer. */
  refreshToken: string | null;
  user: UserRow;
}

/** A session as `sessions` lists it, with whether it is the one of the request's token. */
export interface SessionModel {
  row: SessionRow;
  current: boolean;
}
