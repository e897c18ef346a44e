import type { UserRow } from '../../db/database.js';

/** What signUp / signIn resolve to before field resolvers run. */
export interface AuthPayloadModel {
  token: string;
  user: UserRow;
}
