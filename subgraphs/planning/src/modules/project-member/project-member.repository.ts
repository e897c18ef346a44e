/*
 * Planning's membership projection (`project_member`, fed by planning-sync from
 * `project-events`): the platform's one implementation, on planning's schema.
 */
export { applyMembershipEvent, membershipEventTypes, type MembershipEvent } from '@taskwire/platform/project-members';
