import type { MutationIdempotency } from '@taskwire/platform/idempotency';
import type { Mutation } from './generated/graphql.js';

/**
 * How each mutation honours an Idempotency-Key (docs/api.md "Idempotent mutations"): every one
 * stores its result with its effect (`mutationTransaction`). Typed from the SDL, so a new mutation
 * does not compile until it is listed here.
 */
export const planningMutationIdempotency: Record<Exclude<keyof Mutation, '__typename'>, MutationIdempotency> = {
  createTag: 'recorded',
  deleteTag: 'recorded',
  setTaskTags: 'recorded',
  addReminder: 'recorded',
  snoozeReminder: 'recorded',
  dismissReminder: 'recorded',
  acknowledgeReminder: 'recorded',
};
