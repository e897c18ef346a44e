import { sql, type Generated, type Kysely } from 'kysely';
import type { Executor } from './database.js';
import type { EventOf } from './events/index.js';

/*
 * The membership projection every service but tasks keeps from `project-events` (planning for
 * tags and reminders, accounts for who may see whose name, audit for history): who is a member
 * of which project, with which role. One table shape and one way of applying the events.
 */

/** The `project-events` types that change who is a member of a project. */
export const membershipEventTypes = [
  'project.created',
  'project.deleted',
  'member.added',
  'member.updated',
  'member.removed',
] as const;
export type MembershipEvent = EventOf<(typeof membershipEventTypes)[number]>;

/** A service's `project_member` table (createProjectMemberTable). */
export interface ProjectMemberTable {
  project_id: string;
  user_id: string;
  role: 'OWNER' | 'EDITOR' | 'VIEWER';
  updated_at: Generated<Date>;
}

export interface ProjectMemberDatabase {
  project_member: ProjectMemberTable;
}

/** Creates `project_member` in the migrating service's schema. */
export async function createProjectMemberTable(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table project_member (
      project_id uuid not null,
      user_id text not null,
      role text not null check (role in ('OWNER', 'EDITOR', 'VIEWER')),
      updated_at timestamptz not null default now(),
      primary key (project_id, user_id)
    )`.execute(db);
  await sql`create index project_member_user_idx on project_member (user_id)`.execute(db);
}

/**
 * Applies one membership event to the `project_member` projection (idempotent: a re-delivered
 * event writes the same rows). Per-project order holds on the topic (key = project id).
 */
export async function applyMembershipEvent<DB extends ProjectMemberDatabase>(
  executor: Executor<DB>,
  event: MembershipEvent,
): Promise<void> {
  // Any service database with this table: only `project_member` is touched.
  const db = executor as unknown as Executor<ProjectMemberDatabase>;
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
  db: Executor<ProjectMemberDatabase>,
  projectId: string,
  userId: string,
  role: ProjectMemberTable['role'],
): Promise<void> {
  await db
    .insertInto('project_member')
    .values({ project_id: projectId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role, updated_at: sql`now()` }))
    .execute();
}
