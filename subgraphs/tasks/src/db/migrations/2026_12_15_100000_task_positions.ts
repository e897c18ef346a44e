import { sql, type Kysely } from 'kysely';
import { generateNKeysBetween } from 'fractional-indexing';

/**
 * Manual order (issue "Capture and organise", item 4): each task gets a fractional-index key,
 * unique within its project and compared byte-wise (collation "C"), so a move rewrites one row.
 * Existing tasks keep their creation order: each project's are numbered oldest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tasks add column position text collate "C"`.execute(db);
  const projects = await sql<{ project_id: string; n: string }>`
    select project_id, count(*) as n from tasks group by project_id`.execute(db);
  for (const { project_id: projectId, n } of projects.rows) {
    const keys = generateNKeysBetween(null, null, Number(n));
    await sql`
      update tasks t set position = k.position
      from (
        select id, row_number() over (order by created_at, id) as i from tasks where project_id = ${projectId}
      ) o
      join unnest(${keys}::text[]) with ordinality as k(position, i) on k.i = o.i
      where t.id = o.id`.execute(db);
  }
  await sql`alter table tasks alter column position set not null`.execute(db);
  await sql`create unique index tasks_project_position_idx on tasks (project_id, position)`.execute(db);
  // The POSITION sort: one ordered range per project, ties (none) by id like every sort.
  await sql`create index tasks_project_position_id_idx on tasks (project_id, position, id)`.execute(db);
}
