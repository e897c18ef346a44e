import { eventContract, eventTypes, topics, type EventTypeOn } from './contract.js';

/** An event type written to the audit log: every type on task-events (schema/EVENTS.md). */
export type AuditedEventType = EventTypeOn<typeof topics.task>;

/** Event types written to the audit log, in contract order. */
export const auditedEventTypes: readonly AuditedEventType[] = eventTypes.filter(
  (type): type is AuditedEventType => eventContract[type].topic === topics.task,
);

/** Whether `type` is one of {@link auditedEventTypes}. */
export function isAuditedEventType(type: string): type is AuditedEventType {
  return (auditedEventTypes as readonly string[]).includes(type);
}

/**
 * The name of an event type as a GraphQL enum value (`AuditEntry.kind`): `task.created` →
 * `TASK_CREATED`. The enum in schema/audit.graphql is these names, one per audited type.
 */
export type AuditEntryKindOf<T extends string> = T extends `${infer Domain}.${infer Action}`
  ? `${Uppercase<Domain>}_${Uppercase<Action>}`
  : never;

/** {@link AuditEntryKindOf} for a value: the `AuditEntry.kind` of an audited event type. */
export function auditEntryKind<T extends AuditedEventType>(type: T): AuditEntryKindOf<T> {
  return type.toUpperCase().replace('.', '_') as AuditEntryKindOf<T>;
}
