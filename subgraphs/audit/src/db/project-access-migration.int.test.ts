import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { migrateSchema } from '@taskwire/platform/migrations';
import { createTestDatabase } from '../../../../test/support.js';
import { auditSchema, createAuditDatabase, type AuditDB } from './database.js';
import { auditMigrations } from './migrations.js';

const migration = '2026_12_12_100000_project_access';
let db: Kysely<AuditDB>;

beforeAll(async () => {
  db = createAuditDatabase({ url: await createTestDatabase('auditmig'), maxConnections: 1 });
});

afterAll(async () => {
  await db?.destroy();
});

const before = Object.fromEntries(Object.entries(auditMigrations).filter(([name]) => name < migration));

describe(`migration ${migration}`, () => {
  it("keeps existing entries and takes each task's latest project from their changes", async () => {
    await migrateSchema(db, auditSchema, before);
    const [moved, unmoved, legacy] = [randomUUID(), randomUUID(), randomUUID()];
    const row = (taskId: string, type: string, minute: number, changes: unknown[]) => ({
      event_id: randomUUID(),
      type,
      actor_id: 'user-a',
      user_id: 'user-a',
      task_id: taskId,
      occurred_at: new Date(Date.UTC(2026, 11, 1, 12, minute)),
      correlation_id: null,
      traceparent: null,
      changes: JSON.stringify(changes),
    });
    const created = (projectId?: string) => [
      { field: 'title', old: null, new: 'Task' },
      ...(projectId ? [{ field: 'projectId', old: null, new: projectId }] : []),
    ];
    await db
      .insertInto('audit_entries')
      .values([
        row(moved, 'task.created', 0, created('project-1')),
        row(moved, 'task.updated', 1, [{ field: 'projectId', old: 'project-1', new: 'project-2' }]),
        row(moved, 'task.updated', 2, [{ field: 'title', old: 'Task', new: 'Moved' }]),
        row(unmoved, 'task.created', 0, created('project-3')),
        row(legacy, 'task.created', 0, created()),
      ])
      .execute();

    await migrateSchema(db, auditSchema, auditMigrations);

    const projects = await db.selectFrom('task_project').select(['task_id', 'project_id']).execute();
    expect(new Map(projects.map((p) => [p.task_id, p.project_id]))).toEqual(
      new Map([
        [moved, 'project-2'],
        [unmoved, 'project-3'],
      ]),
    );
    const entries = await db.selectFrom('audit_entries').select(['user_id', 'actor_deleted']).execute();
    expect(entries).toHaveLength(5);
    expect(entries.every((e) => e.user_id === 'user-a' && e.actor_deleted === false)).toBe(true);
  });
});
