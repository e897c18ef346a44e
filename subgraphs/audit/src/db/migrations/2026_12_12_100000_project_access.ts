import { sql, type Kysely } from 'kysely';
import { auditReaderRole, auditSchema, auditWriterRole } from '../database.js';

/**
 * Shared history (issue 18): who may read a task's entries is decided here, from a projection of
 * the tasks subgraph's memberships (`project-events`) and of each task's project (task snapshots'
 * `projectId`), never by asking the tasks subgraph. A former member keeps a row (`removed_at`), so
 * a project whose members all left is still known and its history does not fall back to the
 * entries' owners. Account deletion keeps the entries of tasks in projects that outlive the user,
 * without their id: `user_id` becomes nullable, `actor_deleted` says an actor was erased, and
 * `without_user_ids` removes the id from the stored changes.
 *
 * Existing entries stay: `task_project` is backfilled from the `projectId` their changes carry
 * (`task.created`, a move's `task.updated`); a task without one stays readable by its entries'
 * owner, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_entries alter column user_id drop not null`.execute(db);
  await sql`alter table audit_entries add column actor_deleted boolean not null default false`.execute(db);
  // Task.history of a project's tasks for any member, and auditLog over a member's projects.
  await sql`create index audit_entries_task_time on audit_entries (task_id, occurred_at desc, id desc)`.execute(db);
  await sql`
    create table project_member (
      project_id text not null,
      user_id text not null,
      role text not null check (role in ('OWNER', 'EDITOR', 'VIEWER')),
      removed_at timestamptz,
      updated_at timestamptz not null,
      primary key (project_id, user_id)
    )`.execute(db);
  await sql`create index project_member_user on project_member (user_id, project_id)`.execute(db);
  await sql`
    create table task_project (
      task_id text primary key,
      project_id text not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index task_project_project on task_project (project_id, task_id)`.execute(db);
  await createWithoutUserIds(db);
  await backfillTaskProjects(db);

  const s = auditSchema;
  await sql.raw(`grant select on ${s}.project_member, ${s}.task_project to ${auditReaderRole}`).execute(db);
  // Projections, unlike the log, change: the writer keeps them.
  await sql
    .raw(`grant select, insert, update, delete on ${s}.project_member, ${s}.task_project to ${auditWriterRole}`)
    .execute(db);
}

/**
 * `without_user_ids(doc, ids)`: `doc` with every JSON string equal to one of `ids` replaced by
 * null, at any depth (keys are kept). Recursive, so plpgsql.
 */
async function createWithoutUserIds(db: Kysely<any>): Promise<void> {
  const fn = `${auditSchema}.without_user_ids`;
  await sql
    .raw(
      `create function ${fn}(doc jsonb, ids text[]) returns jsonb language plpgsql immutable as $$
       begin
         case jsonb_typeof(doc)
           when 'string' then
             return case when doc #>> '{}' = any(ids) then 'null'::jsonb else doc end;
           when 'array' then
             return coalesce(
               (select jsonb_agg(${fn}(v, ids) order by n) from jsonb_array_elements(doc) with ordinality as a(v, n)),
               '[]'::jsonb);
           when 'object' then
             return coalesce((select jsonb_object_agg(k, ${fn}(v, ids)) from jsonb_each(doc) as o(k, v)), '{}'::jsonb);
           else
             return doc;
         end case;
       end $$`,
    )
    .execute(db);
}

/** Each task's latest `projectId` among its stored changes (entries written before projects have none). */
async function backfillTaskProjects(db: Kysely<any>): Promise<void> {
  await sql`
    insert into task_project (task_id, project_id, updated_at)
    select distinct on (e.task_id) e.task_id, c.value ->> 'new', e.occurred_at
    from audit_entries e cross join lateral jsonb_array_elements(e.changes) as c(value)
    where e.type in ('task.created', 'task.updated')
      and c.value ->> 'field' = 'projectId'
      and jsonb_typeof(c.value -> 'new') = 'string'
    order by e.task_id, e.occurred_at desc, e.id desc`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop function ${auditSchema}.without_user_ids(jsonb, text[])`).execute(db);
  await db.schema.dropTable('task_project').execute();
  await db.schema.dropTable('project_member').execute();
  await sql`drop index audit_entries_task_time`.execute(db);
  await sql`alter table audit_entries drop column actor_deleted`.execute(db);
  // Entries kept without their (deleted) owner cannot return to a not-null column.
  await sql`delete from audit_entries where user_id is null`.execute(db);
  await sql`alter table audit_entries alter column user_id set not null`.execute(db);
}
