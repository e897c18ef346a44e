import { sql, type Kysely } from 'kysely';

/**
 * Projects and their members (issue 18). Every user gets an Inbox; every existing task moves
 * into its owner's Inbox, so `tasks.project_id` can be required. Users known only from the user
 * projection (no task yet) get their Inbox here too; later users get it on first use.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table projects (
      id uuid primary key,
      -- The current owner (the member whose role is OWNER); user ids are text, as in tasks.
      owner_id text not null,
      name text not null check (char_length(name) between 1 and 100),
      color text check (color ~ '^#[0-9a-f]{6}$'),
      archived boolean not null default false,
      is_inbox boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index projects_one_inbox_idx on projects (owner_id) where is_inbox`.execute(db);
  await sql`
    create table project_members (
      project_id uuid not null references projects (id) on delete cascade,
      user_id text not null,
      role text not null check (role in ('OWNER', 'EDITOR', 'VIEWER')),
      -- Where the project sits in this member's own list of projects (0 first).
      position integer not null check (position >= 0),
      joined_at timestamptz not null default now(),
      primary key (project_id, user_id)
    )`.execute(db);
  await sql`create index project_members_user_idx on project_members (user_id, position)`.execute(db);

  await sql`
    insert into projects (id, owner_id, name, is_inbox)
    select gen_random_uuid(), u.user_id, 'Inbox', true
    from (select distinct user_id from tasks union select user_id from user_profile where deleted_at is null) as u`.execute(
    db,
  );
  await sql`
    insert into project_members (project_id, user_id, role, position, joined_at)
    select id, owner_id, 'OWNER', 0, created_at from projects`.execute(db);
  await sql`alter table tasks add column project_id uuid`.execute(db);
  await sql`
    update tasks t set project_id = p.id
    from projects p where p.owner_id = t.user_id and p.is_inbox`.execute(db);
  await sql`alter table tasks alter column project_id set not null`.execute(db);
  await sql`alter table tasks add constraint tasks_project_fk foreign key (project_id) references projects (id)`.execute(
    db,
  );
  await sql`create index tasks_project_idx on tasks (project_id, created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks drop column project_id`.execute(db);
  await sql`drop table project_members`.execute(db);
  await sql`drop table projects`.execute(db);
}
