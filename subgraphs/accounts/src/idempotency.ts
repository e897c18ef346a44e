import type { MutationIdempotency } from '@taskwire/platform/idempotency';
import type { Mutation } from './generated/graphql.js';

/**
 * How each mutation honours an Idempotency-Key (docs/api.md "Idempotent mutations"). signUp and
 * updateProfile store their result with their effect (`mutationTransaction`; a replayed signUp
 * answers a fresh token for the user it created). signIn changes nothing a retry could double:
 * it signs in again, so its key is checked and nothing is stored. Typed from the SDL, so a new
 * mutation does not compile until it is listed here.
 */
export const accountsMutationIdempotency: Record<Exclude<keyof Mutation, '__typename'>, MutationIdempotency> = {
  signUp: 'recorded',
  signIn: 'natural',
  updateProfile: 'recorded',
};
