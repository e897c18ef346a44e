import { sql, type Kysely } from 'kysely';

/**
 * Authorization by project membership (issue 18): who may tag a task or set reminders on it is
 * decided here, from a projection of the tasks subgraph's `project-events` (memberships) and the
 * project of each task (task snapshots' `projectId`), never by asking the tasks subgraph.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table task_state add column project_id uuid`.execute(db);
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

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table project_member`.execute(db);
  await sql`alter table task_state drop column project_id`.execute(db);
}
