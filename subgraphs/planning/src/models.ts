import type { Selectable } from 'kysely';
import type { ReminderTable, TagTable } from './db/database.js';

/** GraphQL `Tag` parent: the row. */
export type TagModel = Selectable<TagTable>;
/** GraphQL `Reminder` parent: the row. */
export type ReminderModel = Selectable<ReminderTable>;
/** GraphQL `Task` parent in planning: only the key; tasks owns the rest. */
export interface TaskRefModel {
  id: string;
}
