import type { Transaction } from 'kysely';
import type { EventEnvelope } from '@taskwire/platform/events';
import type { AuditDB, StoredFieldChange } from '@taskwire/audit/db/database';
import { insertAuditEntries, type NewAuditEntry } from '@taskwire/audit/modules/audit/audit.repository';

/** Event types written to the audit log, all at payload version 1 (schema/EVENTS.md). */
export const auditedEventTypes: ReadonlySet<string> = new Set([
  'task.created',
  'task.updated',
  'task.completed',
  'task.reopened',
  'task.deleted',
  'task.tagged',
  'task.untagged',
  'reminder.added',
  'reminder.snoozed',
  'reminder.dismissed',
  'reminder.rescheduled',
  'reminder.cancelled',
  'reminder.fired',
]);

/** An event the audit-writer cannot map: unknown type or version, or a payload off contract. */
export class UnsupportedAuditEventError extends Error {
  override name = 'UnsupportedAuditEventError';
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnsupportedAuditEventError(`${path} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Json;
}

function str(value: unknown, path: string): string {
  if (typeof value !== 'string')
    throw new UnsupportedAuditEventError(`${path} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function nullable(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** Adds a change only when the value actually changed. */
function changed(field: string, old: unknown, now: unknown): StoredFieldChange[] {
  const o = nullable(old);
  const n = nullable(now);
  return JSON.stringify(o) === JSON.stringify(n) ? [] : [{ field, old: o, new: n }];
}

function reminderOf(data: Json): Json {
  return object(data.reminder, 'data.reminder');
}

/**
 * The changed fields of an event, per the "Audit mapping" table of schema/EVENTS.md.
 * Where an event does not carry a previous value (e.g. a reminder's state before it was
 * dismissed), `old` is null.
 * @throws UnsupportedAuditEventError for an unknown type or version, or a payload that
 *   lacks what the mapping needs (the runner dead-letters it).
 */
export function auditChanges(event: EventEnvelope): StoredFieldChange[] {
  if (!auditedEventTypes.has(event.type)) {
    throw new UnsupportedAuditEventError(
      `unknown event type ${JSON.stringify(event.type)} (audit-writer knows ${[...auditedEventTypes].join(', ')})`,
    );
  }
  if (event.version !== 1) {
    throw new UnsupportedAuditEventError(
      `unsupported version ${JSON.stringify(event.version)} of ${event.type} (audit-writer knows version 1)`,
    );
  }
  const data = object(event.data, 'data');
  switch (event.type) {
    case 'task.created': {
      const task = object(data.task, 'data.task');
      return Object.entries(task)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([field, value]) => ({ field, old: null, new: value }));
    }
    case 'task.updated': {
      object(data.task, 'data.task');
      if (!Array.isArray(data.changes))
        throw new UnsupportedAuditEventError(`data.changes must be an array, got ${JSON.stringify(data.changes)}`);
      return data.changes.map((raw, i) => {
        const c = object(raw, `data.changes[${i}]`);
        return { field: str(c.field, `data.changes[${i}].field`), old: nullable(c.old), new: nullable(c.new) };
      });
    }
    case 'task.completed': {
      const task = object(data.task, 'data.task');
      return [
        { field: 'status', old: 'OPEN', new: 'COMPLETED' },
        { field: 'completedAt', old: null, new: str(task.completedAt, 'data.task.completedAt') },
      ];
    }
    case 'task.reopened':
      object(data.task, 'data.task');
      return [
        { field: 'status', old: 'COMPLETED', new: 'OPEN' },
        { field: 'completedAt', old: str(data.previousCompletedAt, 'data.previousCompletedAt'), new: null },
      ];
    case 'task.deleted':
      object(data.task, 'data.task');
      return [];
    case 'task.tagged':
    case 'task.untagged': {
      const name = str(object(data.tag, 'data.tag').name, 'data.tag.name');
      return [
        event.type === 'task.tagged'
          ? { field: 'tags', old: null, new: name }
          : { field: 'tags', old: name, new: null },
      ];
    }
    case 'reminder.added': {
      const r = reminderOf(data);
      return [
        ...changed('remindAt', null, str(r.remindAt, 'data.reminder.remindAt')),
        ...changed('state', null, r.state),
        ...changed('snoozedUntil', null, r.snoozedUntil),
      ];
    }
    case 'reminder.snoozed': {
      // A snooze keeps remindAt and sets snoozedUntil; previousRemindAt is when it would
      // have fired: the earlier snooze's time, or remindAt when it was not snoozed before.
      const r = reminderOf(data);
      const previous = str(data.previousRemindAt, 'data.previousRemindAt');
      const remindAt = str(r.remindAt, 'data.reminder.remindAt');
      if (r.snoozedUntil == null) return changed('remindAt', previous, remindAt);
      return changed(
        'snoozedUntil',
        previous === remindAt ? null : previous,
        str(r.snoozedUntil, 'data.reminder.snoozedUntil'),
      );
    }
    case 'reminder.rescheduled': {
      const r = reminderOf(data);
      return changed(
        'remindAt',
        str(data.previousRemindAt, 'data.previousRemindAt'),
        str(r.remindAt, 'data.reminder.remindAt'),
      );
    }
    case 'reminder.fired':
      // Only a SCHEDULED reminder fires (a snooze makes it SCHEDULED again).
      return changed('state', 'SCHEDULED', str(reminderOf(data).state, 'data.reminder.state'));
    case 'reminder.dismissed':
    case 'reminder.cancelled':
      // The state before (scheduled, fired or acknowledged) is not carried by these events.
      return changed('state', null, str(reminderOf(data).state, 'data.reminder.state'));
    default:
      // auditedEventTypes and this switch must agree.
      throw new UnsupportedAuditEventError(`no audit mapping for ${event.type}`);
  }
}

/**
 * Pure mapping event → audit row.
 * @throws UnsupportedAuditEventError (see `auditChanges`).
 */
export function toAuditEntry(event: EventEnvelope): NewAuditEntry {
  const changes = auditChanges(event);
  if (Number.isNaN(Date.parse(event.occurredAt))) {
    throw new UnsupportedAuditEventError(
      `envelope.occurredAt must be an RFC 3339 time, got ${JSON.stringify(event.occurredAt)}`,
    );
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(event.id)) {
    throw new UnsupportedAuditEventError(`envelope.id must be a uuid, got ${JSON.stringify(event.id)}`);
  }
  return {
    eventId: event.id,
    type: event.type,
    actorId: event.actor ?? null,
    userId: event.userId,
    taskId: event.subject,
    occurredAt: event.occurredAt,
    correlationId: event.correlationId ?? null,
    traceparent: event.traceparent ?? null,
    changes,
  };
}

/**
 * Writes the events of a batch as audit rows in ONE multi-row insert, in the runner's
 * transaction (with the inbox claims). Already-stored event ids are skipped.
 * @throws UnsupportedAuditEventError when any event cannot be mapped (the runner then
 *   retries one by one and dead-letters the culprit).
 */
export async function handleBatch(
  trx: Transaction<AuditDB>,
  events: ReadonlyArray<{ event: EventEnvelope }>,
): Promise<number> {
  return insertAuditEntries(
    trx,
    events.map(({ event }) => toAuditEntry(event)),
  );
}

/** One event (the runner's fallback path). */
export async function handle(trx: Transaction<AuditDB>, event: EventEnvelope): Promise<void> {
  await handleBatch(trx, [{ event }]);
}
