import { buildEvent, type EventData, type EventOrigin, type NewEvent } from '@taskwire/platform/events';
import type { ProjectRow } from './project.model.js';

type ProjectSnapshot = EventData<'project.created'>['project'];
type ProjectChange = EventData<'project.updated'>['changes'][number];

export function toProjectSnapshot(row: ProjectRow): ProjectSnapshot {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    color: row.color,
    archived: row.archived,
    isInbox: row.is_inbox,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The fields project.updated reports, in a fixed order; only those whose value differs. */
export function diffProjects(before: ProjectRow, after: ProjectRow): ProjectChange[] {
  const changes: ProjectChange[] = [];
  const columns = { name: 'name', color: 'color', archived: 'archived', ownerId: 'owner_id' } as const;
  for (const [field, column] of Object.entries(columns) as Array<
    [keyof typeof columns, (typeof columns)[keyof typeof columns]]
  >) {
    if (before[column] !== after[column]) changes.push({ field, old: before[column], new: after[column] });
  }
  return changes;
}

/** A project event of the contract about `row` (subject and key = the project, owner = its owner). */
function projectEvent<T extends 'project.created' | 'project.updated' | 'project.deleted'>(
  type: T,
  row: ProjectRow,
  data: EventData<T>,
  origin: EventOrigin,
): NewEvent<T> {
  return buildEvent(type, { ...origin, subject: row.id, userId: row.owner_id, data });
}

export function projectCreatedEvent(row: ProjectRow, origin: EventOrigin): NewEvent<'project.created'> {
  return projectEvent('project.created', row, { project: toProjectSnapshot(row) }, origin);
}

export function projectUpdatedEvent(
  row: ProjectRow,
  changes: ProjectChange[],
  origin: EventOrigin,
): NewEvent<'project.updated'> {
  return projectEvent('project.updated', row, { project: toProjectSnapshot(row), changes }, origin);
}

/** `project.deleted` carries the state before deletion. */
export function projectDeletedEvent(before: ProjectRow, origin: EventOrigin): NewEvent<'project.deleted'> {
  return projectEvent('project.deleted', before, { project: toProjectSnapshot(before) }, origin);
}
