import type { Selectable } from 'kysely';
import type { ReminderTable, TagTable } from './db/database.js';

/** GraphQL `Tag` parent: the row. */
export type TagModel = Selectable<TagTable>;
/**
 * GraphQL `Reminder` parent: the fields its resolvers read. A row has them, and so does a
 * `reminder.due` event's snapshot (the subscription feed), so neither has to invent the rest.
 */
export type ReminderModel = Pick<
  Selectable<ReminderTable>,
  'id' | 'user_id' | 'task_id' | 'remind_at' | 'offset_minutes' | 'state' | 'fired_at' | 'snoozed_until'
>;
/** GraphQL `Task` parent in planning: only the key; tasks owns the rest. */
export interface TaskRefModel {
  id: string;
}
