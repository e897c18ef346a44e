import type { Generated } from 'kysely';
import type { IdempotencyKeysTable } from '@taskwire/platform/idempotency.repository';
import type { OutboxTable } from '@taskwire/platform/outbox';
import type { ProcessedEventsTable } from '@taskwire/platform/inbox';

export type ReminderStateValue = 'SCHEDULED' | 'FIRED' | 'ACKNOWLEDGED' | 'DISMISSED' | 'CANCELLED';

export interface TagTable {
  id: string;
  user_id: string;
  name: string;
  /** `#rrggbb`, lower-case, or null. */
  color: string | null;
  created_at: Generated<Date>;
}

export interface TaskTagTable {
  task_id: string;
  tag_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface ReminderTable {
  id: string;
  user_id: string;
  task_id: string;
  /** The reminder's time: absolute, or the task's due time minus offset_minutes. */
  remind_at: Date;
  /** Set for relative reminders (minutes before the task's due time). */
  offset_minutes: number | null;
  state: ReminderStateValue;
  /** Time of the latest firing. */
  fired_at: Date | null;
  snoozed_until: Date | null;
  /**
   * When the scheduler fires it next: `coalesce(snoozed_until, remind_at)` while SCHEDULED,
   * null otherwise. The scheduler's claim query and its partial index use only this column.
   */
  fire_at: Date | null;
  /** Number of firings so far; the next firing gets `fire_count + 1` as its sequence. */
  fire_count: Generated<number>;
  /** Why it was cancelled (state CANCELLED): reopening the task restores `task-completed` ones. */
  cancel_reason: Generated<ReminderCancelReason | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ReminderCancelReason = 'task-deleted' | 'task-completed' | 'due-cleared' | 'task-trashed';

export interface ReminderFiringTable {
  /** The firing id carried by `reminder.due` / `reminder.fired` (uuid v7). */
  id: string;
  reminder_id: string;
  user_id: string;
  task_id: string;
  /** 1 for the reminder's first firing; unique per reminder (exactly one firing per occurrence). */
  seq: number;
  /** The time it was due (remind_at, or snoozed_until). */
  due_at: Date;
  fired_at: Date;
  late_ms: number;
  acknowledged_at: Date | null;
  /** The scheduler replica that fired it (host:pid). */
  fired_by: string | null;
}

/** planning's projection of each task, kept from `task-events` by planning-sync. */
export interface TaskStateTable {
  task_id: string;
  user_id: string;
  /** Null for a task whose latest event predates this column. */
  title: string | null;
  due_at: Date | null;
  due_date: string | null;
  status: string;
  deleted: Generated<boolean>;
  /** In the Trash (task.trashed until task.restored): no tags or reminders may be added. */
  trashed: Generated<boolean>;
  series_id: string | null;
  occurrence: number | null;
  predecessor_id: string | null;
  /** `updatedAt` of the latest snapshot applied. */
  task_updated_at: Date | null;
  /** The task's project; null while no event carrying it has arrived (older events lack it). */
  project_id: string | null;
  updated_at: Generated<Date>;
}

/** Projection of the tasks subgraph's memberships (`project-events`): who may use a project's tasks. */
import type { ProjectMemberTable } from '@taskwire/platform/project-members';
export type { ProjectMemberTable };

/** Tombstones of deleted accounts (id and time only): nothing is written for them again. */
export interface ErasedUserTable {
  user_id: string;
  erased_at: Generated<Date>;
}

export interface PlanningDatabase {
  tag: TagTable;
  task_tag: TaskTagTable;
  reminder: ReminderTable;
  reminder_firing: ReminderFiringTable;
  task_state: TaskStateTable;
  project_member: ProjectMemberTable;
  erased_user: ErasedUserTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  processed_events: ProcessedEventsTable;
}

export const planningSchema = 'planning';
