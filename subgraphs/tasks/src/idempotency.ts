import type { MutationIdempotency } from '@taskwire/platform/idempotency';
import type { Mutation } from './generated/graphql.js';

/**
 * How each mutation honours an Idempotency-Key (docs/api.md "Idempotent mutations"): every one
 * stores its result with its effect (`mutationTransaction`). Typed from the SDL, so a new mutation
 * does not compile until it is listed here.
 */
export const tasksMutationIdempotency: Record<Exclude<keyof Mutation, '__typename'>, MutationIdempotency> = {
  createTask: 'recorded',
  updateTask: 'recorded',
  completeTask: 'recorded',
  reopenTask: 'recorded',
  deleteTask: 'recorded',
  restoreTask: 'recorded',
  moveTask: 'recorded',
  reorderTask: 'recorded',
  createProject: 'recorded',
  updateProject: 'recorded',
  archiveProject: 'recorded',
  deleteProject: 'recorded',
  shareProject: 'recorded',
  cancelProjectInvitation: 'recorded',
  changeMemberRole: 'recorded',
  removeMember: 'recorded',
  leaveProject: 'recorded',
  transferProjectOwnership: 'recorded',
  createSavedView: 'recorded',
  updateSavedView: 'recorded',
  deleteSavedView: 'recorded',
};
