import type { Transaction } from 'kysely';
import { auditedEventTypes, type AuditedEventType, type EventOf } from '@taskwire/platform/events';
import {
  type AuditDB,
  type StoredFieldChange,
  insertAuditEntries,
  type NewAuditEntry,
  recordTaskProjects,
  type TaskProject,
} from '@taskwire/audit';

/** Event types written to the audit log: every type on task-events (one list, in the event contract). */
export { auditedEventTypes };
export type AuditedEvent = EventOf<AuditedEventType>;

/** Adds a change only when the value actually changed. */
function changed(field: string, old: unknown, now: unknown): StoredFieldChange[] {
  return JSON.stringify(old) === JSON.stringify(now) ? [] : [{ field, old, new: now }];
}

/**
 * The changed fields of an event, per the "Audit mapping" table of schema/EVENTS.md.
 * Where an event does not carry a previous value (e.g. a reminder's state before it was
 * dismissed), `old` is null.
 */
export function auditChanges(event: AuditedEvent): StoredFieldChange[] {
  switch (event.type) {
    case 'task.created':
      return Object.entries(event.data.task)
        .filter(([, value]) => value !== null)
        .map(([field, value]) => ({ field, old: null, new: value }));
    case 'task.updated':
      return event.data.changes.map((c) => ({ field: c.field, old: c.old ?? null, new: c.new ?? null }));
    case 'task.completed':
      return [
        { field: 'status', old: 'OPEN', new: 'COMPLETED' },
        { field: 'completedAt', old: null, new: event.data.task.completedAt },
      ];
    case 'task.reopened':
      return [
        { field: 'status', old: 'COMPLETED', new: 'OPEN' },
        { field: 'completedAt', old: event.data.previousCompletedAt, new: null },
      ];
    case 'task.deleted':
    case 'task.purged':
      return [];
    case 'task.trashed':
      return [{ field: 'trashedAt', old: null, new: event.data.trashedAt }];
    case 'task.restored':
      return [{ field: 'trashedAt', old: event.data.previousTrashedAt, new: null }];
    case 'task.tagged':
      return [{ field: 'tags', old: null, new: event.data.tag.name }];
    case 'task.untagged':
      return [{ field: 'tags', old: event.data.tag.name, new: null }];
    case 'reminder.added': {
      const r = event.data.reminder;
      return [
        ...changed('remindAt', null, r.remindAt),
        ...changed('state', null, r.state),
        ...changed('snoozedUntil', null, r.snoozedUntil),
      ];
    }
    case 'reminder.snoozed': {
      // A snooze keeps remindAt and sets snoozedUntil; previousRemindAt is when it would
      // have fired: the earlier snooze's time, or remindAt when it was not snoozed before.
      const r = event.data.reminder;
      const previous = event.data.previousRemindAt;
      if (r.snoozedUntil === null) return changed('remindAt', previous, r.remindAt);
      return changed('snoozedUntil', previous === r.remindAt ? null : previous, r.snoozedUntil);
    }
    case 'reminder.rescheduled':
      return changed('remindAt', event.data.previousRemindAt, event.data.reminder.remindAt);
    case 'reminder.fired':
      // Only a SCHEDULED reminder fires (a snooze makes it SCHEDULED again).
      return changed('state', 'SCHEDULED', event.data.reminder.state);
    case 'reminder.dismissed':
    case 'reminder.cancelled':
      // The state before (scheduled, fired or acknowledged) is not carried by these events.
      return changed('state', null, event.data.reminder.state);
  }
}

/** Pure mapping event → audit row (the contract has checked the payload and the uuid id). */
export function toAuditEntry(event: AuditedEvent): NewAuditEntry {
  return {
    eventId: event.id,
    type: event.type,
    actorId: event.actor,
    userId: event.userId,
    taskId: event.subject,
    occurredAt: event.occurredAt,
    correlationId: event.correlationId,
    traceparent: event.traceparent,
    changes: auditChanges(event),
  };
}

/**
 * Each task's project as the batch's last snapshot of it says (events of one task are in
 * order within a partition); events without a snapshot or older ones without `projectId` say
 * nothing.
 */
export function taskProjectsOf(events: readonly AuditedEvent[]): TaskProject[] {
  const latest = new Map<string, TaskProject>();
  for (const event of events) {
    const projectId = 'task' in event.data ? event.data.task.projectId : undefined;
    if (projectId) latest.set(event.subject, { taskId: event.subject, projectId, at: event.occurredAt });
  }
  return [...latest.values()];
}

/**
 * Writes the events of a batch as audit rows in ONE multi-row insert, in the runner's
 * transaction (with the inbox claims), after the tasks' projects (which the insert reads when
 * an entry names a deleted account). Already-stored event ids are skipped.
 */
export async function handleBatch(
  trx: Transaction<AuditDB>,
  events: ReadonlyArray<{ event: AuditedEvent }>,
): Promise<number> {
  await recordTaskProjects(trx, taskProjectsOf(events.map(({ event }) => event)));
  return insertAuditEntries(
    trx,
    events.map(({ event }) => toAuditEntry(event)),
  );
}

/** One event (the runner's fallback path). */
export async function handle(trx: Transaction<AuditDB>, event: AuditedEvent): Promise<void> {
  await handleBatch(trx, [{ event }]);
}
