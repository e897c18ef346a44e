import { sql, type Kysely } from 'kysely';

/**
 * Sharing (issue 18): tasks are reached through the projects a user is a member of, so every
 * list shape is indexed by project instead of by user (a search runs one index range per
 * project and merges them); tasks get an assignee; invitations wait for an address to be
 * verified by an account; shares are counted per user and day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks add column assignee_id text`.execute(db);
  // Who created the task; null once that account is deleted (user_id then names the project's owner).
  await sql`alter table tasks add column created_by text`.execute(db);
  await sql`update tasks set created_by = user_id`.execute(db);
  // The projects migration's (project_id, created_at, id) serves CREATED_AT.
  await sql`alter index tasks_project_idx rename to tasks_project_created_idx`.execute(db);
  await sql`create index tasks_project_updated_idx on tasks (project_id, updated_at, id)`.execute(db);
  await sql`create index tasks_project_priority_idx on tasks (project_id, priority, id)`.execute(db);
  await sql`create index tasks_project_title_idx on tasks (project_id, lower(title), id)`.execute(db);
  await sql`create index tasks_project_due_asc_idx on tasks (project_id, coalesce(due_key, 'infinity'::timestamptz), id)`.execute(
    db,
  );
  await sql`create index tasks_project_due_desc_idx on tasks (project_id, coalesce(due_key, '-infinity'::timestamptz), id)`.execute(
    db,
  );
  await sql`create index tasks_project_open_due_idx on tasks (project_id, due_key) where status = 'OPEN'`.execute(db);
  await sql`create index tasks_project_search_idx on tasks using gin (project_id, search_vector)`.execute(db);
  await sql`create index tasks_assignee_idx on tasks (assignee_id, project_id) where assignee_id is not null`.execute(
    db,
  );
  for (const index of ['created', 'updated', 'priority', 'title', 'due_asc', 'due_desc', 'open_due', 'search']) {
    await sql`drop index ${sql.id(`tasks_user_${index}_idx`)}`.execute(db);
  }
  // Erasure and the recurrence consumer still find tasks by their creator.
  await sql`create index tasks_user_idx on tasks (user_id)`.execute(db);

  await sql`
    create table project_invitations (
      project_id uuid not null references projects (id) on delete cascade,
      email text not null,
      email_lower text not null,
      role text not null check (role in ('EDITOR', 'VIEWER')),
      invited_by text not null,
      invited_at timestamptz not null default now(),
      primary key (project_id, email_lower)
    )`.execute(db);
  await sql`create index project_invitations_email_idx on project_invitations (email_lower)`.execute(db);
  // How many shares (mails) each user sent per UTC day: the rate limit of shareProject.
  await sql`
    create table share_quota (
      user_id text not null,
      day date not null,
      count integer not null,
      primary key (user_id, day)
    )`.execute(db);
  // Whether the user's address is verified (invitations to it are accepted only then).
  await sql`alter table user_profile add column email_verified boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table user_profile drop column email_verified`.execute(db);
  await sql`drop table share_quota`.execute(db);
  await sql`drop table project_invitations`.execute(db);
  await sql`drop index tasks_user_idx`.execute(db);
  await sql`alter table tasks drop column assignee_id`.execute(db);
  await sql`alter table tasks drop column created_by`.execute(db);
}
