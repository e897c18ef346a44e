import { buildEvent, type EventData, type EventOrigin, type NewEvent } from '@taskwire/platform/events';
import type { ProjectMemberRow, ProjectRow } from '../project/project.model.js';
import { toProjectSnapshot } from '../project/project.events.js';
import type { InvitationRow } from './membership.repository.js';

type MemberEventType = 'member.added' | 'member.updated' | 'member.removed' | 'member.invited';

function memberEvent<T extends MemberEventType>(
  type: T,
  project: ProjectRow,
  data: Omit<EventData<T>, 'project'>,
  origin: EventOrigin,
): NewEvent<T> {
  return buildEvent(type, {
    ...origin,
    subject: project.id,
    userId: project.owner_id,
    data: { ...data, project: toProjectSnapshot(project) } as EventData<T>,
  });
}

const memberOf = (m: ProjectMemberRow) => ({ userId: m.user_id, role: m.role, joinedAt: m.joined_at.toISOString() });

export function memberAddedEvent(
  project: ProjectRow,
  member: ProjectMemberRow,
  origin: EventOrigin,
): NewEvent<'member.added'> {
  return memberEvent('member.added', project, { member: memberOf(member) }, origin);
}

export function memberUpdatedEvent(
  project: ProjectRow,
  member: ProjectMemberRow,
  previousRole: ProjectMemberRow['role'],
  origin: EventOrigin,
): NewEvent<'member.updated'> {
  return memberEvent('member.updated', project, { member: memberOf(member), previousRole }, origin);
}

export function memberRemovedEvent(
  project: ProjectRow,
  member: ProjectMemberRow,
  reason: EventData<'member.removed'>['reason'],
  origin: EventOrigin,
): NewEvent<'member.removed'> {
  return memberEvent('member.removed', project, { member: memberOf(member), reason }, origin);
}

export function memberInvitedEvent(
  project: ProjectRow,
  invitation: InvitationRow,
  origin: EventOrigin,
): NewEvent<'member.invited'> {
  return memberEvent(
    'member.invited',
    project,
    {
      invitation: { email: invitation.email, role: invitation.role, invitedAt: invitation.invited_at.toISOString() },
      invitedBy: invitation.invited_by,
    },
    origin,
  );
}
