/**
 * The migration that introduced projects (2026_12_10_100000_projects), on rows shaped as
 * production's were before it: every task must end up in its owner's Inbox with every field
 * intact, and each known user must get exactly one Inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { migrateSchema } from '@taskwire/platform/migrations';
import { createTestDatabase } from '../../../../test/support.js';
import { createTasksDatabase, tasksSchemaName } from './database.js';
import { tasksMigrations } from './migrations.js';

const projectsMigration = '2026_12_10_100000_projects';
let db: Kysely<any>;

beforeAll(async () => {
  db = createTasksDatabase(await createTestDatabase('tasks_mig'), 2) as Kysely<any>;
});

afterAll(async () => {
  await db?.destroy();
});

/** The task rows as stored, without the columns later migrations add (projects, order, subtasks, trash), by id. */
async function tasksById(): Promise<Map<string, Record<string, unknown>>> {
  const { rows } = await sql<Record<string, unknown>>`select * from tasks order by id`.execute(db);
  return new Map(
    rows.map(
      ({
        project_id: _p,
        assignee_id: _a,
        created_by: _c,
        position: _o,
        parent_id: _t,
        completed_with: _w,
        trashed_at: _ta,
        trashed_with: _tw,
        ...rest
      }) => [rest.id as string, rest],
    ),
  );
}

describe('migration: projects', () => {
  it('moves every existing task into its owner’s Inbox and loses nothing', async () => {
    const before = Object.fromEntries(Object.entries(tasksMigrations).filter(([name]) => name < projectsMigration));
    const later = Object.keys(tasksMigrations).filter((name) => name >= projectsMigration);
    expect(later[0]).toBe(projectsMigration);
    await migrateSchema(db, tasksSchemaName, before);

    const [ann, ben, profileOnly, deleted] = ['user-ann', 'user-ben', 'user-profile-only', 'user-deleted'];
    const series = uuidv7();
    const now = new Date('2026-11-30T10:00:00Z');
    const rows = [
      { id: uuidv7(), user_id: ann, title: 'plain', priority: 1, status: 'OPEN' },
      {
        id: uuidv7(),
        user_id: ann,
        title: 'all-day, described',
        description: 'line one\nline two',
        priority: 3,
        status: 'OPEN',
        due_date: '2026-12-24',
        time_zone: 'Europe/Berlin',
      },
      {
        id: series,
        user_id: ann,
        title: 'recurring, completed',
        priority: 2,
        status: 'COMPLETED',
        completed_at: now,
        due_at: new Date('2026-11-29T08:00:00Z'),
        recurrence_rrule: 'FREQ=WEEKLY;BYDAY=MO',
        recurrence_time_zone: 'Europe/Berlin',
        recurrence_anchor: 'SCHEDULE',
        series_id: series,
        occurrence: 1,
        series_start_at: new Date('2026-11-29T08:00:00Z'),
      },
      {
        id: uuidv7(),
        user_id: ann,
        title: 'recurring, next instance',
        priority: 2,
        status: 'OPEN',
        due_at: new Date('2026-12-06T08:00:00Z'),
        recurrence_rrule: 'FREQ=WEEKLY;BYDAY=MO',
        recurrence_time_zone: 'Europe/Berlin',
        recurrence_anchor: 'SCHEDULE',
        series_id: series,
        occurrence: 2,
        series_start_at: new Date('2026-11-29T08:00:00Z'),
      },
      { id: uuidv7(), user_id: ben, title: 'ben’s', priority: 0, status: 'OPEN', due_at: now },
    ];
    for (const row of rows) await db.insertInto('tasks').values(row).execute();
    await db
      .insertInto('task_tags')
      .values({
        task_id: rows[0]!.id,
        tag_id: uuidv7(),
        user_id: ann,
        tag_name: 'Home',
        tag_name_lower: 'home',
        event_id: uuidv7(),
      })
      .execute();
    for (const [user_id, deleted_at] of [
      [ann, null],
      [profileOnly, null],
      [deleted, now],
    ] as const) {
      await db
        .insertInto('user_profile')
        .values({ user_id, email: null, email_lower: null, time_zone: 'UTC', source_updated_at: now, deleted_at })
        .execute();
    }
    const tasksBefore = await tasksById();
    const tagsBefore = await db.selectFrom('task_tags').selectAll().execute();

    expect(await migrateSchema(db, tasksSchemaName, tasksMigrations)).toEqual(later);

    const projects = await db.selectFrom('projects').selectAll().orderBy('owner_id').execute();
    expect(projects.map((p) => [p.owner_id, p.name, p.is_inbox, p.archived, p.color])).toEqual([
      [ann, 'Inbox', true, false, null],
      [ben, 'Inbox', true, false, null],
      [profileOnly, 'Inbox', true, false, null],
    ]);
    const members = await db.selectFrom('project_members').selectAll().execute();
    expect(members.map((m) => [m.project_id, m.user_id, m.role, m.position]).sort()).toEqual(
      projects.map((p) => [p.id, p.owner_id, 'OWNER', 0]).sort(),
    );
    const inboxOf = new Map(projects.map((p) => [p.owner_id, p.id]));
    const after = await db
      .selectFrom('tasks')
      .select(['id', 'user_id', 'project_id', 'created_by', 'assignee_id'])
      .execute();
    expect(after).toHaveLength(rows.length);
    for (const task of after) {
      expect(task.project_id).toBe(inboxOf.get(task.user_id));
      // Later migrations: the creator is the owner, nobody is assigned.
      expect(task.created_by).toBe(task.user_id);
      expect(task.assignee_id).toBeNull();
    }
    // Every other column, series included, is exactly as it was; the tag projection too.
    expect(await tasksById()).toEqual(tasksBefore);
    // The manual order of each Inbox is its creation order, one key per task (byte-wise, as "C").
    const ordered = await sql<{ id: string; project_id: string; position: string }>`
      select id, project_id, position from tasks order by project_id, created_at, id`.execute(db);
    for (const project of new Set(ordered.rows.map((r) => r.project_id))) {
      const keys = ordered.rows.filter((r) => r.project_id === project).map((r) => r.position);
      expect(keys, project).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(await db.selectFrom('task_tags').selectAll().execute()).toEqual(tagsBefore);
    // A task can no longer be without a project.
    await expect(
      db.insertInto('tasks').values({ id: uuidv7(), user_id: ann, title: 'orphan', priority: 1 }).execute(),
    ).rejects.toThrow(/project_id/);
  });
});
