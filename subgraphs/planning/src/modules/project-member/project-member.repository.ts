import type { Executor } from '@taskwire/platform/database';
import type { EventOf } from '@taskwire/platform/events';
import type { PlanningDatabase } from '../../db/database.js';

/** The `project-events` types that change who is a member of a project. */
export const membershipEventTypes = [
  'project.created',
  'project.deleted',
  'member.added',
  'member.updated',
  'member.removed',
] as const;
export type MembershipEvent = EventOf<(typeof membershipEventTypes)[number]>;

/**
 * Applies one membership event to the `project_member` projection (idempotent: a re-delivered
 * event writes the same rows). Per-project order holds on the topic (key = project id).
 */
export async function applyMembershipEvent(db: Executor<PlanningDatabase>, event: MembershipEvent): Promise<void> {
  const { project } = event.data;
  switch (event.type) {
    case 'project.created':
      return upsertMember(db, project.id, project.ownerId, 'OWNER');
    case 'member.added':
    case 'member.updated':
      return upsertMember(db, project.id, event.data.member.userId, event.data.member.role);
    case 'member.removed':
      await db
        .deleteFrom('project_member')
        .where('project_id', '=', project.id)
        .where('user_id', '=', event.data.member.userId)
        .execute();
      return;
    case 'project.deleted':
      await db.deleteFrom('project_member').where('project_id', '=', project.id).execute();
      return;
  }
}

async function upsertMember(
  db: Executor<PlanningDatabase>,
  projectId: string,
  userId: string,
  role: 'OWNER' | 'EDITOR' | 'VIEWER',
): Promise<void> {
  await db
    .insertInto('project_member')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}
