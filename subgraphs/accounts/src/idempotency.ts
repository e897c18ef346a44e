import type { MutationIdempotency } from '@taskwire/platform/idempotency';
import type { Mutation } from './generated/graphql.js';

/**
 * How each mutation honours an Idempotency-Key (docs/api.md "Idempotent mutations"). signUp and
 * updateProfile store their result with their effect (`mutationTransaction`; a replayed signUp
 * answers a fresh token for the user it created). signIn changes nothing a retry could double:
 * it signs in again, so its key is checked and nothing is stored. Typed from the SDL, so a new
 * mutation does not compile until it is listed here.
 *
 * The session and credential mutations are `natural`: their answers carry secrets (tokens) that
 * are never stored beside a key, and a retry is safe by their own rules — a repeated
 * refreshSession within the grace window gets the same successor, signing out or revoking twice
 * ends nothing more, a reset or verification token works once, a reset mail goes out at most
 * once per window, and a repeated password or address change is checked against the state the
 * first one left. deleteAccount is natural too: once it has run, the account is gone and any
 * retry is refused with UNAUTHENTICATED, which tells the client the deletion happened.
 */
export const accountsMutationIdempotency: Record<Exclude<keyof Mutation, '__typename'>, MutationIdempotency> = {
  signUp: 'recorded',
  signIn: 'natural',
  updateProfile: 'recorded',
  refreshSession: 'natural',
  revokeSession: 'natural',
  signOut: 'natural',
  signOutEverywhere: 'natural',
  changePassword: 'natural',
  requestPasswordReset: 'natural',
  resetPassword: 'natural',
  changeEmail: 'natural',
  verifyEmail: 'natural',
  deleteAccount: 'natural',
};
