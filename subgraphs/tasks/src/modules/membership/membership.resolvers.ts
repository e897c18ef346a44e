import { textInput } from '@taskwire/platform/input';
import { requireUser } from '@taskwire/platform/subgraph-server';
import { eventOrigin } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import {
  cancelProjectInvitation,
  changeMemberRole,
  leaveProject,
  removeMember,
  shareProject,
  transferProjectOwnership,
} from './membership.service.js';

/** Thin GraphQL layer over membership.service.ts. */
export const membershipResolvers: Resolvers = {
  Mutation: {
    shareProject: (_parent, { projectId, email, role }, ctx) => {
      const userId = requireUser(ctx);
      const id = textInput(projectId, 'projectId');
      return shareProject(ctx.deps, userId, id, { email, role }, eventOrigin(ctx, userId));
    },
    cancelProjectInvitation: (_parent, { projectId, email }, ctx) =>
      cancelProjectInvitation(ctx.deps, requireUser(ctx), textInput(projectId, 'projectId'), email),
    changeMemberRole: (_parent, { projectId, userId: memberId, role }, ctx) => {
      const userId = requireUser(ctx);
      const input = { userId: textInput(memberId, 'userId'), role };
      return changeMemberRole(ctx.deps, userId, textInput(projectId, 'projectId'), input, eventOrigin(ctx, userId));
    },
    removeMember: (_parent, { projectId, userId: memberId }, ctx) => {
      const userId = requireUser(ctx);
      const id = textInput(projectId, 'projectId');
      return removeMember(ctx.deps, userId, id, textInput(memberId, 'userId'), eventOrigin(ctx, userId));
    },
    leaveProject: (_parent, { projectId }, ctx) => {
      const userId = requireUser(ctx);
      return leaveProject(ctx.deps, userId, textInput(projectId, 'projectId'), eventOrigin(ctx, userId));
    },
    transferProjectOwnership: (_parent, { projectId, userId: memberId }, ctx) => {
      const userId = requireUser(ctx);
      const id = textInput(projectId, 'projectId');
      return transferProjectOwnership(ctx.deps, userId, id, textInput(memberId, 'userId'), eventOrigin(ctx, userId));
    },
  },
  Project: {
    // Only the owner sees whom the project was offered to.
    invitations: (p, _args, ctx) => (p.role === 'OWNER' ? ctx.invitationsLoader.load(p.id) : []),
  },
  ProjectInvitation: {
    email: (i) => i.email,
    role: (i) => i.role,
    invitedAt: (i) => i.invited_at.toISOString(),
  },
};
