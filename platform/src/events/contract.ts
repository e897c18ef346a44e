import { z } from 'zod';

/**
 * The event contract: every topic, every event type with its version, key and payload schema,
 * and the envelope around them. schema/EVENTS.md documents this module (a test keeps them equal).
 * Types are inferred from the schemas, so producers and consumers cannot drift from it.
 */

/** Topics and their dead-letter topics (`<topic>.dlq`). */
export const topics = {
  task: 'task-events',
  reminder: 'reminder-events',
  user: 'user-events',
  project: 'project-events',
} as const;
export type Topic = (typeof topics)[keyof typeof topics];
export const allTopics: readonly Topic[] = Object.values(topics);

/** Dead-letter topic of `topic`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

const instant = z.iso.datetime({ offset: true });
const date = z.iso.date();
const id = z.string().min(1);

export const priority = z.enum(['LOW', 'MEDIUM', 'HIGH', 'URGENT']);
export const taskStatus = z.enum(['OPEN', 'COMPLETED']);
export const recurrenceAnchor = z.enum(['SCHEDULE', 'COMPLETION']);
export const projectRole = z.enum(['OWNER', 'EDITOR', 'VIEWER']);
export const reminderState = z.enum(['SCHEDULED', 'FIRED', 'ACKNOWLEDGED', 'DISMISSED', 'CANCELLED']);

/** Full state of a task after the change (before it, for `task.deleted`). */
export const taskSnapshot = z.object({
  id,
  userId: id,
  title: z.string(),
  description: z.string().nullable(),
  priority,
  status: taskStatus,
  dueAt: instant.nullable(),
  dueDate: date.nullable(),
  completedAt: instant.nullable(),
  recurrence: z.object({ rrule: z.string(), timeZone: z.string(), anchor: recurrenceAnchor }).nullable(),
  seriesId: id.nullable(),
  occurrence: z.number().int().positive().nullable(),
  /** dueAt or dueDate of occurrence 1. */
  seriesStart: z.string().nullable(),
  /** The project the task belongs to. Added later within v1: older messages lack it. */
  projectId: id.optional(),
  /** The member it is assigned to, or null. Added later within v1: older messages lack it. */
  assigneeId: id.nullable().optional(),
  /** Who created it; null once their account is deleted. Added later within v1. */
  createdBy: id.nullable().optional(),
  /** Its key in the project's manual order (compare byte-wise). Added later within v1. */
  position: z.string().optional(),
  /** The task it is a subtask of, or null. Added later within v1. */
  parentId: id.nullable().optional(),
  createdAt: instant,
  updatedAt: instant,
});

/** One changed field, old and new values as JSON values (null when absent). */
export const fieldChange = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });

export const tagRef = z.object({ id, name: z.string(), color: z.string().nullable() });

export const reminderSnapshot = z.object({
  id,
  taskId: id,
  remindAt: instant,
  offsetMinutes: z.number().int().nullable(),
  state: reminderState,
  firedAt: instant.nullable(),
  snoozedUntil: instant.nullable(),
});

export const userSnapshot = z.object({
  id,
  email: z.string(),
  name: z.string(),
  timeZone: z.string(),
  createdAt: instant,
  updatedAt: instant,
  /** Whether the address is verified. Added later within v1: older messages lack it. */
  emailVerified: z.boolean().optional(),
});

/** A project as its owner sees it; members are told by `member.*` events. */
export const projectSnapshot = z.object({
  id,
  ownerId: id,
  name: z.string(),
  color: z.string().nullable(),
  archived: z.boolean(),
  isInbox: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

const projectFieldChange = fieldChange.extend({ field: z.enum(['name', 'color', 'archived', 'ownerId']) });

/** A member of a project: who, with which role, since when. */
export const memberSnapshot = z.object({ userId: id, role: projectRole, joinedAt: instant });

const userFieldChange = fieldChange.extend({ field: z.enum(['email', 'name', 'timeZone', 'emailVerified']) });

/** Which envelope field becomes the Kafka key (the partitioning, hence ordering, unit). */
type KeyField = 'subject' | 'userId';

function event<const T extends Topic, const V extends number, S extends z.ZodType>(
  topic: T,
  version: V,
  key: KeyField,
  data: S,
) {
  return { topic, version, key, data };
}

const tagData = z.object({ taskId: id, tag: tagRef });
const reminderData = z.object({ reminder: reminderSnapshot });
const movedReminderData = reminderData.extend({ previousRemindAt: instant });

/**
 * Every event type: topic, current version, key field and payload schema. A breaking payload
 * change is a new version; consumers dead-letter versions they do not know.
 */
export const eventContract = {
  'task.created': event(
    topics.task,
    1,
    'subject',
    z.object({ task: taskSnapshot, predecessorId: id.nullable(), skippedOccurrences: z.number().int().min(0) }),
  ),
  'task.updated': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot, changes: z.array(fieldChange) })),
  'task.completed': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot })),
  'task.reopened': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot, previousCompletedAt: instant })),
  'task.deleted': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot })),
  /** Moved to the Trash (`deleteTask`): the task is kept, hidden, for 30 days; its tags stay. */
  'task.trashed': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot, trashedAt: instant })),
  /** Taken back out of the Trash (`restoreTask`), as it was. */
  'task.restored': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot, previousTrashedAt: instant })),
  /** Purged from the Trash after 30 days: gone for good, as after `task.deleted`. */
  'task.purged': event(topics.task, 1, 'subject', z.object({ task: taskSnapshot, trashedAt: instant })),
  'task.tagged': event(topics.task, 1, 'subject', tagData),
  'task.untagged': event(topics.task, 1, 'subject', tagData),
  'reminder.added': event(topics.task, 1, 'subject', reminderData),
  'reminder.snoozed': event(topics.task, 1, 'subject', movedReminderData),
  'reminder.dismissed': event(topics.task, 1, 'subject', reminderData),
  'reminder.rescheduled': event(topics.task, 1, 'subject', movedReminderData),
  'reminder.cancelled': event(
    topics.task,
    1,
    'subject',
    reminderData.extend({ reason: z.enum(['task-deleted', 'task-completed', 'due-cleared', 'task-trashed']) }),
  ),
  'reminder.fired': event(
    topics.task,
    1,
    'subject',
    reminderData.extend({ firingId: id, firedAt: instant, lateMs: z.number().int().min(0) }),
  ),
  'reminder.due': event(
    topics.reminder,
    1,
    'userId',
    z.object({
      firingId: id,
      reminder: reminderSnapshot,
      taskId: id,
      /** Added later within v1: older messages lack it. */
      taskTitle: z.string().optional(),
      firedAt: instant,
      lateMs: z.number().int().min(0),
    }),
  ),
  'reminder.acknowledged': event(
    topics.reminder,
    1,
    'userId',
    z.object({ reminderId: id, firingId: id, taskId: id, acknowledgedAt: instant }),
  ),
  'project.created': event(topics.project, 1, 'subject', z.object({ project: projectSnapshot })),
  'project.updated': event(
    topics.project,
    1,
    'subject',
    z.object({ project: projectSnapshot, changes: z.array(projectFieldChange) }),
  ),
  /** After the `task.deleted` of each of its tasks. */
  'project.deleted': event(topics.project, 1, 'subject', z.object({ project: projectSnapshot })),
  'member.added': event(topics.project, 1, 'subject', z.object({ project: projectSnapshot, member: memberSnapshot })),
  'member.updated': event(
    topics.project,
    1,
    'subject',
    z.object({ project: projectSnapshot, member: memberSnapshot, previousRole: projectRole }),
  ),
  'member.removed': event(
    topics.project,
    1,
    'subject',
    z.object({
      project: projectSnapshot,
      member: memberSnapshot,
      reason: z.enum(['removed', 'left', 'account-deleted']),
    }),
  ),
  'member.invited': event(
    topics.project,
    1,
    'subject',
    z.object({
      project: projectSnapshot,
      invitation: z.object({ email: z.string(), role: projectRole, invitedAt: instant }),
      invitedBy: id,
    }),
  ),
  'user.created': event(topics.user, 1, 'subject', z.object({ user: userSnapshot })),
  'user.updated': event(topics.user, 1, 'subject', z.object({ user: userSnapshot, changes: z.array(userFieldChange) })),
  'user.deleted': event(topics.user, 1, 'subject', z.object({ user: userSnapshot })),
} as const;

export type EventContract = typeof eventContract;
export type EventType = keyof EventContract;
export const eventTypes = Object.keys(eventContract) as EventType[];

/** Payload of `T` as a producer writes it and a consumer reads it. */
export type EventData<T extends EventType> = z.infer<EventContract[T]['data']>;
/** Event types carried by `topic`. */
export type EventTypeOn<P extends Topic> = {
  [T in EventType]: EventContract[T]['topic'] extends P ? T : never;
}[EventType];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventContract, type);
}

/** Envelope fields every event carries, whatever its type (`data` is checked per type). */
export const envelopeSchema = z.object({
  /** uuid v7: unique per event, time-ordered; inboxes and the audit log key on it. */
  id: z.uuid(),
  type: z.string().min(1),
  /** Payload version of this type. */
  version: z.number().int().positive(),
  occurredAt: instant,
  /** User id of who caused it, or null for the system (scheduler, recurrence). */
  actor: z.string().nullable(),
  /**
   * Aggregate id: the task id on task-events and reminder-events, the user id on user-events,
   * the project id on project-events.
   */
  subject: id,
  /** Owner of the aggregate: consumers scope effects and reads by it. */
  userId: id,
  data: z.record(z.string(), z.unknown()),
  /** W3C trace context of the causing request. */
  traceparent: z.string().nullable().default(null),
  /** `x-request-id` of the causing request. */
  correlationId: z.string().nullable().default(null),
});

/** An envelope whose payload has not been checked against its type. */
export type EventEnvelope = z.infer<typeof envelopeSchema>;

/** A checked event of type `T` (distributes over unions, so `switch (event.type)` narrows `data`). */
export type EventOf<T extends EventType = EventType> = T extends EventType
  ? Omit<EventEnvelope, 'type' | 'version' | 'data'> & {
      type: T;
      version: EventContract[T]['version'];
      data: EventData<T>;
    }
  : never;

/** Who caused an event and the request it came from. */
export type EventOrigin = Pick<EventEnvelope, 'actor'> & Partial<Pick<EventEnvelope, 'traceparent' | 'correlationId'>>;

export type Priority = z.infer<typeof priority>;
export type TaskStatus = z.infer<typeof taskStatus>;
export type RecurrenceAnchor = z.infer<typeof recurrenceAnchor>;
export type ReminderState = z.infer<typeof reminderState>;
export type TaskSnapshot = z.infer<typeof taskSnapshot>;
export type FieldChange = z.infer<typeof fieldChange>;
export type TagRef = z.infer<typeof tagRef>;
export type ReminderSnapshot = z.infer<typeof reminderSnapshot>;
export type UserSnapshot = z.infer<typeof userSnapshot>;
